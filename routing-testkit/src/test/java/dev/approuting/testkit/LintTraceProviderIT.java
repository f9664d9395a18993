package dev.approuting.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.cli.RoutingCommandLine;
import dev.approuting.testkit.fixtures.ShopRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code routing lint --trace} without a URL traces on the server routing-testkit's provider starts. */
class LintTraceProviderIT {
    @TempDir
    Path dir;

    @Test
    void theLintCommandTracesOnTheTestkitServerWhenNoUrlIsGiven() throws IOException {
        Path crm = Files.createDirectories(dir.resolve("crm"));
        Files.writeString(
                crm.resolve("V1__customer.sql"),
                "CREATE TABLE customer (id bigint PRIMARY KEY, name varchar(100) NOT NULL, email varchar(200));");
        Files.writeString(crm.resolve("V2__rename_and_retype.sql"), """
                SET lock_timeout = '5s';
                ALTER TABLE customer RENAME COLUMN email TO mail;
                ALTER TABLE customer ALTER COLUMN name TYPE integer USING length(name);
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = RoutingCommandLine.run(
                ShopRegistry.REGISTRY,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                "lint",
                "--trace",
                crm.toString());

        assertThat(err.toString()).isEmpty();
        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("traced on PostgreSQL 17.")
                .contains("rewrote crm.customer")
                .contains("crm.customer.email: email -> mail");
    }
}

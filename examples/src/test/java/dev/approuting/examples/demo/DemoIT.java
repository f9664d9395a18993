package dev.approuting.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The README's first command, as CI runs it: the demo ends by itself and shows what it promises. */
class DemoIT {
    @Test
    void runsTheCompanyEndToEnd() {
        StringWriter text = new StringWriter();
        int exit = new Demo(new PrintWriter(text, true)).run();
        String out = text.toString();

        assertThat(exit).as(out).isZero();
        assertThat(out)
                .containsPattern("buildsense\\s+buildsense, ingestion, workflow\\s+10 applied\\s+buildsense_dev_0001")
                .containsPattern("buildsense/api\\s+workflow -> database buildsense\\s+pending: \\[process-build]")
                .containsPattern("crawler/maven\\s+workflow -> database maven\\s+pending: \\[resolve-dependencies]")
                .containsPattern("crawler/pypi\\s+workflow -> database pypi\\s+pending: \\[extract-metadata]")
                .contains("stopped before it ran, CROSS_DATABASE_ACCESS:")
                .contains("app 'workflow' (database 'buildsense') queried table users.user_account of app 'users',")
                .containsPattern("notifications\\s+notifications\\s+1\\s+0\\s+ok")
                .contains("status: every database is up to date");
        assertThat(out).doesNotContain("Exception").doesNotContain("WARN").doesNotContain("password");
    }

    @Test
    void explainsItsOptions() {
        StringWriter text = new StringWriter();
        assertThat(new Demo(new PrintWriter(text, true)).run("--help")).isZero();
        assertThat(text.toString()).startsWith("usage: ./demo [--url JDBC_URL [--user USER]]");

        StringWriter bad = new StringWriter();
        assertThat(new Demo(new PrintWriter(bad, true)).run("--port", "1")).isEqualTo(2);
        assertThat(bad.toString()).startsWith("unknown option '--port'");
    }
}

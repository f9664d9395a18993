package dev.approuting.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.approuting.testkit.postgres.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Bad input fails the start-up with an analysis naming the service, app and database, and the fix. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailuresIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.embedded();

    @TempDir
    static Path secrets;

    @BeforeAll
    static void databases() throws Exception {
        Shop.databases(pg, secrets, "d01", "d02");
    }

    @Configuration
    static class UnknownApp {
        @Bean
        String greeting(@App("payments") DSLContext payments) {
            return "never";
        }
    }

    @Configuration
    static class SecondDataSource {
        @Bean
        @Db("d02")
        DataSource myBilling() {
            return new DriverManagerDataSource("jdbc:postgresql://localhost/d02");
        }
    }

    /** What Spring Boot prints for the failed start-up: the report our FailureAnalyzer wrote. */
    private static Report analyse(CapturedOutput output, Path dir, Class<?> extra, String... properties) {
        Throwable failure =
                catchThrowable(() -> Shop.start(dir, new Class<?>[] {Shop.Application.class, extra}, properties)
                        .close());
        assertThat(failure).as("the start-up should fail").isNotNull();
        String printed = output.getAll();
        int at = printed.lastIndexOf("APPLICATION FAILED TO START");
        assertThat(at).as("Spring Boot's failure report in:%n%s", printed).isNotNegative();
        String report = printed.substring(at);
        assertThat(report).as("the report comes from approuting's analyzer").contains("approuting could not start");
        int action = report.indexOf("Action:");
        return new Report(report.substring(0, action), report.substring(action));
    }

    record Report(String description, String action) {}

    @Test
    void aServiceTheRegistryDoesNotDeclare(CapturedOutput output) {
        Report analysis = analyse(output, secrets, Object.class, "approuting.service=shop/apii");
        assertThat(analysis.description()).contains("shop/apii").contains("shop/api");
        assertThat(analysis.action()).isNotBlank();
    }

    @Test
    void aMissingSecretNamesTheDatabaseAndWhereItLooked(CapturedOutput output) throws Exception {
        Path half = Files.createTempDirectory(secrets.getParent(), "half");
        Shop.secret(half, "d01", pg.host(), pg.port(), "d01");
        Report analysis = analyse(output, half, Object.class);
        assertThat(analysis.description())
                .contains("INVALID_CREDENTIALS")
                .contains("service 'shop/api'")
                .contains("database 'd02'")
                .contains("test-db-d02-creds")
                .doesNotContain("unused-in-trust-auth");
        assertThat(analysis.action()).contains("approuting.credentials.secrets-dir");
    }

    @Test
    void anUnknownAppInjected(CapturedOutput output) {
        Report analysis = analyse(output, secrets, UnknownApp.class);
        assertThat(analysis.description())
                .contains("@App(\"payments\")")
                .contains("payments")
                .contains("shop/api");
    }

    @Test
    void anUnknownAppInAppTransactional(CapturedOutput output) {
        Report analysis = analyse(output, secrets, Misrouted.class);
        assertThat(analysis.description()).contains("paymnts").contains("shop/api");
    }

    /** Names an app the service does not route. */
    @org.springframework.stereotype.Component
    static class Misrouted {
        @AppTransactional("paymnts")
        public void pay() {}
    }

    @Test
    void twoBeansForOneDatabase(CapturedOutput output) {
        Report analysis = analyse(output, secrets, SecondDataSource.class);
        assertThat(analysis.description())
                .contains("bean 'myBilling' is declared @Db(\"d02\")")
                .contains("two beans for one database")
                .contains("shop/api");
    }

    @Test
    void settingsForADatabaseTheServiceDoesNotDeclare(CapturedOutput output) {
        Report analysis = analyse(output, secrets, Object.class, "approuting.databases.d03.essential=false");
        assertThat(analysis.description())
                .contains("approuting.databases names [d03]")
                .contains("shop/api");
    }
}

package dev.approuting.testkit.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresExtensionIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.restartable(PostgresProvider.embedded());

    private static int port;

    @Test
    @Order(1)
    void aRestartedServerKeepsItsDataAndPort() {
        pg.execute("postgres", "CREATE DATABASE kept");
        port = pg.port();
        assertThat(pg.keepsData())
                .as("its directory is deleted after the class")
                .isFalse();

        pg.stop();
        assertThat(pg.port()).isEqualTo(port);
        pg.start();

        assertThat(pg.port()).isEqualTo(port);
        assertThat(pg.column("postgres", "SELECT datname FROM pg_database WHERE datname = 'kept'"))
                .containsExactly("kept");
    }

    @Test
    @Order(2)
    void aFailingStatementIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> pg.execute("postgres", "CREATE ROLE x LOGIN PASSWORD 'Sec''ret-1' BOGUS"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PASSWORD '****' BOGUS")
                .hasMessageNotContaining("Sec");
    }

    @Nested
    class ANestedClass {
        @Test
        void sharesTheServerOfItsOuterClass() {
            assertThat(pg.column("postgres", "SELECT datname FROM pg_database WHERE datname = 'kept'"))
                    .containsExactly("kept");
        }
    }

    @Nested
    class AnotherNestedClass {
        @Test
        void findsItStillRunningAfterTheFirstNestedClassEnded() {
            assertThat(pg.port()).isEqualTo(port);
            assertThat(pg.column("postgres", "SELECT 1")).containsExactly("1");
        }
    }
}

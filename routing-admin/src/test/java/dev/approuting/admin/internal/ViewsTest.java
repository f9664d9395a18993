package dev.approuting.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.Environment;
import dev.approuting.core.PoolState;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.ServiceName;
import dev.approuting.flyway.AppStatus;
import dev.approuting.flyway.DatabaseStatus;
import dev.approuting.flyway.MigrationError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private static final AppStatus USERS = new AppStatus(
            AppName.of("users"),
            true,
            "2",
            true,
            List.of("3", "4"),
            List.of(),
            List.of("1"),
            List.of(),
            List.of(),
            false,
            null);
    private static final Snapshot SNAPSHOT = new Snapshot(
            ServiceName.of("toolshed"),
            Environment.DEVELOPMENT,
            Instant.parse("2026-01-02T03:04:05Z"),
            List.of(
                    new Snapshot.Database(
                            false,
                            "db.example.com:5432",
                            true,
                            3,
                            new PoolState("db-users", true, 3, 1, 2, 0),
                            new DatabaseStatus(DbName.of("users"), true, null, List.of(USERS), List.of("old_app")),
                            List.of(new Snapshot.App(
                                    USERS,
                                    List.of(new Snapshot.Lint("V3__<x>.sql", 2, "error", "not-null", "a <b>"))))),
                    new Snapshot.Database(
                            true,
                            "host\"with<odd>&chars:5432",
                            false,
                            1001,
                            null,
                            DatabaseStatus.unreadable(
                                    DbName.of("maven"),
                                    List.of(AppName.of("catalog")),
                                    List.of(),
                                    new MigrationError(
                                            "FATAL: database \"<b>m</b>\" does not exist\nsecond line",
                                            null,
                                            null,
                                            null)),
                            List.of(Snapshot.App.unknown(AppName.of("catalog"))))),
            List.of(
                    new Snapshot.Route(
                            ServiceName.of("maven/crawler"), AppName.of("catalog"), DbName.of("maven"), false),
                    new Snapshot.Route(ServiceName.of("toolshed"), AppName.of("users"), DbName.of("users"), true)));

    @Test
    void htmlEscapesEveryText() {
        assertThat(HtmlPage.escape("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        String page = HtmlPage.render(SNAPSHOT, Duration.ofSeconds(7));
        assertThat(page)
                .contains("host&quot;with&lt;odd&gt;&amp;chars:5432")
                .contains("database &quot;&lt;b&gt;m&lt;/b&gt;&quot; does not exist")
                .doesNotContain("<b>m</b>", "<odd>")
                .contains("<meta http-equiv=\"refresh\" content=\"7\">")
                .contains("1 of 2 databases reachable · 2 migrations pending")
                .contains("2 pending: 3, 4", "changed after apply 1", "orphaned history")
                .contains("total=3, active=1, idle=2, waiting=0")
                .contains("<span class=\"tag dev\">dev-only</span>")
                .contains("<td>maven/crawler</td><td>catalog</td><td>maven</td>")
                .contains("2026-01-02 03:04:05 UTC")
                .contains("<code>V3__&lt;x&gt;.sql:2</code> error <code>not-null</code>: a &lt;b&gt;");
    }

    @Test
    void readersShowTheirLagAndFallbacksOnThePageAndInMetrics() {
        Snapshot.Database users = SNAPSHOT.databases().get(0);
        ReaderHealth lagging = new ReaderHealth(
                "replica.example.com:5432",
                ReaderHealth.State.LAGGING,
                "it lags 2500 ms behind the writer",
                Duration.ofMillis(2500),
                "0/3000148",
                41,
                7,
                new PoolState("db-users-reader", true, 2, 0, 2, 0));
        ReaderHealth unknownLag = new ReaderHealth(
                "r2:5432", ReaderHealth.State.DOWN, "refused", null, null, 0, 3, PoolState.readerNotOpened(users.db()));
        Snapshot snapshot = new Snapshot(
                SNAPSHOT.adminService(),
                SNAPSHOT.environment(),
                SNAPSHOT.takenAt(),
                List.of(
                        new Snapshot.Database(
                                users.devOnly(),
                                users.server(),
                                users.reachable(),
                                users.probeMillis(),
                                users.pool(),
                                users.status(),
                                users.apps(),
                                lagging),
                        new Snapshot.Database(
                                false,
                                "m:5432",
                                true,
                                1,
                                null,
                                new DatabaseStatus(DbName.of("maven"), true, null, List.of(), List.of()),
                                List.of(),
                                unknownLag)),
                SNAPSHOT.routes());

        assertThat(HtmlPage.render(snapshot, Duration.ofSeconds(7)))
                .contains("reader replica.example.com:5432: lagging, lag 2500 ms, 41 reads, 7 fallbacks to the writer")
                .contains("reader r2:5432: down, lag unknown, 0 reads, 3 fallbacks to the writer");
        assertThat(PrometheusText.render(snapshot))
                .contains("approuting_replica_serving{db=\"users\"} 0\n")
                .contains("approuting_replica_lag_seconds{db=\"users\"} 2.5\n")
                .doesNotContain("approuting_replica_lag_seconds{db=\"maven\"")
                .contains("approuting_replica_reads{db=\"users\"} 41\n")
                .contains("approuting_replica_fallbacks{db=\"maven\"} 3\n");
        assertThat(PrometheusText.render(SNAPSHOT)).doesNotContain("approuting_replica");
    }

    @Test
    void prometheusTextEscapesLabelsAndListsPools() {
        String text = PrometheusText.render(SNAPSHOT);
        assertThat(text)
                .contains("approuting_database_up{db=\"maven\"} 0\n")
                .contains("approuting_database_up{db=\"users\"} 1\n")
                .doesNotContain("server=", "host\\\"with", "db.example.com")
                .contains("approuting_database_probe_seconds{db=\"maven\"} 1.001\n")
                .contains("approuting_migrations_pending{db=\"users\",app=\"users\"} 2\n")
                .contains("approuting_migration_problems{db=\"users\",app=\"users\"} 1\n")
                .contains("approuting_migration_info{db=\"users\",app=\"users\",version=\"2\"} 1\n")
                .contains("approuting_pool_total_connections{db=\"users\"} 3\n")
                .contains("approuting_migration_lint_findings{db=\"users\",app=\"users\"} 1\n")
                .doesNotContain("app=\"catalog\"");
        assertThat(PrometheusText.escape("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
        for (String line : text.lines().toList()) {
            assertThat(line).matches("# (HELP|TYPE) approuting_[a-z_]+ .+|approuting_[a-z_]+\\{.*\\} [0-9.]+");
        }
    }

    @Test
    void jsonHealthNamesEachDatabase() {
        String health = JsonView.health(SNAPSHOT);
        assertThat(health).contains("\"status\" : \"DOWN\"", "\"db\" : \"maven\"", "\"reachable\" : false");
    }
}

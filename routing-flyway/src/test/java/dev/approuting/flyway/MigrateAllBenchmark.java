package dev.approuting.flyway;

import dev.approuting.core.DbName;
import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall time of migrate-all over 10 databases × 20 migrations, one database at a time against
 * several at once, in one run on one embedded server. Run by hand (not a test):
 *
 * <pre>{@code
 * java -cp "$(cat cp.txt):target/classes:target/test-classes" dev.approuting.flyway.MigrateAllBenchmark
 * }</pre>
 */
public final class MigrateAllBenchmark {
    private static final Logger log = LoggerFactory.getLogger(MigrateAllBenchmark.class);

    private MigrateAllBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path scripts = Files.createTempDirectory("bench-migrations");
        for (String app : List.of("ledger", "orders")) {
            Path dir = Files.createDirectories(scripts.resolve(app));
            for (int v = 1; v <= 10; v++) {
                Files.writeString(
                        dir.resolve("V" + v + "__step_" + v + ".sql"),
                        "CREATE TABLE t" + v
                                + " (id bigint PRIMARY KEY, name text NOT NULL, at timestamptz DEFAULT now());\n"
                                + "CREATE INDEX t" + v + "_name ON t" + v + " (name);\n"
                                + "INSERT INTO t" + v
                                + " (id, name) SELECT g, 'n' || g FROM generate_series(1, 200) g;\n");
            }
        }
        MigrationConfig config = MigrationConfig.builder()
                .defaults(s -> s.locations("filesystem:" + scripts + "/{app}"))
                .build();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (Pg pg = Pg.start()) {
            time(pg, config, "warm-up", 10, 4);
            List<String> lines = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                lines.add(time(pg, config, "round " + round + " one-by-one", 10, 1));
                lines.add(time(pg, config, "round " + round + " parallel 2", 10, 2));
                lines.add(time(pg, config, "round " + round + " parallel 4", 10, 4));
                lines.add(time(pg, config, "round " + round + " parallel 10", 10, 10));
            }
            lines.forEach(l -> log.warn("{}", l));
        }
    }

    private static String time(Pg pg, MigrationConfig config, String label, int dbCount, int parallelism) {
        DbRouterRegistry.Builder builder = DbRouterRegistry.builder();
        List<DbName> dbs = new ArrayList<>();
        for (int i = 1; i <= dbCount; i++) {
            DbName db = DbName.of("bench" + i);
            dbs.add(db);
            builder.router(
                    PerAppDbRouter.forDb(db.value()).apps("ledger", "orders").build());
        }
        pg.createDatabases(dbs);
        MigrateAllReport report = MigrateAll.configure(builder.build())
                .credentials(Company.credentials(pg, dbs))
                .config(config)
                .parallelism(parallelism)
                .run();
        if (!report.success() || report.appliedCount() != dbCount * 20) {
            throw new IllegalStateException(label + ": " + report);
        }
        return String.format(
                "%-26s %d databases x 20 migrations: %5d ms",
                label, dbCount, report.duration().toMillis());
    }
}

package dev.approuting.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the linter's lexer, parser and engine with seeded inputs: migrations of the scored corpus mutated
 * (ranges deleted, duplicated, swapped, truncated; tokens and odd characters inserted), corpus files
 * spliced together, and runs of random tokens, linted alone or as a folder of several scripts, under
 * varied settings. The only exception allowed is the documented one ({@link RoutingException} with
 * {@link ErrorCode#MIGRATION_FAILED}: a file that does not tokenize, holds a NUL or is too large); every
 * input must finish within 1 s.
 *
 * <p>{@code -Dfuzz.inputs=N} sets the number of inputs (default 5,000: a few seconds), {@code -Dfuzz.seed=S}
 * replays a run; input {@code i} of seed {@code S} is the same on every machine. The long run:
 * {@code ./mvnw -o -B test -pl routing-lint -am -Dtest=SqlFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfuzz.inputs=100000}.
 */
class SqlFuzzTest {
    private static final long HANG_MILLIS = 1_000;

    private static final String[] TOKENS = {
        "CREATE",
        "ALTER",
        "DROP",
        "TABLE",
        "INDEX",
        "CONCURRENTLY",
        "IF",
        "NOT",
        "EXISTS",
        "ON",
        "ADD",
        "COLUMN",
        "CONSTRAINT",
        "PRIMARY",
        "KEY",
        "UNIQUE",
        "FOREIGN",
        "REFERENCES",
        "CHECK",
        "DEFAULT",
        "NULL",
        "TYPE",
        "USING",
        "SET",
        "DATA",
        "RENAME",
        "TO",
        "SCHEMA",
        "DOMAIN",
        "FUNCTION",
        "PROCEDURE",
        "RETURNS",
        "LANGUAGE",
        "AS",
        "BEGIN",
        "ATOMIC",
        "END",
        "CASE",
        "WHEN",
        "THEN",
        "DO",
        "COMMIT",
        "ROLLBACK",
        "VALIDATE",
        "VALID",
        "ATTACH",
        "DETACH",
        "PARTITION",
        "FOR",
        "VALUES",
        "FROM",
        "WITH",
        "INSERT",
        "INTO",
        "UPDATE",
        "DELETE",
        "WHERE",
        "SELECT",
        "COPY",
        "PROGRAM",
        "ROLE",
        "USER",
        "DATABASE",
        "SYSTEM",
        "EXTENSION",
        "REINDEX",
        "VACUUM",
        "TRUNCATE",
        "CLUSTER",
        "LOCK",
        "IN",
        "MODE",
        "ENUM",
        "VALUE",
        "BEFORE",
        "AFTER",
        "GENERATED",
        "ALWAYS",
        "STORED",
        "IDENTITY",
        "LOGGED",
        "UNLOGGED",
        "OWNER",
        "GRANT",
        "REVOKE",
        "COMMENT",
        "IS",
        "MATERIALIZED",
        "VIEW",
        "TRIGGER",
        "EXECUTE",
        "SEQUENCE",
        "lock_timeout",
        "statement_timeout",
        "set_config",
        "timestamptz",
        "int",
        "bigint",
        "varchar(10)",
        "numeric(10,2)",
        "text[]",
        "jsonb",
        "json",
        "serial",
        "t",
        "orders",
        "\"Quoted\"",
        "\"a\"\"b\"",
        "a.b.c",
        "shop.orders",
        "(",
        ")",
        ",",
        ";",
        ".",
        "::",
        "=",
        "*",
        "[",
        "]",
        "$1",
        "${app}",
        "${flyway:user}",
        "$$",
        "$x$",
        "$x",
        "'",
        "\"",
        "/*",
        "*/",
        "--",
        "E'",
        "U&'",
        "U&\"",
        "B'01'",
        "X'ff'",
        "\n",
        "\t",
        "0",
        "-1",
        "1e309",
        "99999999999999999999999",
        ".5",
        "'x'",
        "'it''s'",
        "E'\\''",
        "E'\\\\'",
        "$$ BEGIN END $$",
        "$f$ SELECT 1 $f$",
        "-- routing:ignore drop-column reason: x\n",
        "-- routing:ignore\n",
        "/* /* nested */ */",
        "\u00e9",
        "\uD83D\uDE00",
        "\uD800",
        "\u0000",
        "\r",
        "\f"
    };

    @Test
    void lintingMutatedAndRandomSqlNeverCrashesNorHangs() throws InterruptedException {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int inputs = Integer.getInteger("fuzz.inputs", 5_000);
        List<String> seeds = Corpus.cases().stream()
                .flatMap(c -> c.files().entrySet().stream())
                .filter(e -> e.getKey().endsWith(".sql"))
                .map(Map.Entry::getValue)
                .toList();
        assertThat(seeds).hasSizeGreaterThan(200);
        System.out.printf("SqlFuzzTest: seed %d (replay with -Dfuzz.seed=%d), %d inputs%n", seed, seed, inputs);

        List<String> crashes = new ArrayList<>();
        List<String> hangs = new ArrayList<>();
        long documented = 0;
        long slowest = 0;
        long started = System.nanoTime();
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
        try {
            for (int i = 0; i < inputs && crashes.size() + hangs.size() < 10; i++) {
                Random random = new Random(seed * 1_000_003L + i);
                Input input = input(random, seeds);
                Outcome outcome = run(worker, input);
                if (outcome.millis() > HANG_MILLIS) {
                    outcome = run(worker, input); // once more, so a pause of a loaded machine is not a hang
                }
                if (outcome.millis() > HANG_MILLIS) {
                    hangs.add("input " + i + " took over " + HANG_MILLIS + " ms: " + input);
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor(daemon());
                    continue;
                }
                slowest = Math.max(slowest, outcome.millis());
                Throwable error = outcome.error();
                if (error == null) {
                    continue;
                }
                if (error instanceof RoutingException e && e.code() == ErrorCode.MIGRATION_FAILED) {
                    documented++;
                    assertThat(e.getMessage()).as("input %d: %s", i, input).isNotBlank();
                } else {
                    crashes.add("input " + i + ": " + error + " at "
                            + List.of(error.getStackTrace()).subList(0, 3) + " for " + input);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "SqlFuzzTest: seed %d, %d inputs in %d ms, %d documented errors, %d crashes, %d hangs, slowest input"
                        + " %d ms%n",
                seed, inputs, millis, documented, crashes.size(), hangs.size(), slowest);

        assertThat(crashes).as("crashes (seed " + seed + ")").isEmpty();
        assertThat(hangs)
                .as("inputs over " + HANG_MILLIS + " ms (seed " + seed + ")")
                .isEmpty();
    }

    /** A fuzz input: scripts of one folder, in order, and the settings to lint them with. */
    private record Input(Map<String, String> scripts, int pgVersion, boolean mixed, boolean transactionalLock) {
        @Override
        public String toString() {
            String text = scripts.toString().replace("\n", "\\n").replace("\0", "\\0");
            return "pg " + pgVersion + (mixed ? ", mixed" : "") + (transactionalLock ? ", transactional lock" : "")
                    + ": " + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
    }

    private record Outcome(long millis, @Nullable Throwable error) {}

    private static Outcome run(ExecutorService worker, Input input) throws InterruptedException {
        long start = System.nanoTime();
        Future<?> future = worker.submit(() -> {
            MigrationLinter linter = MigrationLinter.configure()
                    .pgVersion(input.pgVersion())
                    .flywayMixed(input.mixed())
                    .flywayTransactionalLock(input.transactionalLock())
                    .load();
            if (input.scripts().size() == 1) {
                Map.Entry<String, String> only =
                        input.scripts().entrySet().iterator().next();
                linter.lintScript(only.getKey(), only.getValue());
            } else {
                linter.lintScripts(input.scripts());
            }
        });
        @Nullable Throwable error = null;
        try {
            future.get(HANG_MILLIS * 5, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            error = e.getCause();
        } catch (TimeoutException e) {
            future.cancel(true);
        }
        return new Outcome((System.nanoTime() - start) / 1_000_000, error);
    }

    private static Input input(Random random, List<String> seeds) {
        int files = random.nextInt(10) < 8 ? 1 : 2 + random.nextInt(2);
        Map<String, String> scripts = new LinkedHashMap<>();
        for (int f = 0; f < files; f++) {
            int mode = random.nextInt(10);
            String sql;
            if (mode < 6) {
                sql = mutate(random, pick(random, seeds), 1 + random.nextInt(4));
            } else if (mode < 9) {
                sql = tokens(random, 1 + random.nextInt(60));
            } else {
                sql = mutate(random, pick(random, seeds) + pick(random, seeds), random.nextInt(3));
            }
            scripts.put("V" + (f + 1) + "__fuzz.sql", sql);
        }
        return new Input(scripts, 9 + random.nextInt(10), random.nextInt(5) == 0, random.nextInt(5) == 0);
    }

    private static String tokens(Random random, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(pick(random, TOKENS)).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return out.toString();
    }

    private static String mutate(Random random, String sql, int mutations) {
        StringBuilder s = new StringBuilder(sql);
        for (int m = 0; m < mutations; m++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length() + 1);
            int to = Math.min(s.length(), at + random.nextInt(40));
            switch (random.nextInt(7)) {
                case 0 -> s.insert(at, pick(random, TOKENS));
                case 1 -> s.delete(at, to);
                case 2 -> s.insert(at, s.substring(at, to));
                case 3 -> s.replace(at, to, pick(random, TOKENS));
                case 4 -> s.setLength(at);
                case 5 -> s.insert(at, (char) random.nextInt(random.nextBoolean() ? 128 : 0x10000));
                default -> {
                    int other = s.length() == 0 ? 0 : random.nextInt(s.length());
                    String moved = s.substring(at, to);
                    s.delete(at, to);
                    s.insert(Math.min(other, s.length()), moved);
                }
            }
        }
        return s.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "sql-fuzz");
            t.setDaemon(true);
            return t;
        };
    }
}

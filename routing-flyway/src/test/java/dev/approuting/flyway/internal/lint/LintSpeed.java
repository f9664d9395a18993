package dev.approuting.flyway.internal.lint;

import dev.approuting.flyway.lint.LintReport;
import dev.approuting.flyway.lint.MigrationLinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures the static engine: writes a history of 1,000 migration files and prints statements per
 * second. Run with
 * {@code java -cp <test classpath> dev.approuting.flyway.internal.lint.LintSpeed}.
 */
public final class LintSpeed {
    private LintSpeed() {}

    /**
     * Runs the measurement.
     *
     * @param args unused
     * @throws IOException when the temporary files cannot be written
     */
    @SuppressWarnings("SystemOut") // a measurement tool prints its result
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("lint-speed");
        for (int i = 1; i <= 1000; i++) {
            Files.writeString(dir.resolve("V" + i + "__step.sql"), migration(i));
        }
        MigrationLinter linter = MigrationLinter.configure().load();
        for (int warmup = 0; warmup < 5; warmup++) {
            linter.lint(dir);
        }
        int rounds = 10;
        long start = System.nanoTime();
        int statements = 0;
        int findings = 0;
        for (int r = 0; r < rounds; r++) {
            LintReport report = linter.lint(dir);
            statements += report.statements();
            findings += report.findings().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%d files x %d rounds: %d statements (%d findings) in %.2f s = %.0f statements/s%n",
                1000, rounds, statements, findings, seconds, statements / seconds);
    }

    static String migration(int i) {
        return "-- migration " + i + "\n"
                + "SET lock_timeout = '5s';\n"
                + "CREATE TABLE t" + i + " (id bigint PRIMARY KEY, name varchar(50) NOT NULL, note text,"
                + " created_at timestamptz DEFAULT now());\n"
                + "/* a block /* nested */ comment */\n"
                + "ALTER TABLE t" + (i / 2) + " ADD COLUMN c" + i + " integer DEFAULT 0,"
                + " ADD CONSTRAINT k" + i + " CHECK (c" + i + " >= 0) NOT VALID;\n"
                + "INSERT INTO t" + i + " (id, name, note) VALUES (1, 'it''s; fine', E'a\\'b');\n"
                + "CREATE OR REPLACE FUNCTION f" + i + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN NEW.note := 'x'; RETURN NEW; END $$;\n"
                + "DO $$ BEGIN IF NOT EXISTS (SELECT 1) THEN ALTER TABLE t" + i
                + " ADD COLUMN d integer; END IF; END $$;\n"
                + "UPDATE t" + i + " SET note = 'y' WHERE id = 1;\n"
                + "CREATE INDEX t" + i + "_name ON t" + i + " (name);\n";
    }
}

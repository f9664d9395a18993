package dev.approuting.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A migration history of many files for the lint benchmarks: each file mixes DDL, DML, dollar-quoted
 * bodies, nested comments and quoting, as real histories do (9 statements a file).
 */
final class LintHistory {
    static final int STATEMENTS_PER_FILE = 9;

    private LintHistory() {}

    /** Writes {@code files} migrations {@code V1__step.sql}… into a new temporary folder. */
    static Path write(int files) {
        try {
            Path dir = Files.createTempDirectory("lint-history");
            for (int i = 1; i <= files; i++) {
                Files.writeString(dir.resolve("V" + i + "__step.sql"), migration(i));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lint history", e);
        }
    }

    /**
     * Writes the history of {@link #write} plus {@code V0__base.sql}, the table its first file alters,
     * so the files also run on a real server (the traced lint).
     */
    static Path writeTraceable(int files) {
        Path dir = write(files);
        try {
            Files.writeString(dir.resolve("V0__base.sql"), "CREATE TABLE t0 (id bigint PRIMARY KEY);\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lint history", e);
        }
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

    /** Deletes the folder {@link #write} made. */
    static void delete(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}

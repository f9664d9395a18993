package dev.approuting.lint.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.lint.FileTrace;
import dev.approuting.lint.internal.Stmt.TypeName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The type changes of {@code type-changes.txt}, judged by {@link TypeChanges} and traced on a real server:
 * each change is a migration of its own on a table that existed before, and a rewrite shows as a new
 * relfilenode. Changes judged {@code rewrite-unless-utc} are traced twice, in the UTC time zone (no
 * rewrite expected) and in another (a rewrite expected).
 *
 * <pre>{@code
 * assertThat(TypeChangeCheck.judged()).isEmpty();
 * assertThat(TypeChangeCheck.traced(admin).mismatches()).isEmpty();
 * }</pre>
 */
public final class TypeChangeCheck {
    private static final String RESOURCE = "/dev/approuting/lint/type-changes.txt";

    private TypeChangeCheck() {}

    /**
     * One line of the matrix.
     *
     * @param from the old type, as written
     * @param to the new type, as written
     * @param verdict {@code no-rewrite}, {@code rewrite} or {@code rewrite-unless-utc}
     */
    public record Change(String from, String to, String verdict) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    /**
     * What the traced run found.
     *
     * @param server the server traced on
     * @param proven how many changes (and time zones) behaved as the matrix says
     * @param mismatches those that did not, in words
     */
    public record Result(String server, int proven, List<String> mismatches) {
        /** Copies the values. */
        public Result {
            mismatches = List.copyOf(mismatches);
        }
    }

    /** Returns the matrix. */
    public static List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        for (String line : lines()) {
            if (!line.startsWith("domain ")) {
                int arrow = line.indexOf("->");
                int colon = line.lastIndexOf(':');
                changes.add(new Change(
                        line.substring(0, arrow).strip(),
                        line.substring(arrow + 2, colon).strip(),
                        line.substring(colon + 1).strip()));
            }
        }
        return changes;
    }

    /** Returns the domains the matrix uses: name → definition after AS. */
    public static Map<String, String> domains() {
        Map<String, String> domains = new LinkedHashMap<>();
        for (String line : lines()) {
            if (line.startsWith("domain ")) {
                int colon = line.indexOf(':');
                domains.put(
                        line.substring("domain ".length(), colon).strip(),
                        line.substring(colon + 1).strip());
            }
        }
        return domains;
    }

    /** Returns the changes {@link TypeChanges} judges otherwise than the matrix, in words; empty when none. */
    public static List<String> judged() {
        Map<String, TypeChanges.Domain> domains = new LinkedHashMap<>();
        for (Map.Entry<String, String> d : domains().entrySet()) {
            StatementParser.Cursor c = new StatementParser.Cursor(SqlLexer.tokenize(d.getValue()));
            TypeName base = StatementParser.typeName(c);
            domains.put(d.getKey(), new TypeChanges.Domain(base, !c.atEnd()));
        }
        List<String> wrong = new ArrayList<>();
        for (Change change : changes()) {
            String verdict = verdict(TypeChanges.judge(type(change.from()), type(change.to()), domains));
            if (!verdict.equals(change.verdict())) {
                wrong.add(change + ": the matrix says " + change.verdict() + ", TypeChanges " + verdict);
            }
        }
        return wrong;
    }

    /**
     * Traces every change on the server {@code admin} points at.
     *
     * @param admin a login with {@code CREATEDB}
     * @throws RoutingException ({@link ErrorCode#DATABASE_UNAVAILABLE}) when the server cannot be reached
     */
    public static Result traced(DbCredentials admin) {
        List<Variant> variants = new ArrayList<>();
        for (Change change : changes()) {
            if (change.verdict().equals("rewrite-unless-utc")) {
                variants.add(new Variant(change, "UTC", "no-rewrite"));
                variants.add(new Variant(change, "America/New_York", "rewrite"));
            } else {
                variants.add(new Variant(change, null, change.verdict()));
            }
        }
        StringBuilder setup = new StringBuilder();
        domains()
                .forEach((name, definition) -> setup.append("CREATE DOMAIN ")
                        .append(name)
                        .append(" AS ")
                        .append(definition)
                        .append(";\n"));
        setup.append("CREATE TABLE t (id int PRIMARY KEY");
        for (int i = 0; i < variants.size(); i++) {
            setup.append(", c")
                    .append(i)
                    .append(' ')
                    .append(variants.get(i).change().from());
        }
        setup.append(");\nINSERT INTO t (id) VALUES (1);\n");
        LintEngine engine =
                new LintEngine(new LintSettings(15, false, true, false, false, Set.of(), Map.of(), List.of(), null));
        List<Tracer.Input> inputs = new ArrayList<>();
        inputs.add(new Tracer.Input(engine.lintFile("V1__table.sql", "types", setup.toString(), true), "types"));
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            String zone = v.timeZone();
            String alter =
                    "ALTER TABLE t ALTER COLUMN c" + i + " TYPE " + v.change().to();
            String sql = zone == null ? alter : "SET LOCAL TimeZone = '" + zone + "';\n" + alter;
            inputs.add(new Tracer.Input(engine.lintFile("V" + (i + 2) + "__change.sql", "types", sql, true), "types"));
        }
        Tracer.Result result = Tracer.trace(admin, inputs);
        int proven = 0;
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            String seen = seen(result.traces().get(i + 1));
            if (seen.equals(v.expected())) {
                proven++;
            } else {
                mismatches.add(v.change() + (v.timeZone() == null ? "" : " in " + v.timeZone()) + ": expected "
                        + v.expected() + ", saw " + seen);
            }
        }
        return new Result(result.server(), proven, mismatches);
    }

    /** A change as traced: in a time zone for the changes that depend on it. */
    private record Variant(Change change, @Nullable String timeZone, String expected) {}

    private static String seen(@Nullable FileTrace trace) {
        if (trace == null) {
            return "not traced (an earlier change failed)";
        }
        String error = trace.error();
        if (error != null) {
            return "an error: " + error;
        }
        return trace.statements().stream().anyMatch(st -> !st.rewritten().isEmpty()) ? "rewrite" : "no-rewrite";
    }

    private static String verdict(TypeChanges.Verdict verdict) {
        return switch (verdict) {
            case NO_REWRITE -> "no-rewrite";
            case REWRITE -> "rewrite";
            case REWRITE_UNLESS_UTC -> "rewrite-unless-utc";
        };
    }

    private static TypeName type(String written) {
        return StatementParser.typeName(new StatementParser.Cursor(SqlLexer.tokenize(written)));
    }

    private static List<String> lines() {
        try (InputStream in = TypeChangeCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            List<String> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.strip());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

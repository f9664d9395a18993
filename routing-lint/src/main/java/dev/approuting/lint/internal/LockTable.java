package dev.approuting.lint.internal;

import dev.approuting.lint.FileTrace.TableLock;
import dev.approuting.lint.LintRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The lock table: for every DDL command form PostgreSQL documents, the lock it takes, what it does to
 * the rows while holding it, whether it runs inside a transaction block, the majors it holds for, the
 * documentation page it is cited from and the rule that reports it. Read once from
 * {@code dev/approuting/lint/lock-table.txt}; the rules read their lock levels from it,
 * {@code docs/safe-migrations.md} is generated from it and {@link LockTableCheck} proves each row on a
 * real server.
 */
public final class LockTable {
    /** The resource the table is read from. */
    public static final String RESOURCE = "/dev/approuting/lint/lock-table.txt";
    /** Where the {@link Row#doc()} pages live. */
    public static final String DOCS = "https://www.postgresql.org/docs/current/";

    private static final Set<String> KEYS = Set.of(
            "form",
            "lock",
            "also",
            "effect",
            "transaction",
            "versions",
            "doc",
            "rule",
            "note",
            "setup",
            "probe",
            "target");
    private static final LockTable INSTANCE = read();

    private final Map<String, Row> rows;

    private LockTable(Map<String, Row> rows) {
        this.rows = rows;
    }

    /** Returns the table. */
    public static LockTable get() {
        return INSTANCE;
    }

    /** What a command does to the rows of the table while it holds its lock. */
    public enum Effect {
        /** Catalog only: the lock is held briefly. */
        NONE("none"),
        /** Reads every row. */
        SCAN("reads every row"),
        /** Copies every row into a new file. */
        REWRITE("rewrites the table"),
        /** Reads every row to build an index. */
        BUILD("builds an index");

        private final String words;

        Effect(String words) {
            this.words = words;
        }

        /** Returns the effect in words, such as {@code rewrites the table}. */
        public String words() {
            return words;
        }

        /** Returns whether the effect takes time in proportion to the table's size. */
        public boolean readsEveryRow() {
            return this != NONE;
        }
    }

    /**
     * One command form.
     *
     * @param id its id, such as {@code alter-table.set-not-null}
     * @param form the form as the documentation writes it
     * @param lock the lock on the relation it acts on ({@code ACCESS EXCLUSIVE} …), or the word none
     * @param also other locks, in words, or null
     * @param effect what it does to the rows while holding the lock
     * @param inTransaction whether PostgreSQL runs it inside a transaction block
     * @param since the first major the row holds for
     * @param until the last major the row holds for ({@link Integer#MAX_VALUE} when open)
     * @param doc the documentation page and anchor under {@link #DOCS}
     * @param rule the rule that reports it on a table that existed before the file, or null when safe
     * @param note a condition or remark, or null
     * @param setup SQL creating what the probe needs, or null
     * @param probe the statement that proves the row on a server, or null when it cannot be probed
     * @param target the relation whose lock and rows the probe checks, or null for none
     */
    public record Row(
            String id,
            String form,
            String lock,
            @Nullable String also,
            Effect effect,
            boolean inTransaction,
            int since,
            int until,
            String doc,
            @Nullable LintRule rule,
            @Nullable String note,
            @Nullable String setup,
            @Nullable String probe,
            @Nullable String target) {

        /** Returns whether the row holds on PostgreSQL {@code major}. */
        public boolean holdsOn(int major) {
            return major >= since && major <= until;
        }

        /** Returns the documentation page's address. */
        public String docUrl() {
            return DOCS + doc;
        }

        /** Returns the majors in words, such as {@code 13+} or {@code 13–17}. */
        public String versions() {
            return until == Integer.MAX_VALUE ? since + "+" : since + "–" + until;
        }

        /** Returns whether the lock blocks the deployed code's writes (SHARE or stronger). */
        public boolean blocksWrites() {
            return TableLock.strength(lock) >= TableLock.strength("SHARE");
        }

        /** Returns whether the lock blocks the deployed code's reads too. */
        public boolean blocksReads() {
            return lock.equals("ACCESS EXCLUSIVE");
        }

        /** Returns the lock and effect in words, such as {@code ACCESS EXCLUSIVE lock, reads every row}. */
        public String describe() {
            String held = lock.equals("none") ? "no table lock" : lock + " lock";
            return effect == Effect.NONE ? held : held + ", " + effect.words();
        }
    }

    /**
     * Returns a row.
     *
     * @throws IllegalArgumentException for an id the table does not have (a bug in the caller)
     */
    public Row row(String id) {
        Row row = rows.get(id);
        if (row == null) {
            throw new IllegalArgumentException("the lock table has no row '" + id + "'");
        }
        return row;
    }

    /** Returns every row, in the order of the resource. */
    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** Returns the rows {@code rule} reports, in the order of the resource. */
    public List<Row> rowsOf(LintRule rule) {
        return rows.values().stream().filter(r -> r.rule() == rule).toList();
    }

    /**
     * Returns the rows sharing {@code row}'s form that hold on other majors (a behaviour that changed),
     * {@code row} included.
     */
    public List<Row> sameForm(Row row) {
        return rows.values().stream().filter(r -> r.form().equals(row.form())).toList();
    }

    private static LockTable read() {
        try (InputStream in = LockTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses the table's text, reporting every bad row at once.
     *
     * @throws IllegalStateException listing every problem
     */
    static LockTable parse(String text) {
        Map<String, Map<String, String>> raw = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> current = null;
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String id = line.substring(1, line.length() - 1);
                current = new LinkedHashMap<>();
                if (raw.put(id, current) != null) {
                    problems.add("line " + lineNumber + ": row '" + id + "' appears twice");
                }
                continue;
            }
            int colon = line.indexOf(": ");
            String key = colon < 0 ? "" : line.substring(0, colon);
            if (current == null || !KEYS.contains(key)) {
                problems.add("line " + lineNumber + ": expected '[id]' or one of " + KEYS + " followed by ': '");
                continue;
            }
            current.put(key, line.substring(colon + 2).strip());
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : raw.entrySet()) {
            Row row = row(e.getKey(), e.getValue(), problems);
            if (row != null) {
                rows.put(row.id(), row);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ":\n  - " + String.join("\n  - ", problems));
        }
        return new LockTable(rows);
    }

    private static @Nullable Row row(String id, Map<String, String> fields, List<String> problems) {
        int before = problems.size();
        for (String required : List.of("form", "lock", "effect", "transaction", "versions", "doc", "rule")) {
            if (!fields.containsKey(required)) {
                problems.add(id + ": no '" + required + "'");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        String lock = fields.getOrDefault("lock", "");
        if (!lock.equals("none") && TableLock.strength(lock) == 0) {
            problems.add(id + ": unknown lock mode '" + lock + "'");
        }
        Effect effect = null;
        try {
            effect = Effect.valueOf(fields.getOrDefault("effect", "").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(id + ": effect must be none, scan, rewrite or build, not '" + fields.get("effect") + "'");
        }
        String transaction = fields.getOrDefault("transaction", "");
        if (!transaction.equals("yes") && !transaction.equals("no")) {
            problems.add(id + ": transaction must be yes or no, not '" + transaction + "'");
        }
        int since = 0;
        int until = Integer.MAX_VALUE;
        String versions = fields.getOrDefault("versions", "");
        try {
            if (versions.endsWith("+")) {
                since = Integer.parseInt(versions.substring(0, versions.length() - 1));
            } else {
                int dash = versions.indexOf('-');
                since = Integer.parseInt(versions.substring(0, dash));
                until = Integer.parseInt(versions.substring(dash + 1));
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            problems.add(id + ": versions must read like 13+ or 13-17, not '" + versions + "'");
        }
        LintRule rule = null;
        String ruleId = fields.getOrDefault("rule", "-");
        if (!ruleId.equals("-")) {
            rule = LintRule.byId(ruleId).orElse(null);
            if (rule == null) {
                problems.add(id + ": unknown rule '" + ruleId + "'" + LintRule.didYouMean(ruleId));
            }
        }
        String target = fields.getOrDefault("target", "t");
        if (problems.size() > before) {
            return null;
        }
        return new Row(
                id,
                fields.getOrDefault("form", ""),
                lock,
                fields.get("also"),
                Objects.requireNonNull(effect),
                transaction.equals("yes"),
                since,
                until,
                fields.getOrDefault("doc", ""),
                rule,
                fields.get("note"),
                fields.get("setup"),
                fields.get("probe"),
                target.equals("-") ? null : target);
    }
}

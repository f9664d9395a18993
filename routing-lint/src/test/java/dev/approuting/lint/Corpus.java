package dev.approuting.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The scored corpus of {@code src/test/resources/corpus}: migrations written from what the peers document
 * (squawk's rule pages, strong_migrations' README, eugene's examples, the PostgreSQL and Flyway
 * documentation), each with its source, the peer's verdict and the expected one, about half of them safe.
 *
 * <p>A case, in a corpus file:
 *
 * <pre>
 * -- case: squawk/adding-field-with-default/volatile
 * -- source: https://squawkhq.com/docs/adding-field-with-default
 * -- peer: squawk adding-field-with-default flags it
 * -- expect: unsafe volatile-default
 * -- settings: pg-version=11
 * -- file: V1__create.sql
 * CREATE TABLE …;
 * -- file: V2__change.sql
 * ALTER TABLE …;
 * </pre>
 *
 * <p>{@code settings} take the keys of {@code routing-lint.properties}; {@code file} sections are the
 * migration folder, the last {@code .sql} one is linted and the others are its applied history (a
 * {@code .sql.conf} section configures the file of its name). Without {@code file} sections the SQL is the
 * linted file. A case is flagged when the linted file has an error-level finding.
 */
final class Corpus {
    static final String[] FILES = {
        "squawk.sql", "strong-migrations.sql", "eugene.sql", "postgresql-docs.sql", "flyway.sql"
    };

    /** One case. */
    record Case(
            String id,
            String source,
            String peer,
            boolean unsafe,
            List<String> rules,
            Map<String, String> settings,
            Map<String, String> files) {}

    /** A case's outcome: the rules reported at error level on the linted file. */
    record Outcome(Case c, Set<String> errors) {
        boolean flagged() {
            return !errors.isEmpty();
        }

        boolean right() {
            return c.unsafe() ? errors.containsAll(c.rules()) : errors.isEmpty();
        }
    }

    /**
     * The figures.
     *
     * @param outcomes every case's outcome
     */
    record Score(List<Outcome> outcomes) {
        long unsafe() {
            return outcomes.stream().filter(o -> o.c().unsafe()).count();
        }

        long safe() {
            return outcomes.size() - unsafe();
        }

        double recall() {
            return (double) outcomes.stream()
                            .filter(o -> o.c().unsafe() && o.flagged())
                            .count()
                    / unsafe();
        }

        double falsePositiveRate() {
            return (double) outcomes.stream()
                            .filter(o -> !o.c().unsafe() && o.flagged())
                            .count()
                    / safe();
        }

        /** Per rule: unsafe cases expecting it, those where it was reported, safe cases where it was. */
        Map<String, long[]> perRule() {
            Map<String, long[]> rules = new TreeMap<>();
            for (Outcome o : outcomes) {
                if (o.c().unsafe()) {
                    for (String rule : o.c().rules()) {
                        long[] r = rules.computeIfAbsent(rule, k -> new long[3]);
                        r[0]++;
                        if (o.errors().contains(rule)) {
                            r[1]++;
                        }
                    }
                } else {
                    for (String rule : o.errors()) {
                        rules.computeIfAbsent(rule, k -> new long[3])[2]++;
                    }
                }
            }
            return rules;
        }

        /** The score as a table, one row per rule. */
        String table() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(
                    Locale.ROOT,
                    "| rule | unsafe cases | caught | recall | safe cases flagged | false-positive rate |%n"
                            + "| --- | ---: | ---: | ---: | ---: | ---: |%n"));
            for (Map.Entry<String, long[]> e : perRule().entrySet()) {
                long[] r = e.getValue();
                out.append(String.format(
                        Locale.ROOT,
                        "| `%s` | %d | %d | %s | %d | %s |%n",
                        e.getKey(),
                        r[0],
                        r[1],
                        r[0] == 0 ? "–" : percent((double) r[1] / r[0]),
                        r[2],
                        percent((double) r[2] / safe())));
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| **all** | %d | %d | **%s** | %d | **%s** |%n",
                    unsafe(),
                    outcomes.stream().filter(o -> o.c().unsafe() && o.flagged()).count(),
                    percent(recall()),
                    outcomes.stream()
                            .filter(o -> !o.c().unsafe() && o.flagged())
                            .count(),
                    percent(falsePositiveRate())));
            return out.toString();
        }
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private Corpus() {}

    /** Reads every case. */
    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String file : FILES) {
            cases.addAll(parse(file, read("/corpus/" + file)));
        }
        return cases;
    }

    /** Lints every case in a folder of its own under {@code dir} and returns the outcomes. */
    static Score score(Path dir) {
        List<Outcome> outcomes = new ArrayList<>();
        int n = 0;
        for (Case c : cases()) {
            outcomes.add(lint(c, dir.resolve("case" + n++)));
        }
        return new Score(outcomes);
    }

    private static Outcome lint(Case c, Path caseDir) {
        try {
            Path app = Files.createDirectories(caseDir.resolve("app"));
            String linted = null;
            for (Map.Entry<String, String> f : c.files().entrySet()) {
                Files.writeString(app.resolve(f.getKey()), f.getValue());
                if (f.getKey().endsWith(".sql")) {
                    linted = f.getKey();
                }
            }
            Path config = caseDir.resolve("routing-lint.properties");
            StringBuilder properties = new StringBuilder();
            c.settings()
                    .forEach(
                            (k, v) -> properties.append(k).append('=').append(v).append('\n'));
            Files.writeString(config, properties.toString());
            FileReport report = MigrationLinter.configure()
                    .configFile(config)
                    .load()
                    .lint(app.resolve(Objects.requireNonNull(linted, c.id())))
                    .files()
                    .get(0);
            Set<String> errors = report.findings().stream()
                    .filter(f -> f.severity() == Severity.ERROR)
                    .map(f -> f.rule().id())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            return new Outcome(c, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> parse(String name, String text) {
        List<Case> cases = new ArrayList<>();
        String[] blocks = text.split("(?m)^-- case: ", -1);
        for (int b = 1; b < blocks.length; b++) {
            String block = blocks[b];
            String id = block.substring(0, block.indexOf('\n')).strip();
            Map<String, String> header = new LinkedHashMap<>();
            Map<String, String> files = new LinkedHashMap<>();
            String currentFile = null;
            StringBuilder sql = new StringBuilder();
            for (String line : block.substring(block.indexOf('\n') + 1).split("\n", -1)) {
                String key = headerKey(line);
                if (key != null && currentFile == null && sql.toString().isBlank()) {
                    if (key.equals("file")) {
                        currentFile = line.substring(line.indexOf(':') + 1).strip();
                    } else {
                        header.put(key, line.substring(line.indexOf(':') + 1).strip());
                    }
                } else if ("file".equals(key)) {
                    files.put(
                            currentFile == null ? "V2__change.sql" : currentFile,
                            sql.toString().strip() + "\n");
                    sql.setLength(0);
                    currentFile = line.substring(line.indexOf(':') + 1).strip();
                } else {
                    sql.append(line).append('\n');
                }
            }
            files.put(
                    currentFile == null ? "V2__change.sql" : currentFile,
                    sql.toString().strip() + "\n");
            String expect = Objects.requireNonNull(header.get("expect"), name + ": " + id + " has no expect");
            List<String> words = List.of(expect.split("\\s+", -1));
            Map<String, String> settings = new TreeMap<>();
            String settingsLine = header.get("settings");
            if (settingsLine != null) {
                for (String pair : settingsLine.split(",", -1)) {
                    settings.put(
                            pair.substring(0, pair.indexOf('=')).strip(),
                            pair.substring(pair.indexOf('=') + 1).strip());
                }
            }
            cases.add(new Case(
                    name.replace(".sql", "") + "/" + id,
                    Objects.requireNonNull(header.get("source"), id + " has no source"),
                    Objects.requireNonNull(header.get("peer"), id + " has no peer verdict"),
                    words.get(0).equals("unsafe"),
                    words.subList(1, words.size()),
                    settings,
                    files));
        }
        cases.sort(Comparator.comparing(Case::id));
        return cases;
    }

    private static @Nullable String headerKey(String line) {
        for (String key : List.of("source", "peer", "expect", "settings", "file")) {
            if (line.startsWith("-- " + key + ":")) {
                return key;
            }
        }
        return null;
    }

    private static String read(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.approuting.lint.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Flyway's decision, statement by statement, to run a SQL migration inside a transaction or not: a model of
 * the PostgreSQL parser of the Flyway version the project ships, read from
 * {@code dev/approuting/lint/flyway-transactions.properties}. A statement PostgreSQL refuses in a
 * transaction block that this model does not mark non-transactional (REINDEX … CONCURRENTLY,
 * DETACH PARTITION … CONCURRENTLY, CLUSTER without a table) runs in the file's transaction under Flyway,
 * and fails.
 */
public final class FlywayTransactions {
    /** The Flyway version the project ships, whose parser is modelled by default. */
    public static final String SHIPPED = "13.12.1";

    private static final String RESOURCE = "/dev/approuting/lint/flyway-transactions.properties";
    private static final Properties MODELS = read();
    private static final FlywayTransactions DEFAULT = of(SHIPPED);

    private final String version;
    private final int cutoff;
    private final List<Pattern> nonTransactional;
    private final List<Pattern> nonTransactionalBefore12;

    private FlywayTransactions(
            String version, int cutoff, List<Pattern> nonTransactional, List<Pattern> nonTransactionalBefore12) {
        this.version = version;
        this.cutoff = cutoff;
        this.nonTransactional = nonTransactional;
        this.nonTransactionalBefore12 = nonTransactionalBefore12;
    }

    /** Returns the model of the Flyway version the project ships. */
    public static FlywayTransactions shipped() {
        return DEFAULT;
    }

    /**
     * Returns the model of a Flyway version.
     *
     * @throws IllegalArgumentException for a version the model does not know
     */
    public static FlywayTransactions of(String version) {
        String cutoff = MODELS.getProperty(version + ".cutoff");
        if (cutoff == null) {
            throw new IllegalArgumentException("no model of Flyway " + version + "; known: " + versions());
        }
        return new FlywayTransactions(
                version,
                Integer.parseInt(cutoff),
                patterns(MODELS.getProperty(version + ".non-transactional", "")),
                patterns(MODELS.getProperty(version + ".non-transactional-before-12", "")));
    }

    /** Returns the Flyway versions modelled. */
    public static List<String> versions() {
        return List.of(MODELS.getProperty("versions", "").split(",", -1));
    }

    /** Returns the patterns whose match marks a statement non-transactional, on every PostgreSQL major. */
    public List<String> nonTransactionalPatterns() {
        return nonTransactional.stream().map(Pattern::pattern).toList();
    }

    /** Returns the patterns whose match marks a statement non-transactional before PostgreSQL 12 only. */
    public List<String> nonTransactionalBefore12Patterns() {
        return nonTransactionalBefore12.stream().map(Pattern::pattern).toList();
    }

    /** Returns how many keywords Flyway reads before it stops looking. */
    public int cutoff() {
        return cutoff;
    }

    /** Returns the Flyway version modelled, such as {@code 13.12.1}. */
    public String version() {
        return version;
    }

    /**
     * Returns, for each statement of a script as this linter splits it, whether Flyway lets it run in the
     * file's transaction.
     *
     * @param script the script
     * @param pgMajor the PostgreSQL major of the database migrated
     * @throws IllegalArgumentException when the script does not tokenize
     */
    public List<Boolean> canExecuteInTransaction(String script, int pgMajor) {
        List<Token> tokens;
        try {
            tokens = SqlLexer.tokenize(script);
        } catch (SqlSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage() + " at " + e.line() + ":" + e.column(), e);
        }
        List<Boolean> decisions = new ArrayList<>();
        for (RawStatement statement : RawStatement.split(script, tokens)) {
            decisions.add(canExecuteInTransaction(statement.tokens(), pgMajor));
        }
        return decisions;
    }

    /**
     * Returns whether Flyway lets a statement run in the file's transaction.
     *
     * @param statement the statement's tokens, comments left out
     * @param pgMajor the PostgreSQL major of the database migrated
     */
    boolean canExecuteInTransaction(List<Token> statement, int pgMajor) {
        StringBuilder words = new StringBuilder();
        int keywords = 0;
        int depth = 0;
        for (int i = 0; i < statement.size(); i++) {
            Token t = statement.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
            if (depth != 0 || !keyword(statement, i)) {
                continue;
            }
            keywords++;
            if (keywords > cutoff) {
                return true;
            }
            if (words.length() > 0) {
                words.append(' ');
            }
            words.append(t.text().toUpperCase(Locale.ROOT));
            String simplified = words.toString();
            if (nonTransactional.stream().anyMatch(p -> p.matcher(simplified).matches())
                    || (pgMajor < 12
                            && nonTransactionalBefore12.stream()
                                    .anyMatch(p -> p.matcher(simplified).matches()))) {
                return false;
            }
        }
        return true;
    }

    /** Flyway's keyword: an unquoted word of letters and '_', not part of a qualified name. */
    private static boolean keyword(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        if (t.type() != TokenType.WORD) {
            return false;
        }
        for (int k = 0; k < t.text().length(); k++) {
            char ch = t.text().charAt(k);
            if (!Character.isLetter(ch) && ch != '_') {
                return false;
            }
        }
        boolean dotBefore =
                i > 0 && tokens.get(i - 1).isSymbol(".") && tokens.get(i - 1).end() == t.start();
        boolean dotAfter = i + 1 < tokens.size()
                && tokens.get(i + 1).isSymbol(".")
                && tokens.get(i + 1).start() == t.end();
        return !dotBefore && !dotAfter;
    }

    private static List<Pattern> patterns(String lines) {
        List<Pattern> patterns = new ArrayList<>();
        for (String line : lines.split("\n", -1)) {
            if (!line.isBlank()) {
                patterns.add(Pattern.compile(line.strip()));
            }
        }
        return List.copyOf(patterns);
    }

    private static Properties read() {
        Properties properties = new Properties();
        try (InputStream in = FlywayTransactions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return properties;
    }
}

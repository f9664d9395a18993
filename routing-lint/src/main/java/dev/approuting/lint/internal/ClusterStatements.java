package dev.approuting.lint.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises statements that reach beyond the migration's own database, for the rule
 * {@link dev.approuting.lint.LintRule#CLUSTER_STATEMENT}: {@code CREATE/ALTER/DROP ROLE} (and
 * {@code USER}, {@code GROUP}), {@code CREATE DATABASE}, {@code ALTER SYSTEM}, {@code COPY … PROGRAM} and
 * {@code CREATE EXTENSION} of an extension PostgreSQL does not mark trusted. {@code DROP DATABASE} has
 * its own rule.
 */
final class ClusterStatements {
    /**
     * Extensions PostgreSQL 13+ marks {@code trusted} (a database owner may create them) and
     * {@code plpgsql}; any other needs a superuser.
     */
    static final Set<String> TRUSTED_EXTENSIONS = Set.of(
            "plpgsql",
            "btree_gin",
            "btree_gist",
            "citext",
            "cube",
            "dict_int",
            "fuzzystrmatch",
            "hstore",
            "intarray",
            "isn",
            "lo",
            "ltree",
            "pgcrypto",
            "pg_trgm",
            "seg",
            "tablefunc",
            "tcn",
            "tsm_system_rows",
            "tsm_system_time",
            "unaccent",
            "uuid-ossp");

    private ClusterStatements() {}

    /** Returns what the statement does beyond its database, or empty when it stays inside it. */
    static Optional<String> describe(List<Token> tokens) {
        if (tokens.size() < 2) {
            return Optional.empty();
        }
        Token first = tokens.get(0);
        Token second = tokens.get(1);
        boolean ddl = first.is("create") || first.is("alter") || first.is("drop");
        if (ddl && (second.is("role") || second.is("group") || (second.is("user") && !next(tokens, 2, "mapping")))) {
            String verb = first.text().toUpperCase(Locale.ROOT);
            return Optional.of(verb + " " + second.text().toUpperCase(Locale.ROOT)
                    + " changes a role of the whole server, shared by every database on it");
        }
        if (first.is("create") && second.is("database")) {
            return Optional.of("CREATE DATABASE creates a database on the server, outside the migrated one");
        }
        if (first.is("alter") && second.is("system")) {
            return Optional.of("ALTER SYSTEM changes the server's configuration for every database on it");
        }
        if (first.is("copy")) {
            for (int i = 1; i + 1 < tokens.size(); i++) {
                if ((tokens.get(i).is("to") || tokens.get(i).is("from"))
                        && tokens.get(i + 1).is("program")) {
                    return Optional.of("COPY … " + tokens.get(i).text().toUpperCase(Locale.ROOT)
                            + " PROGRAM runs a command on the database host as the server's operating system user");
                }
            }
            return Optional.empty();
        }
        if (first.is("create") && second.is("extension")) {
            int i = 2;
            if (next(tokens, i, "if") && next(tokens, i + 1, "not") && next(tokens, i + 2, "exists")) {
                i += 3;
            }
            if (i < tokens.size() && tokens.get(i).isName()) {
                String name = tokens.get(i).identifier();
                if (!TRUSTED_EXTENSIONS.contains(name)) {
                    return Optional.of("CREATE EXTENSION " + name + ": the extension is not trusted, so only a"
                            + " superuser may create it (trusted ones: plpgsql, pgcrypto, pg_trgm, citext, hstore,"
                            + " ltree, uuid-ossp, btree_gin, btree_gist…)");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean next(List<Token> tokens, int i, String keyword) {
        return i < tokens.size() && tokens.get(i).is(keyword);
    }
}

package dev.approuting.flyway.internal.provision;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Role names of a logical database: the owner role {@code {db}_owner} and the numbered login roles
 * {@code {db}_{namespace}_{NNNN}}, where a namespace's {@code -} becomes {@code _} (Kubernetes
 * namespaces allow {@code -}, unquoted role names do not).
 */
public final class RoleNames {
    /** PostgreSQL truncates identifiers longer than this many bytes. */
    public static final int MAX_LENGTH = 63;

    /** The highest login role number. */
    public static final int MAX_NUMBER = 9999;

    private RoleNames() {}

    /** Returns {@code {db}_owner}. */
    public static String owner(DbName db) {
        return db + "_owner";
    }

    /** Returns {@code {db}_{namespace with - as _}_}, the prefix of the namespace's login roles. */
    public static String loginPrefix(DbName db, String namespace) {
        return db + "_" + namespace.replace('-', '_') + "_";
    }

    /** Returns the login role number {@code number} of the namespace: {@code {prefix}{NNNN}}. */
    public static String login(DbName db, String namespace, int number) {
        return loginPrefix(db, namespace) + String.format(java.util.Locale.ROOT, "%04d", number);
    }

    /** Returns {@code {db}_reader}, the NOLOGIN role holding the read-only privileges of the database. */
    public static String readerGroup(DbName db) {
        return db + "_reader";
    }

    /** Returns {@code {db}_{namespace with - as _}_reader_}, the prefix of the namespace's reader login roles. */
    public static String readerPrefix(DbName db, String namespace) {
        return loginPrefix(db, namespace) + "reader_";
    }

    /** Returns the reader login role number {@code number} of the namespace: {@code {readerPrefix}{NNNN}}. */
    public static String readerLogin(DbName db, String namespace, int number) {
        return readerPrefix(db, namespace) + String.format(java.util.Locale.ROOT, "%04d", number);
    }

    /** Returns the number of {@code role} when it is a reader login role of the namespace. */
    public static Optional<Integer> readerNumber(DbName db, String namespace, String role) {
        return numbered(readerPrefix(db, namespace), role);
    }

    /** Returns the number of {@code role} when it is a login role of the namespace. */
    public static Optional<Integer> number(DbName db, String namespace, String role) {
        return numbered(loginPrefix(db, namespace), role);
    }

    private static Optional<Integer> numbered(String prefix, String role) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "([0-9]{4})").matcher(role);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /**
     * Checks the namespaces and the role names they lead to, before any SQL is built.
     *
     * @return every problem found, empty when all is well
     */
    public static List<String> problems(DbName db, List<String> namespaces) {
        return problems(db, namespaces, false);
    }

    /**
     * Checks the namespaces and the role names they lead to, the reader login roles' too when {@code reader}.
     *
     * @return every problem found, empty when all is well
     */
    public static List<String> problems(DbName db, List<String> namespaces, boolean reader) {
        List<String> problems = new ArrayList<>();
        if (owner(db).length() > MAX_LENGTH) {
            problems.add("database name '" + db + "' is too long for its owner role '" + owner(db) + "' ("
                    + owner(db).length() + " characters, PostgreSQL allows " + MAX_LENGTH
                    + "): use a database name of at most " + (MAX_LENGTH - "_owner".length()) + " characters");
        }
        for (String namespace : namespaces) {
            try {
                CredentialsSource.secretName(namespace, db);
            } catch (RoutingException e) {
                problems.add(String.valueOf(e.getMessage()));
                continue;
            }
            String longest = reader ? readerLogin(db, namespace, MAX_NUMBER) : login(db, namespace, MAX_NUMBER);
            if (longest.length() > MAX_LENGTH) {
                problems.add("login role '" + longest + "' of namespace '" + namespace + "' would be "
                        + longest.length() + " characters, PostgreSQL allows " + MAX_LENGTH
                        + ": shorten the database or namespace name");
            }
        }
        return problems;
    }
}

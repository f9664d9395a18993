package dev.approuting.core.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Text;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of database, app and service names, shared by the name records. */
public final class Names {
    /** The rule for database and app names. */
    public static final String IDENTIFIER_RULE = "^[a-z][a-z0-9_]{0,62}$";

    /** The rule for service names. */
    public static final String SERVICE_RULE = "^[a-z][a-z0-9_/-]{0,62}$";

    private static final Pattern IDENTIFIER = Pattern.compile(IDENTIFIER_RULE);
    private static final Pattern SERVICE = Pattern.compile(SERVICE_RULE);

    /** PostgreSQL's reserved key words: usable as identifiers only when quoted. */
    private static final Set<String> RESERVED = Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "column",
            "constraint",
            "create",
            "current_catalog",
            "current_date",
            "current_role",
            "current_time",
            "current_timestamp",
            "current_user",
            "default",
            "deferrable",
            "desc",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "false",
            "fetch",
            "for",
            "foreign",
            "from",
            "grant",
            "group",
            "having",
            "in",
            "initially",
            "intersect",
            "into",
            "lateral",
            "leading",
            "limit",
            "localtime",
            "localtimestamp",
            "not",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "placing",
            "primary",
            "references",
            "returning",
            "select",
            "session_user",
            "some",
            "symmetric",
            "system_user",
            "table",
            "then",
            "to",
            "trailing",
            "true",
            "union",
            "unique",
            "user",
            "using",
            "variadic",
            "when",
            "where",
            "window",
            "with");

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("public", "information_schema");

    private Names() {}

    /**
     * Checks a database or app name.
     *
     * @param kind "database" or "app", used in the message
     * @param value the name to check
     * @return the name
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when the name breaks the rule
     */
    public static String identifier(String kind, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw invalid(
                    kind,
                    value,
                    "names are lower-case identifiers matching " + IDENTIFIER_RULE
                            + " (a letter a-z, then at most 62 letters, digits or underscores)");
        }
        checkWords(kind, value);
        if (kind.equals("app") && SYSTEM_SCHEMAS.contains(value)) {
            throw invalid(
                    kind,
                    value,
                    "an app's tables live in a schema named after it, and '" + value
                            + "' is a schema PostgreSQL keeps for itself; choose another name");
        }
        return value;
    }

    /**
     * Checks a service name.
     *
     * @param value the name to check
     * @return the name
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when the name breaks the rule
     */
    public static String service(String value) {
        if (!SERVICE.matcher(value).matches() || value.contains("//") || value.endsWith("/")) {
            throw invalid(
                    "service",
                    value,
                    "service names match " + SERVICE_RULE
                            + " (a letter a-z, then at most 62 letters, digits, '_', '-' or '/'), without empty"
                            + " segments such as '//' or a trailing '/'");
        }
        return value;
    }

    private static void checkWords(String kind, String value) {
        if (RESERVED.contains(value)) {
            throw invalid(kind, value, "'" + value + "' is a reserved word in PostgreSQL; choose another name");
        }
        if (value.startsWith("pg_")) {
            throw invalid(kind, value, "names starting with 'pg_' are reserved by PostgreSQL; choose another name");
        }
    }

    private static RoutingException invalid(String kind, String value, String rule) {
        return RoutingException.of(
                ErrorCode.INVALID_NAME, "invalid " + kind + " name " + Text.quote(value) + ": " + rule);
    }
}

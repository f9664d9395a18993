package dev.approuting.lint.internal;

import dev.approuting.lint.internal.Stmt.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether {@code ALTER COLUMN … TYPE} rewrites the table, by PostgreSQL's own rules (ALTER TABLE, Notes):
 * no rewrite when the old type is binary coercible to the new one (pg_cast's {@code castmethod = 'b'},
 * {@link BuiltIns#binaryCoercible}) or an unconstrained domain over it, when a length or precision limit
 * is raised or removed (the typmod support functions of varchar, varbit, numeric, time, timetz, timestamp,
 * timestamptz and interval), and between timestamp and timestamptz when the session's TimeZone is UTC.
 * Converting into a domain with constraints, into an array of another type or with a USING expression
 * that changes the values rewrites it.
 */
final class TypeChanges {
    /** What PostgreSQL does. */
    enum Verdict {
        /** The table keeps its file. */
        NO_REWRITE,
        /** Every row is rewritten. */
        REWRITE,
        /** No rewrite when the session's TimeZone is UTC, a rewrite otherwise. */
        REWRITE_UNLESS_UTC
    }

    /**
     * A domain the migrations created.
     *
     * @param base its base type
     * @param constrained whether it has a CHECK or NOT NULL constraint
     */
    record Domain(TypeName base, boolean constrained) {}

    /** Our type names → PostgreSQL's type names, as pg_cast knows them. */
    private static final Map<String, String> TYPNAME = Map.of(
            "integer", "int4",
            "bigint", "int8",
            "smallint", "int2",
            "boolean", "bool");

    private static final Set<String> LENGTH_LIMITED = Set.of("varchar", "varbit");
    /** Types whose values sort alike (the default text collation): an index survives a change between them. */
    private static final Set<String> SORT_AS_TEXT = Set.of("varchar", "text");

    private static final Set<String> TIME_PRECISION = Set.of("timestamp", "timestamptz", "time", "timetz", "interval");
    /** The largest fractional-second precision: a limit of 6 or more is no limit. */
    private static final int MAX_TIME_PRECISION = 6;

    private TypeChanges() {}

    /**
     * Judges a type change.
     *
     * @param from the column's type before
     * @param to the type named by the statement
     * @param domains the domains the migrations created, by name
     */
    static Verdict judge(TypeName from, TypeName to, Map<String, Domain> domains) {
        TypeName target = to;
        Domain toDomain = to.array() ? null : domains.get(to.base());
        if (toDomain != null) {
            if (toDomain.constrained()) {
                return Verdict.REWRITE;
            }
            target = toDomain.base();
        }
        TypeName source = from;
        Domain fromDomain = from.array() ? null : domains.get(from.base());
        if (fromDomain != null) {
            source = fromDomain.base();
        }
        if (source.array() || target.array()) {
            return source.equals(target) ? Verdict.NO_REWRITE : Verdict.REWRITE;
        }
        String s = typname(source.base());
        String t = typname(target.base());
        if (s.equals(t)) {
            return typmod(t, source.modifiers(), target.modifiers()) ? Verdict.NO_REWRITE : Verdict.REWRITE;
        }
        if (BuiltIns.binaryCoercible(s, t)) {
            return target.modifiers().isEmpty() ? Verdict.NO_REWRITE : Verdict.REWRITE;
        }
        boolean timestamps = (s.equals("timestamp") && t.equals("timestamptz"))
                || (s.equals("timestamptz") && t.equals("timestamp"));
        if (timestamps && typmod(t, source.modifiers(), target.modifiers())) {
            return Verdict.REWRITE_UNLESS_UTC;
        }
        return Verdict.REWRITE;
    }

    /**
     * Returns whether an index over a column changed from {@code from} to {@code to} without a rewrite can
     * stay: PostgreSQL keeps it when the new type sorts as the old one (the same type with another limit,
     * varchar and text), and rebuilds it otherwise (citext, another collation).
     */
    static boolean keepsIndexes(TypeName from, TypeName to) {
        String s = typname(from.base());
        String t = typname(to.base());
        return s.equals(t) || (SORT_AS_TEXT.contains(s) && SORT_AS_TEXT.contains(t));
    }

    /** Returns whether PostgreSQL's typmod support function lets the limit change without a rewrite. */
    private static boolean typmod(String type, List<String> from, List<String> to) {
        if (from.equals(to)) {
            return true;
        }
        Integer fromLimit = number(from, 0);
        Integer toLimit = number(to, 0);
        if (LENGTH_LIMITED.contains(type)) {
            return to.isEmpty() || (fromLimit != null && toLimit != null && toLimit >= fromLimit);
        }
        if (type.equals("numeric")) {
            if (to.isEmpty()) {
                return true;
            }
            Integer fromScale = from.size() > 1 ? number(from, 1) : Integer.valueOf(0);
            Integer toScale = to.size() > 1 ? number(to, 1) : Integer.valueOf(0);
            return fromLimit != null
                    && toLimit != null
                    && fromScale != null
                    && fromScale.equals(toScale)
                    && toLimit >= fromLimit;
        }
        if (TIME_PRECISION.contains(type)) {
            if (to.isEmpty() || (toLimit != null && toLimit >= MAX_TIME_PRECISION)) {
                return true;
            }
            return fromLimit != null && toLimit != null && toLimit >= fromLimit;
        }
        return false;
    }

    private static @Nullable Integer number(List<String> modifiers, int index) {
        if (modifiers.size() <= index) {
            return null;
        }
        try {
            return Integer.valueOf(modifiers.get(index).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String typname(String base) {
        return TYPNAME.getOrDefault(base, base);
    }
}

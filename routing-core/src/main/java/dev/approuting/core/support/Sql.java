package dev.approuting.core.support;

/** SQL text helpers for identifiers and literals that cannot be bound as parameters (DDL, SET). */
public final class Sql {
    private Sql() {}

    /** Quotes an identifier the way PostgreSQL's {@code quote_ident} does for any input. */
    public static String ident(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Quotes a string literal the way PostgreSQL's {@code quote_literal} does (standard strings on). */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL character");
        }
        return '\'' + value.replace("'", "''") + '\'';
    }
}

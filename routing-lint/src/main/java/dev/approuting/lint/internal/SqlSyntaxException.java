package dev.approuting.lint.internal;

/** A script the tokenizer cannot read: an unterminated string, identifier or comment, or a NUL character. */
final class SqlSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String fix;

    SqlSyntaxException(String message, int line, int column) {
        this(message, line, column, "close it (Flyway would fail on this file too)");
    }

    SqlSyntaxException(String message, int line, int column, String fix) {
        super(message);
        this.line = line;
        this.column = column;
        this.fix = fix;
    }

    /** What to do about it. */
    String fix() {
        return fix;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }
}

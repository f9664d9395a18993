package dev.approuting.lint.internal;

/**
 * A statement with its parsed shape.
 *
 * @param raw the statement as split from the script
 * @param stmt what the parser recognised
 */
record ParsedStatement(RawStatement raw, Stmt stmt) {

    int line() {
        return raw.first().line();
    }

    int column() {
        return raw.first().column();
    }
}

package dev.approuting.lint.internal;

import java.util.Locale;

/**
 * One lexical token of a SQL script.
 *
 * @param type what kind of token
 * @param text the token as written (for strings and dollar bodies: the content, unescaped)
 * @param line 1-based line of its first character
 * @param column 1-based column of its first character
 * @param start offset of its first character in the script
 * @param end offset just after its last character
 */
record Token(TokenType type, String text, int line, int column, int start, int end) {

    /** True for an unquoted word equal to {@code keyword}, ignoring case. */
    boolean is(String keyword) {
        return type == TokenType.WORD && text.equalsIgnoreCase(keyword);
    }

    /** True for the punctuation or operator {@code symbol}. */
    boolean isSymbol(String symbol) {
        return type == TokenType.SYMBOL && text.equals(symbol);
    }

    /** The identifier this token names: unquoted words fold to lower case, quoted ones stay. */
    String identifier() {
        return type == TokenType.WORD ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** True for a token that can name an object. */
    boolean isName() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER;
    }
}

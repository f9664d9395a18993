package dev.approuting.lint.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL tokenizer: comments (nested block comments included), string constants with their
 * escape rules, quoted identifiers, dollar-quoted strings, numbers, parameters, Flyway placeholders
 * and symbols, each with its line and column.
 */
final class SqlLexer {
    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String src;
    private final int end;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line;
    private int lineStart;
    private final int firstLine;
    private final int firstLineColumnShift;

    private SqlLexer(String src, int from, int to, int line, int column) {
        this.src = src;
        this.pos = from;
        this.end = to;
        this.line = line;
        this.firstLine = line;
        this.lineStart = from;
        this.firstLineColumnShift = column - 1;
    }

    /**
     * Tokenizes a whole script.
     *
     * @throws SqlSyntaxException for an unterminated string, identifier or comment, or a NUL character
     */
    static List<Token> tokenize(String sql) {
        int nul = sql.indexOf('\0');
        if (nul >= 0) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < nul; i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new SqlSyntaxException(
                    "a NUL character (\\0), which PostgreSQL refuses in a query",
                    line,
                    nul - lineStart + 1,
                    "remove it (it comes from a file saved as UTF-16 or binary data pasted into the script)");
        }
        return tokenize(sql, 0, sql.length(), 1, 1);
    }

    /**
     * Tokenizes {@code sql[from, to)}, whose first character sits at {@code line}:{@code column}.
     *
     * @throws SqlSyntaxException for an unterminated string, identifier or comment
     */
    static List<Token> tokenize(String sql, int from, int to, int line, int column) {
        SqlLexer lexer = new SqlLexer(sql, from, to, line, column);
        lexer.run();
        return lexer.tokens;
    }

    private int columnAt(int offset) {
        return offset - lineStart + 1 + (line == firstLine ? firstLineColumnShift : 0);
    }

    private char at(int i) {
        return i < end ? src.charAt(i) : '\0';
    }

    private void run() {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == '\n') {
                newline(pos);
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && at(pos + 1) == '-') {
                lineComment();
            } else if (c == '/' && at(pos + 1) == '*') {
                blockComment();
            } else if (c == '\'') {
                string(pos, pos, false);
            } else if ((c == 'E' || c == 'e') && at(pos + 1) == '\'') {
                string(pos, pos + 1, true);
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && at(pos + 1) == '\'') {
                string(pos, pos + 1, false);
            } else if ((c == 'U' || c == 'u') && at(pos + 1) == '&' && at(pos + 2) == '\'') {
                string(pos, pos + 2, false);
            } else if ((c == 'U' || c == 'u') && at(pos + 1) == '&' && at(pos + 2) == '"') {
                quotedIdentifier(pos, pos + 2);
            } else if (c == '"') {
                quotedIdentifier(pos, pos);
            } else if (c == '$') {
                dollar();
            } else if (isIdentifierStart(c)) {
                word();
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(at(pos + 1)))) {
                number();
            } else if (c == ':' && at(pos + 1) == ':') {
                add(TokenType.SYMBOL, "::", pos, pos + 2);
                pos += 2;
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                operator();
            } else {
                add(TokenType.SYMBOL, String.valueOf(c), pos, pos + 1);
                pos++;
            }
        }
    }

    private void newline(int offset) {
        line++;
        lineStart = offset + 1;
    }

    private void add(TokenType type, String text, int from, int to) {
        tokens.add(new Token(type, text, line, columnAt(from), from, to));
    }

    private void add(TokenType type, String text, int from, int to, int tokenLine, int tokenColumn) {
        tokens.add(new Token(type, text, tokenLine, tokenColumn, from, to));
    }

    private void lineComment() {
        int from = pos;
        int stop = src.indexOf('\n', pos);
        if (stop < 0 || stop > end) {
            stop = end;
        }
        add(TokenType.LINE_COMMENT, src.substring(from + 2, stop), from, stop);
        pos = stop;
    }

    private void blockComment() {
        int from = pos;
        int startLine = line;
        int startColumn = columnAt(from);
        int depth = 0;
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == '/' && at(pos + 1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && at(pos + 1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    add(TokenType.BLOCK_COMMENT, src.substring(from, pos), from, pos, startLine, startColumn);
                    return;
                }
            } else {
                if (c == '\n') {
                    newline(pos);
                }
                pos++;
            }
        }
        throw new SqlSyntaxException("unterminated block comment", startLine, startColumn);
    }

    private void string(int from, int quote, boolean backslashEscapes) {
        quoted(from, quote, '\'', backslashEscapes, TokenType.STRING, "unterminated string literal");
    }

    private void quotedIdentifier(int from, int quote) {
        quoted(from, quote, '"', false, TokenType.QUOTED_IDENTIFIER, "unterminated quoted identifier");
    }

    /**
     * Reads a literal between {@code delimiter}s starting at {@code quote}, a doubled delimiter standing
     * for one, and adds it as a {@code type} token starting at {@code from}.
     */
    private void quoted(
            int from, int quote, char delimiter, boolean backslashEscapes, TokenType type, String unterminated) {
        int startLine = line;
        int startColumn = columnAt(from);
        StringBuilder value = new StringBuilder();
        pos = quote + 1;
        while (pos < end) {
            char c = src.charAt(pos);
            if (c == delimiter) {
                if (at(pos + 1) == delimiter) {
                    value.append(delimiter);
                    pos += 2;
                    continue;
                }
                pos++;
                add(type, value.toString(), from, pos, startLine, startColumn);
                return;
            }
            if (c == '\\' && backslashEscapes && pos + 1 < end) {
                char next = src.charAt(pos + 1);
                if (next == '\n') {
                    newline(pos + 1);
                }
                value.append(next);
                pos += 2;
                continue;
            }
            if (c == '\n') {
                newline(pos);
            }
            value.append(c);
            pos++;
        }
        throw new SqlSyntaxException(unterminated, startLine, startColumn);
    }

    private void dollar() {
        int from = pos;
        char next = at(pos + 1);
        if (Character.isDigit(next)) {
            int i = pos + 1;
            while (i < end && Character.isDigit(src.charAt(i))) {
                i++;
            }
            add(TokenType.PARAMETER, src.substring(from, i), from, i);
            pos = i;
            return;
        }
        if (next == '{') {
            int close = src.indexOf('}', pos);
            if (close < 0 || close >= end) {
                throw new SqlSyntaxException("unterminated Flyway placeholder", line, columnAt(from));
            }
            add(TokenType.PARAMETER, src.substring(from, close + 1), from, close + 1);
            pos = close + 1;
            return;
        }
        int i = pos + 1;
        while (i < end && isIdentifierPart(src.charAt(i)) && src.charAt(i) != '$') {
            i++;
        }
        if (at(i) != '$' || (i > pos + 1 && !isIdentifierStart(src.charAt(pos + 1)))) {
            add(TokenType.SYMBOL, "$", from, from + 1);
            pos++;
            return;
        }
        String tag = src.substring(from, i + 1);
        int bodyStart = i + 1;
        int close = src.indexOf(tag, bodyStart);
        if (close < 0 || close + tag.length() > end) {
            throw new SqlSyntaxException("unterminated dollar-quoted string " + tag, line, columnAt(from));
        }
        int startLine = line;
        int startColumn = columnAt(from);
        for (int k = bodyStart; k < close; k++) {
            if (src.charAt(k) == '\n') {
                newline(k);
            }
        }
        pos = close + tag.length();
        add(TokenType.DOLLAR_STRING, src.substring(bodyStart, close), from, pos, startLine, startColumn);
    }

    private void word() {
        int from = pos;
        while (pos < end && isIdentifierPart(src.charAt(pos))) {
            pos++;
        }
        add(TokenType.WORD, src.substring(from, pos), from, pos);
    }

    private void number() {
        int from = pos;
        while (pos < end) {
            char c = src.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_') {
                if ((c == 'e' || c == 'E') && (at(pos + 1) == '+' || at(pos + 1) == '-')) {
                    pos++;
                }
                pos++;
            } else if (c == '.' && at(pos + 1) != '.') {
                pos++;
            } else {
                break;
            }
        }
        add(TokenType.NUMBER, src.substring(from, pos), from, pos);
    }

    private void operator() {
        int from = pos;
        while (pos < end && OPERATOR_CHARS.indexOf(src.charAt(pos)) >= 0) {
            if (pos > from
                    && ((src.charAt(pos) == '-' && at(pos + 1) == '-')
                            || (src.charAt(pos) == '/' && at(pos + 1) == '*'))) {
                break;
            }
            pos++;
        }
        add(TokenType.SYMBOL, src.substring(from, pos), from, pos);
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}

package dev.approuting.lint.internal;

/** The kinds of token the SQL tokenizer produces. */
enum TokenType {
    /** An unquoted identifier or keyword. */
    WORD,
    /** A {@code "quoted"} identifier; never a keyword. */
    QUOTED_IDENTIFIER,
    /** A string constant: {@code '…'}, {@code E'…'}, {@code B'…'}, {@code X'…'}, {@code U&'…'}. */
    STRING,
    /** A dollar-quoted string ({@code $$…$$} or {@code $tag$…$tag$}). */
    DOLLAR_STRING,
    /** A numeric constant. */
    NUMBER,
    /** A positional parameter ({@code $1}) or a Flyway placeholder ({@code ${name}}). */
    PARAMETER,
    /** Punctuation or an operator. */
    SYMBOL,
    /** A {@code --} line comment (text without the dashes). */
    LINE_COMMENT,
    /** A block comment, nested ones included. */
    BLOCK_COMMENT
}

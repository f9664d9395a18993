package dev.approuting.lint.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One statement of a script, before parsing.
 *
 * @param tokens its tokens, comments left out, the closing {@code ;} not included
 * @param comments the comments between the previous statement and this one
 * @param text the statement as written
 */
record RawStatement(List<Token> tokens, List<Token> comments, String text) {

    RawStatement {
        tokens = List.copyOf(tokens);
        comments = List.copyOf(comments);
    }

    Token first() {
        return tokens.get(0);
    }

    /**
     * Splits tokens into statements on {@code ;}, keeping {@code BEGIN ATOMIC … END} function bodies
     * whole. Comments before a statement travel with it; trailing comments are dropped.
     */
    static List<RawStatement> split(String src, List<Token> all) {
        List<RawStatement> result = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        List<Token> comments = new ArrayList<>();
        int atomicDepth = 0;
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.type() == TokenType.LINE_COMMENT || t.type() == TokenType.BLOCK_COMMENT) {
                if (current.isEmpty()) {
                    comments.add(t);
                }
                continue;
            }
            if (atomicDepth > 0) {
                if (t.is("case")) {
                    atomicDepth++;
                } else if (t.is("end")) {
                    atomicDepth--;
                }
            } else if (t.is("atomic")
                    && !current.isEmpty()
                    && current.get(current.size() - 1).is("begin")) {
                atomicDepth = 1;
            }
            if (t.isSymbol(";") && atomicDepth == 0) {
                flush(src, result, current, comments);
                continue;
            }
            current.add(t);
        }
        flush(src, result, current, comments);
        return result;
    }

    private static void flush(String src, List<RawStatement> out, List<Token> current, List<Token> comments) {
        if (!current.isEmpty()) {
            String text = src.substring(
                    current.get(0).start(), current.get(current.size() - 1).end());
            out.add(new RawStatement(current, comments, text));
        }
        current.clear();
        comments.clear();
    }
}

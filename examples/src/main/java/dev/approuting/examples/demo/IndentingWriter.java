package dev.approuting.examples.demo;

import java.io.Writer;

/** Indents every line written through it, so command output nests under the demo's steps. */
final class IndentingWriter extends Writer {
    private final Writer target;
    private final String indent;
    private boolean lineStart = true;

    IndentingWriter(Writer target, String indent) {
        this.target = target;
        this.indent = indent;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws java.io.IOException {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            if (lineStart && c != '\n') {
                target.write(indent);
            }
            target.write(c);
            lineStart = c == '\n';
        }
    }

    @Override
    public void flush() throws java.io.IOException {
        target.flush();
    }

    @Override
    public void close() throws java.io.IOException {
        flush();
    }
}

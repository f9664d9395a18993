package dev.approuting.cli.internal;

/** The output format of commands a machine may read. */
public enum Format {
    /** Aligned text for people. */
    TEXT,
    /** One JSON document on the output writer; progress goes to the error writer. */
    JSON
}

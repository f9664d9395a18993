package dev.approuting.testkit.internal;

/** How PostgreSQL 15+ copies a template: {@code STRATEGY WAL_LOG} or {@code FILE_COPY}. */
public enum CloneStrategy {
    /** Leave it to the server (before PostgreSQL 15 there is no choice). */
    DEFAULT,
    /** Copies block by block through the WAL; fast for small templates. */
    WAL_LOG,
    /** Copies files and checkpoints; fast for large templates or with fsync on. */
    FILE_COPY
}

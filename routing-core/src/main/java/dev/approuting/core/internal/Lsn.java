package dev.approuting.core.internal;

import java.util.Locale;

/** WAL positions (LSNs) as unsigned 64-bit numbers, read and written in PostgreSQL's {@code X/Y} notation. */
public final class Lsn {
    private static final long SHORT_PAGE_HEADER = 24;
    private static final long LONG_PAGE_HEADER = 40;

    private Lsn() {}

    /** Reads {@code 16/B374D848}; the caller checked the form. */
    public static long parse(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    /** Writes {@code 16/B374D848}. */
    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
    }

    /** Returns whether {@code a} is at or after {@code b}. */
    public static boolean atLeast(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0;
    }

    /**
     * Returns an insert position ({@code pg_current_wal_insert_lsn()}) that a standby can reach: when
     * nothing is written on the current page yet (right after a page or segment boundary, such as after a
     * WAL switch), the position points past the page header, while a standby's replay position stops at
     * the end of the last record, the boundary itself.
     *
     * @param blockSize {@code wal_block_size}
     * @param segmentSize {@code wal_segment_size} in bytes
     */
    public static long reachable(long lsn, long blockSize, long segmentSize) {
        long inPage = Long.remainderUnsigned(lsn, blockSize);
        boolean segmentStart = Long.remainderUnsigned(lsn, segmentSize) == inPage;
        if ((inPage == SHORT_PAGE_HEADER && !segmentStart) || (inPage == LONG_PAGE_HEADER && segmentStart)) {
            return lsn - inPage;
        }
        return lsn;
    }
}

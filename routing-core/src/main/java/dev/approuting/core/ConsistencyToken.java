package dev.approuting.core;

import dev.approuting.core.internal.Lsn;
import dev.approuting.core.support.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a caller has written, for exact read-your-writes on replicas: per logical database, a WAL position
 * ({@code pg_current_wal_insert_lsn()} on the writer right after a write committed). A read through
 * {@link RoutedDatabases#reading(AppName)} goes to a replica only when the replica has replayed at least
 * that far, so it sees those writes; otherwise it goes to the writer.
 *
 * <p>{@link RoutedDatabases} keeps one token per thread, advanced by every write that thread commits. To
 * carry it to the next request of a web service, put {@link #toString()} in a cookie or header and give it
 * back with {@link RoutedDatabases#withToken(ConsistencyToken)}:
 *
 * <pre>{@code
 * ConsistencyToken given = ConsistencyToken.tryParse(request.cookie("rw")).orElse(ConsistencyToken.none());
 * try (TokenScope scope = dbs.withToken(given)) {
 *     handle(request);                                   // reads see what this client wrote before
 *     response.cookie("rw", scope.token().toString());   // plus what it wrote now
 * }
 * }</pre>
 *
 * <p>The text form is {@code users:0/16B3740.buildsense:0/3000060} (databases in name order, positions in
 * PostgreSQL's notation): only characters allowed in cookie values, headers and URLs. A token proves
 * nothing: a forged one can only send its holder's reads to the writer.
 *
 * @param positions the WAL position (an unsigned 64-bit LSN) per logical database
 */
public record ConsistencyToken(Map<DbName, Long> positions) {
    /** The longest text {@link #parse(String)} accepts. */
    public static final int MAX_TEXT_LENGTH = 4096;

    private static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9_]{0,62}):([0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8})");
    private static final ConsistencyToken NONE = new ConsistencyToken(Map.of());

    /** Copies the map into name order. */
    public ConsistencyToken {
        positions = java.util.Collections.unmodifiableMap(new TreeMap<>(positions));
    }

    /** Returns the empty token: reads may be as stale as {@link ReaderSettings#maxLag()} allows. */
    public static ConsistencyToken none() {
        return NONE;
    }

    /**
     * Returns a token holding one position, such as {@code of(DbName.of("users"), "0/16B3740")}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_TOKEN} when {@code lsn} is no WAL position
     */
    public static ConsistencyToken of(DbName db, String lsn) {
        return parse(db + ":" + lsn);
    }

    /**
     * Reads the text form of {@link #toString()}; an empty text is {@link #none()}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_TOKEN} naming the bad entry when the text is
     *     not a token (too long, an entry that is not {@code db:LSN}, a database named twice)
     */
    public static ConsistencyToken parse(String text) {
        if (text.isEmpty()) {
            return NONE;
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw invalid(
                    text, "it is " + text.length() + " characters long, at most " + MAX_TEXT_LENGTH + " are allowed");
        }
        Map<DbName, Long> positions = new LinkedHashMap<>();
        String[] entries = text.split("\\.", -1);
        for (int i = 0; i < entries.length; i++) {
            Matcher m = ENTRY.matcher(entries[i]);
            if (!m.matches()) {
                throw invalid(
                        text,
                        "entry " + (i + 1) + " " + shown(entries[i])
                                + " is not database:LSN (such as users:0/16B3740)");
            }
            DbName db;
            try {
                db = DbName.of(m.group(1));
            } catch (RoutingException e) {
                throw invalid(text, "entry " + (i + 1) + " names no valid database (" + e.getMessage() + ")");
            }
            if (positions.put(db, Lsn.parse(m.group(2))) != null) {
                throw invalid(text, "database '" + db + "' appears twice");
            }
        }
        return new ConsistencyToken(positions);
    }

    /** Like {@link #parse(String)}, for untrusted input: empty when {@code text} is null or not a token. */
    public static Optional<ConsistencyToken> tryParse(@org.jspecify.annotations.Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (RoutingException e) {
            return Optional.empty();
        }
    }

    /** Returns the position of {@code db}, if this token has one. */
    public OptionalLong position(DbName db) {
        Long lsn = positions.get(db);
        return lsn == null ? OptionalLong.empty() : OptionalLong.of(lsn);
    }

    /** Returns whether the token holds no position. */
    public boolean isEmpty() {
        return positions.isEmpty();
    }

    /** Returns a token with the later position of each database of this one and {@code other}. */
    public ConsistencyToken merge(ConsistencyToken other) {
        if (other.isEmpty() || other.equals(this)) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<DbName, Long> merged = new TreeMap<>(positions);
        other.positions.forEach((db, lsn) -> merged.merge(db, lsn, (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b));
        return new ConsistencyToken(merged);
    }

    /** Returns a token where {@code db} is at least at {@code lsn}. */
    public ConsistencyToken advance(DbName db, long lsn) {
        Long current = positions.get(db);
        if (current != null && Long.compareUnsigned(current, lsn) >= 0) {
            return this;
        }
        Map<DbName, Long> copy = new TreeMap<>(positions);
        copy.put(db, lsn);
        return new ConsistencyToken(copy);
    }

    /** Returns a token without {@code db}. */
    public ConsistencyToken without(DbName db) {
        if (!positions.containsKey(db)) {
            return this;
        }
        Map<DbName, Long> copy = new TreeMap<>(positions);
        copy.remove(db);
        return new ConsistencyToken(copy);
    }

    /** Returns the text form, {@code users:0/16B3740.buildsense:0/3000060}; empty for {@link #none()}. */
    @Override
    public String toString() {
        List<String> entries = new ArrayList<>();
        positions.forEach((db, lsn) -> entries.add(db + ":" + Lsn.format(lsn)));
        return String.join(".", entries);
    }

    private static String shown(String value) {
        return Text.quote(value.length() > 40 ? value.substring(0, 40) + "…" : value);
    }

    private static RoutingException invalid(String text, String problem) {
        return RoutingException.of(
                ErrorCode.INVALID_TOKEN,
                "consistency token " + shown(text) + " is invalid: " + problem
                        + ". Pass on only what RoutedDatabases.token().toString() gave, or read untrusted input with"
                        + " ConsistencyToken.tryParse(text)");
    }
}

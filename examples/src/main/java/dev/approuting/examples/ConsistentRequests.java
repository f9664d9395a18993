package dev.approuting.examples;

import dev.approuting.core.ConsistencyToken;
import dev.approuting.core.RoutedDatabases;
import org.jspecify.annotations.Nullable;

/**
 * Carries a client's consistency token from one request to the next, as a web service does with a header
 * or a cookie: reads of a request see every write the client made in earlier requests, on a reader that
 * has replayed them or else on the writer.
 *
 * <pre>{@code
 * String next = ConsistentRequests.handle(dbs, request.getHeader("X-Consistency"), () -> serve(request));
 * }</pre>
 */
public final class ConsistentRequests {
    /**
     * Runs {@code work} as one request of a client that sent {@code header} (its token, or {@code null} on
     * its first request; malformed text counts as none) and returns the token to send back.
     */
    public static String handle(RoutedDatabases dbs, @Nullable String header, Runnable work) {
        ConsistencyToken given = ConsistencyToken.tryParse(header).orElse(ConsistencyToken.none());
        return dbs.withToken(given, () -> {
            work.run(); // its reads see what this client wrote before
            return dbs.token().toString(); // plus what it wrote now
        });
    }

    private ConsistentRequests() {}
}

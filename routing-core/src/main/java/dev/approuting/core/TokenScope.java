package dev.approuting.core;

/**
 * The consistency token of the current thread for the length of a request: opened by
 * {@link RoutedDatabases#withToken(ConsistencyToken)}, closed at the end of the request, which gives the
 * thread back the token it had before. Not thread-safe: open and close it on one thread.
 *
 * <pre>{@code
 * try (TokenScope scope = dbs.withToken(ConsistencyToken.tryParse(header).orElse(ConsistencyToken.none()))) {
 *     ...
 *     response.setHeader("X-Consistency", scope.token().toString());
 * }
 * }</pre>
 */
public interface TokenScope extends AutoCloseable {
    /** Returns the thread's token now: the one given, advanced by the writes made since. */
    ConsistencyToken token();

    /** Gives the thread back its earlier token. */
    @Override
    void close();
}

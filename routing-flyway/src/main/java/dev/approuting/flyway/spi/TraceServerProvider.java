package dev.approuting.flyway.spi;

import dev.approuting.core.DbCredentials;

/**
 * Supplies the PostgreSQL server {@code routing lint --trace} runs on when no {@code --trace-url} is
 * given. routing-testkit registers one (in {@code META-INF/services}) that starts its embedded
 * PostgreSQL, so routing-flyway itself needs no embedded server.
 */
public interface TraceServerProvider {

    /**
     * Starts (or finds) a server.
     *
     * @return the running server; the caller closes it
     * @throws dev.approuting.core.RoutingException with
     *     {@link dev.approuting.core.ErrorCode#DATABASE_UNAVAILABLE} when it cannot be started
     */
    TraceServer start();

    /** A running server; closing it stops what the provider started. */
    interface TraceServer extends AutoCloseable {

        /** Returns a login with {@code CREATEDB}, pointing at a database that exists. */
        DbCredentials admin();

        /** Stops the server if the provider started it. */
        @Override
        void close();
    }
}

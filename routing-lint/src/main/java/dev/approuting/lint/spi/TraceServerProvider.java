package dev.approuting.lint.spi;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Supplies the PostgreSQL server {@code routing lint --trace} runs on when no {@code --trace-url} is
 * given. routing-testkit registers one (in {@code META-INF/services}) that starts its embedded
 * PostgreSQL, so routing-lint itself needs no embedded server.
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

    /**
     * Starts the server of the first provider on the class path, for {@code lint --trace} without a URL.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when there is none
     */
    static TraceServer startFirst() {
        Iterator<TraceServerProvider> providers =
                ServiceLoader.load(TraceServerProvider.class).iterator();
        if (!providers.hasNext()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "tracing needs a PostgreSQL server and no TraceServerProvider is on the class path: give the"
                            + " linter a server (MigrationLinter.Builder.trace(credentials)), or put routing-testkit"
                            + " on the class path for its embedded server");
        }
        return providers.next().start();
    }

    /** A running server; closing it stops what the provider started. */
    interface TraceServer extends AutoCloseable {

        /** Returns a login with {@code CREATEDB} and {@code CREATEROLE}, pointing at a database that exists. */
        DbCredentials admin();

        /** Stops the server if the provider started it. */
        @Override
        void close();
    }
}

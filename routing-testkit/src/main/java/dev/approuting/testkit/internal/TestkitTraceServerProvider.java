package dev.approuting.testkit.internal;

import dev.approuting.core.DbCredentials;
import dev.approuting.lint.spi.TraceServerProvider;
import dev.approuting.testkit.postgres.PostgresProvider;
import dev.approuting.testkit.postgres.PostgresServer;

/**
 * Lets {@code routing lint --trace} run without {@code --trace-url} when the testkit is on the class
 * path: starts the server {@link PostgresProvider#fromSpec(String)} picks (embedded by default, or the
 * one {@code APPROUTING_TEST_POSTGRES} names).
 */
public final class TestkitTraceServerProvider implements TraceServerProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public TestkitTraceServerProvider() {}

    @Override
    public TraceServer start() {
        PostgresServer server = TestRuntime.startServer(TestRuntime.provider(""));
        return new TraceServer() {
            @Override
            public DbCredentials admin() {
                return ServerLogin.credentials(server, server.adminDatabase());
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}

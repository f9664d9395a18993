package dev.approuting.cli.internal;

import dev.approuting.admin.AdminServer;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code routing admin}: serves the read-only admin page and health endpoints until interrupted. */
@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a read-only status page (/), health checks (/health, /health/<db>), a JSON status (/status)"
                    + " and Prometheus metrics (/metrics) for every database, until interrupted.",
            "Listens on 127.0.0.1 unless --bind says otherwise; any other address needs --token-env."
        })
final class AdminCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    DatabaseOptions databases = new DatabaseOptions();

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "Port to listen on (0: a free one).")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); beyond loopback a token is required.")
    String bind = "127.0.0.1";

    @Option(
            names = "--token-env",
            paramLabel = "VAR",
            description = "Environment variable holding a bearer token every request must send as"
                    + " 'Authorization: Bearer <token>' (at least " + AdminServer.MIN_TOKEN_LENGTH + " characters).")
    @Nullable
    String tokenEnv;

    AdminCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AdminServer.Builder admin = AdminServer.configure(context.registry())
                .credentials(databases.credentials(context.environment()))
                .environment(databases.environment.environment)
                .databases(databases.chosen())
                .parallelism(databases.parallel)
                .bind(bind, port)
                .bearerToken(token());
        try (AdminServer server = admin.start()) {
            Human.line(context.out(), "admin page on " + server.uri() + " (read-only; stop with Ctrl-C)");
            Thread hook = new Thread(server::close, "approuting-admin-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                removeHook(hook);
            }
        }
        return CliContext.OK;
    }

    private @Nullable String token() {
        String variable = tokenEnv;
        if (variable == null) {
            return null;
        }
        String value = context.environment().get(variable);
        if (value == null || value.isBlank()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "--token-env " + variable + " names an environment variable that is not set or empty: export "
                            + variable + "=$(openssl rand -hex 32) and send it as 'Authorization: Bearer ...'");
        }
        return value;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is shutting down and the hook closes the server
        }
    }
}

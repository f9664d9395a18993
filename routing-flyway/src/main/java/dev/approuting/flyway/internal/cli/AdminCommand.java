package dev.approuting.flyway.internal.cli;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.admin.AdminServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    private final Map<String, String> environment;

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
        this(context, System.getenv());
    }

    AdminCommand(CliContext context, Map<String, String> environment) {
        this.context = context;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        databases.configure(context).view();
        AdminServer.Builder admin = AdminServer.configure(context.registry())
                .credentials(credentials())
                .environment(databases.environment)
                .databases(chosen())
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

    private CredentialsSource credentials() {
        String ns = String.valueOf(databases.namespace);
        Path dir = databases.secretsDir;
        return dir == null
                ? CredentialsSource.environment(ns, environment)
                : CredentialsSource.firstOf(
                        CredentialsSource.mountedSecrets(dir, ns), CredentialsSource.environment(ns, environment));
    }

    private List<DbName> chosen() {
        List<String> names = databases.dbs;
        return names == null
                ? List.of()
                : names.stream().map(String::strip).map(DbName::of).toList();
    }

    private @Nullable String token() {
        String variable = tokenEnv;
        if (variable == null) {
            return null;
        }
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new RoutingException(
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

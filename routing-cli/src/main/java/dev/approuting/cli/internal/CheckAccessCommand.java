package dev.approuting.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.core.AppName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Json;
import dev.approuting.deploy.AccessCheck;
import dev.approuting.deploy.AccessReport;
import dev.approuting.deploy.AccessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code routing check-access}: what a service's pod reaches with its own secrets. */
@Command(
        name = "check-access",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run from a service's pod (or as its init container or readiness gate): with the service's own secrets,"
                    + " log in to each database it declares, SET ROLE to the owner role, check that each app's schema"
                    + " exists and that every migration on the class path is applied; and check that no database it"
                    + " does not declare is reachable (no secret at hand, no login of the service connects).",
            "Prints one row per check. Changes nothing."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed", "2:bad input: an unknown service, no namespace"})
final class CheckAccessCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(
            names = "--service",
            paramLabel = "S",
            defaultValue = "${env:ROUTING_SERVICE}",
            description = "The service whose pod this is (env ROUTING_SERVICE).")
    @Nullable
    String service;

    @Mixin
    CredentialOptions login = new CredentialOptions();

    @Mixin
    EnvironmentOption environment = new EnvironmentOption();

    @Option(
            names = "--timeout",
            paramLabel = "TIME",
            converter = Durations.class,
            description = "How long each connection may take to open and each query to answer (default: 5s).")
    Duration timeout = AccessCheck.DEFAULT_TIMEOUT;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    CheckAccessCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String name = service;
        if (name == null || name.isBlank()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "no service: give --service S (or set ROUTING_SERVICE in the pod), the service whose secrets these"
                            + " are");
        }
        AccessReport report = AccessCheck.configure(context.registry(), name)
                .credentials(login.credentials(context.environment()))
                .environment(environment.environment)
                .timeout(timeout)
                .load()
                .check();
        if (format == Format.JSON) {
            Human.line(context.out(), json(report));
        } else {
            text(report);
        }
        return report.ok() ? CliContext.OK : CliContext.FAILED;
    }

    private void text(AccessReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DATABASE", "APP", "CHECK", "RESULT", "DETAIL"});
        for (AccessResult result : report.results()) {
            AppName app = result.app();
            rows.add(new String[] {
                result.db().value(),
                app == null ? "-" : app.value(),
                result.check().name(),
                result.ok() ? "ok" : "FAILED",
                CommandLines.withFlags(result.detail())
            });
        }
        Human.table(context.out(), rows);
        long declared = report.results().stream()
                .filter(r -> r.check() == AccessResult.Check.SECRET)
                .count();
        Human.line(
                context.out(),
                report.ok()
                        ? "check-access: service " + report.service() + " reaches its "
                                + Human.count(declared, "database") + ", migrated, and no other"
                        : "check-access: service " + report.service() + ": "
                                + report.failures().size() + " of "
                                + Human.count(report.results().size(), "check") + " FAILED; see DETAIL for each");
    }

    private static String json(AccessReport report) {
        ObjectNode root = Json.object();
        root.put("service", report.service().value());
        root.put("ok", report.ok());
        ArrayNode results = root.putArray("results");
        for (AccessResult result : report.results()) {
            ObjectNode r = results.addObject();
            r.put("db", result.db().value());
            AppName app = result.app();
            r.put("app", app == null ? null : app.value());
            r.put("check", result.check().name());
            r.put("ok", result.ok());
            r.put("detail", CommandLines.withFlags(result.detail()));
        }
        return Json.write(root);
    }
}

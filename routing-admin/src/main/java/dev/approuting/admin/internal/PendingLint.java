package dev.approuting.admin.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.MigrationConfig;
import dev.approuting.flyway.MigrationScript;
import dev.approuting.lint.FileReport;
import dev.approuting.lint.Finding;
import dev.approuting.lint.MigrationLinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lints the scripts of pending migrations with a {@link MigrationLinter}. Each script is linted on its
 * own (the migrations before it are applied already); results are kept per (app, version), since the
 * scripts on the class path do not change while the process runs. Thread-safe.
 */
final class PendingLint {
    private final MigrationLinter linter;
    private final MigrationConfig config;
    private final Map<String, List<Snapshot.Lint>> cache = new ConcurrentHashMap<>();

    PendingLint(MigrationLinter linter, MigrationConfig config) {
        this.linter = linter;
        this.config = config;
    }

    /** Returns the findings on the scripts of {@code pending} versions of {@code app}. */
    List<Snapshot.Lint> findings(AppName app, List<String> pending) {
        List<Snapshot.Lint> all = new ArrayList<>();
        for (String version : pending) {
            all.addAll(cache.computeIfAbsent(app.value() + "@" + version, k -> lint(app, version)));
        }
        return all;
    }

    private List<Snapshot.Lint> lint(AppName app, String version) {
        List<Snapshot.Lint> found = new ArrayList<>();
        List<MigrationScript> scripts;
        try {
            scripts = config.scripts(app);
        } catch (RoutingException e) {
            return List.of(new Snapshot.Lint("V" + version, 0, "error", "unreadable", String.valueOf(e.getMessage())));
        }
        for (MigrationScript script : scripts) {
            if (!version.equals(script.version())) {
                continue;
            }
            try {
                FileReport report = linter.lintScript(script.name(), script.content());
                for (Finding f : report.findings()) {
                    found.add(new Snapshot.Lint(
                            script.name(), f.line(), f.severity().id(), f.rule().id(), f.message(), f.fix()));
                }
            } catch (RoutingException e) {
                found.add(new Snapshot.Lint(script.name(), 0, "error", "unparsable", String.valueOf(e.getMessage())));
            }
        }
        return found;
    }
}

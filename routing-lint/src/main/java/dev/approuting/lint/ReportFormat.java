package dev.approuting.lint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.approuting.core.support.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The output formats of a {@link LintReport}: text for people, JSON for tools, SARIF for code-scanning
 * services and GitHub workflow annotations.
 *
 * <pre>{@code
 * ReportFormat.SARIF.write(linter.lint(Path.of("db/migration")), new PrintWriter(System.out));
 * }</pre>
 */
public enum ReportFormat {
    /** For people: one block per finding and a summary line. */
    TEXT {
        @Override
        public void write(LintReport report, PrintWriter out) {
            for (FileReport file : report.files()) {
                for (Finding f : file.findings()) {
                    out.printf(
                            "%s:%d:%d: %s [%s] %s%n",
                            file.path(),
                            f.line(),
                            f.column(),
                            f.severity().id(),
                            f.rule().id(),
                            f.message());
                    out.printf("    %s%n", f.statement().replace("\n", "\n    "));
                    out.printf("    fix: %s%n", f.fix());
                }
            }
            if (report.tracedOn() != null) {
                writeTraces(report, out);
            }
            long errors = count(report, Severity.ERROR);
            long warnings = count(report, Severity.WARNING);
            out.printf(
                    "%d file(s), %d statement(s): %s%n",
                    report.files().size(),
                    report.statements(),
                    errors + warnings == 0 ? "no findings" : errors + " error(s), " + warnings + " warning(s)");
        }
    },
    /** {@code {"files":[{"path":…,"findings":[{"rule":…,"severity":…,…}]}]}}. */
    JSON {
        @Override
        public void write(LintReport report, PrintWriter out) {
            ObjectNode root = Json.object();
            ArrayNode files = root.putArray("files");
            for (FileReport file : report.files()) {
                ObjectNode f = files.addObject();
                f.put("path", file.path());
                ArrayNode findings = f.putArray("findings");
                for (Finding x : file.findings()) {
                    ObjectNode n = findings.addObject();
                    n.put("rule", x.rule().id());
                    n.put("severity", x.severity().id());
                    n.put("line", x.line());
                    n.put("column", x.column());
                    n.put("statement", x.statement());
                    n.put("message", x.message());
                    n.put("fix", x.fix());
                }
                FileTrace trace = file.trace();
                if (trace != null) {
                    traceJson(trace, f.putObject("trace"));
                }
            }
            if (report.tracedOn() != null) {
                root.put("tracedOn", report.tracedOn());
            }
            print(root, out);
        }
    },
    /** SARIF 2.1.0, for code scanning tools. */
    SARIF {
        @Override
        public void write(LintReport report, PrintWriter out) {
            ObjectNode root = Json.object();
            root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            root.put("version", "2.1.0");
            ObjectNode run = root.putArray("runs").addObject();
            ObjectNode driver = run.putObject("tool").putObject("driver");
            driver.put("name", "routing-lint");
            ArrayNode rules = driver.putArray("rules");
            for (LintRule rule : LintRule.values()) {
                ObjectNode r = rules.addObject();
                r.put("id", rule.id());
                r.putObject("shortDescription").put("text", rule.reason());
                r.putObject("help").put("text", rule.fix());
                r.putObject("defaultConfiguration")
                        .put("level", rule.defaultSeverity().id());
            }
            ArrayNode results = run.putArray("results");
            for (FileReport file : report.files()) {
                for (Finding f : file.findings()) {
                    ObjectNode r = results.addObject();
                    r.put("ruleId", f.rule().id());
                    r.put("level", f.severity().id());
                    r.putObject("message").put("text", f.message() + ". Fix: " + f.fix());
                    ObjectNode location = r.putArray("locations").addObject().putObject("physicalLocation");
                    location.putObject("artifactLocation")
                            .put("uri", file.path().replace('\\', '/'));
                    ObjectNode region = location.putObject("region");
                    region.put("startLine", f.line());
                    region.put("startColumn", f.column());
                }
            }
            print(root, out);
        }
    },
    /** GitHub Actions workflow commands: {@code ::error file=…,line=…,col=…::message}. */
    GITHUB {
        @Override
        public void write(LintReport report, PrintWriter out) {
            for (FileReport file : report.files()) {
                for (Finding f : file.findings()) {
                    out.printf(
                            "::%s file=%s,line=%d,col=%d,title=%s::%s%n",
                            f.severity() == Severity.ERROR ? "error" : "warning",
                            property(file.path()),
                            f.line(),
                            f.column(),
                            property(f.rule().id()),
                            data(f.message() + ". Fix: " + f.fix()));
                }
            }
        }
    };

    /**
     * Writes a report.
     *
     * @param report the report
     * @param out where to write
     */
    public abstract void write(LintReport report, PrintWriter out);

    /** Prints, per traced file, the statements that locked, rewrote, read or changed an existing table. */
    private static void writeTraces(LintReport report, PrintWriter out) {
        out.printf("traced on %s:%n", report.tracedOn());
        for (FileReport file : report.files()) {
            FileTrace trace = file.trace();
            if (trace == null) {
                out.printf("  %s: not run (an earlier file failed)%n", file.path());
                continue;
            }
            out.printf(
                    "  %s: %s%s%n",
                    file.path(),
                    trace.inTransaction() ? "in one transaction" : "without a transaction",
                    trace.error() == null ? "" : ", FAILED at " + trace.error());
            for (FileTrace.StatementTrace st : trace.statements()) {
                List<String> seen = new ArrayList<>();
                st.locks().stream()
                        .filter(FileTrace.TableLock::existing)
                        .forEach(l -> seen.add(l.mode() + " lock on " + l.table()));
                st.rewritten().forEach(t -> seen.add("rewrote " + t));
                st.scanned().stream()
                        .filter(t -> !st.rewritten().contains(t))
                        .forEach(t -> seen.add("read every row of " + t));
                st.changes()
                        .forEach(c ->
                                seen.add(c.table() + (c.column() == null ? "" : "." + c.column()) + ": " + c.detail()));
                if (!seen.isEmpty()) {
                    out.printf(
                            "    %d:%d %s (lock_timeout %s)%n",
                            st.line(), st.column(), String.join("; ", seen), st.lockTimeout());
                }
            }
        }
    }

    private static void traceJson(FileTrace trace, ObjectNode node) {
        node.put("inTransaction", trace.inTransaction());
        if (trace.error() != null) {
            node.put("error", trace.error());
        }
        ArrayNode statements = node.putArray("statements");
        for (FileTrace.StatementTrace st : trace.statements()) {
            ObjectNode s = statements.addObject();
            s.put("line", st.line());
            s.put("column", st.column());
            s.put("lockTimeout", st.lockTimeout());
            ArrayNode locks = s.putArray("locks");
            for (FileTrace.TableLock l : st.locks()) {
                locks.addObject().put("table", l.table()).put("mode", l.mode()).put("existing", l.existing());
            }
            ArrayNode rewritten = s.putArray("rewritten");
            st.rewritten().forEach(rewritten::add);
            ArrayNode scanned = s.putArray("scanned");
            st.scanned().forEach(scanned::add);
            ArrayNode changes = s.putArray("changes");
            for (FileTrace.SchemaChange c : st.changes()) {
                ObjectNode n = changes.addObject();
                n.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
                n.put("table", c.table());
                if (c.column() != null) {
                    n.put("column", c.column());
                }
                n.put("detail", c.detail());
            }
        }
    }

    private static long count(LintReport report, Severity severity) {
        return report.findings().stream().filter(f -> f.severity() == severity).count();
    }

    private static void print(ObjectNode root, PrintWriter out) {
        out.println(Json.write(root));
    }

    private static String data(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String value) {
        return data(value).replace(":", "%3A").replace(",", "%2C");
    }
}

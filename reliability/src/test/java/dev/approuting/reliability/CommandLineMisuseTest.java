package dev.approuting.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.cli.RoutingCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Wrong command lines for each subcommand: an unknown flag, an option without its value or a required
 * option left out, conflicting options (one option given twice with different values) and two options
 * of which only one may be given (a password from a file and from a variable). Each gets
 * the error, the command's usage help and exit code 2, and nothing runs (every database address here
 * would refuse a connection).
 */
@ExtendWith(SecretScan.class)
class CommandLineMisuseTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:1/postgres";

    /**
     * One misuse.
     *
     * @param command the subcommand
     * @param kind unknown flag, missing argument or conflict
     * @param args the whole command line
     * @param says what the error must say
     */
    private record Misuse(String command, String kind, List<String> args, String says) {}

    private static final List<Misuse> MISUSES = List.of(
            new Misuse("migrate-all", "unknown flag", List.of("migrate-all", "--bogus"), "Unknown option: '--bogus'"),
            new Misuse("migrate-all", "missing argument", List.of("migrate-all", "--db"), "Missing required parameter"),
            new Misuse(
                    "migrate-all",
                    "conflict",
                    List.of("migrate-all", "--format", "json", "--format", "text"),
                    "should be specified only once"),
            new Misuse("status", "unknown flag", List.of("status", "--bogus"), "Unknown option: '--bogus'"),
            new Misuse(
                    "status",
                    "missing argument",
                    List.of("status", "--namespace"),
                    "Missing required parameter for option '--namespace'"),
            new Misuse(
                    "status",
                    "conflict",
                    List.of("status", "--parallel", "1", "--parallel", "2"),
                    "should be specified only once"),
            new Misuse("validate", "unknown flag", List.of("validate", "--bogus"), "Unknown option: '--bogus'"),
            new Misuse("validate", "missing argument", List.of("validate", "--parallel"), "Missing required parameter"),
            new Misuse(
                    "validate",
                    "conflict",
                    List.of("validate", "--format", "json", "--format", "text"),
                    "should be specified only once"),
            new Misuse(
                    "new-migration",
                    "unknown flag",
                    List.of("new-migration", "--app", "sales", "--description", "x", "--bogus"),
                    "Unknown option: '--bogus'"),
            new Misuse(
                    "new-migration",
                    "missing argument",
                    List.of("new-migration", "--description", "x"),
                    "Missing required option: '--app=APP'"),
            new Misuse(
                    "new-migration",
                    "conflict",
                    List.of("new-migration", "--app", "sales", "--app", "billing", "--description", "x"),
                    "should be specified only once"),
            new Misuse("dev-setup", "unknown flag", List.of("dev-setup", "--url", URL, "--bogus"), "Unknown option"),
            new Misuse(
                    "dev-setup", "missing argument", List.of("dev-setup"), "Missing required option: '--url=JDBC_URL'"),
            new Misuse(
                    "dev-setup",
                    "conflict",
                    List.of("dev-setup", "--url", URL, "--url", "jdbc:postgresql://127.0.0.1:2/postgres"),
                    "should be specified only once"),
            new Misuse(
                    "dev-setup",
                    "exclusive",
                    List.of("dev-setup", "--url", URL, "--password", "pw", "--password-file", "pw.txt"),
                    "are mutually exclusive"),
            new Misuse("init-db", "unknown flag", initDb("--bogus"), "Unknown option: '--bogus'"),
            new Misuse(
                    "init-db",
                    "missing argument",
                    List.of("init-db", "--admin-url", URL, "--admin-user", "postgres", "--namespace", "prod"),
                    "Missing required option: '--db=NAME'"),
            new Misuse("init-db", "conflict", initDb("--db", "ledger"), "should be specified only once"),
            new Misuse(
                    "init-db",
                    "exclusive",
                    initDb("--admin-password-file", "admin-password", "--admin-password-env", "ADMIN_PW"),
                    "are mutually exclusive"),
            new Misuse("lint", "unknown flag", List.of("lint", "--bogus"), "Unknown option: '--bogus'"),
            new Misuse("lint", "missing argument", List.of("lint", "--config"), "Missing required parameter"),
            new Misuse(
                    "lint",
                    "conflict",
                    List.of("lint", "--format", "json", "--format", "sarif", "."),
                    "should be specified only once"),
            new Misuse(
                    "admin", "unknown flag", List.of("admin", "--port", "0", "--bogus"), "Unknown option: '--bogus'"),
            new Misuse("admin", "missing argument", List.of("admin"), "Missing required option: '--port=PORT'"),
            new Misuse(
                    "admin",
                    "conflict",
                    List.of("admin", "--port", "0", "--port", "1"),
                    "should be specified only once"),
            new Misuse(
                    "deploy-config",
                    "unknown flag",
                    List.of("deploy-config", "--service", "sales", "--bogus"),
                    "Unknown option: '--bogus'"),
            new Misuse(
                    "deploy-config",
                    "missing argument",
                    List.of("deploy-config", "--service"),
                    "Missing required parameter for option '--service'"),
            new Misuse(
                    "deploy-config",
                    "conflict",
                    List.of("deploy-config", "--format", "json", "--format", "helm"),
                    "should be specified only once"),
            new Misuse(
                    "deploy-check",
                    "unknown flag",
                    List.of("deploy-check", "--bogus", "values.yaml"),
                    "Unknown option: '--bogus'"),
            new Misuse("deploy-check", "missing argument", List.of("deploy-check"), "Missing required parameter"),
            new Misuse(
                    "deploy-check",
                    "conflict",
                    List.of("deploy-check", "--namespace", "prod", "--namespace", "staging", "values.yaml"),
                    "should be specified only once"),
            new Misuse(
                    "check-access",
                    "unknown flag",
                    List.of("check-access", "--service", "sales", "--bogus"),
                    "Unknown option: '--bogus'"),
            new Misuse(
                    "check-access",
                    "missing argument",
                    List.of("check-access", "--timeout"),
                    "Missing required parameter for option '--timeout'"),
            new Misuse(
                    "check-access",
                    "conflict",
                    List.of("check-access", "--format", "json", "--format", "text"),
                    "should be specified only once"));

    private static List<String> initDb(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "init-db", "--admin-url", URL, "--admin-user", "postgres", "--db", "orders", "--namespace", "prod"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void eachSubcommandAnswersMisuseWithItsUsageAndExitCode2() {
        List<String> problems = new ArrayList<>();
        for (Misuse misuse : MISUSES) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = RoutingCommandLine.run(
                    new SlowRegistry().registry(),
                    new PrintWriter(out),
                    new PrintWriter(err),
                    misuse.args().toArray(String[]::new));
            SecretScan.text("routing " + misuse.args(), out + " " + err);
            String what = misuse.command() + " " + misuse.kind() + " " + misuse.args();
            if (exit != RoutingCommandLine.USAGE) {
                problems.add(what + ": exit " + exit + "; err: " + err);
            }
            if (!err.toString().contains(misuse.says())) {
                problems.add(what + ": error does not say \"" + misuse.says() + "\": " + err);
            }
            if (!err.toString().contains("Usage: routing " + misuse.command())) {
                problems.add(what + ": no usage help of " + misuse.command() + ": " + err);
            }
            if (!out.toString().isEmpty()) {
                problems.add(what + ": wrote to standard output: " + out);
            }
        }
        assertThat(problems).isEmpty();
        Guarantees.record(
                "Hostile input",
                "command line misuse: unknown flags, missing arguments, conflicting options",
                MISUSES.size() + " misuses over the 11 subcommands (unknown flag, option without value or required"
                        + " option missing, one option given twice, two exclusive password options): each prints the error and the subcommand's"
                        + " usage to standard error and exits 2; nothing runs");
    }
}

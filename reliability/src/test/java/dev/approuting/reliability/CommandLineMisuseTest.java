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
     * One misuse a line: its kind (unknown flag, missing argument, conflict or exclusive), what the error
     * must say, and the command line, whose first word is the subcommand. {@code URL} stands for a server
     * address that refuses connections, {@code INIT_DB} for a complete {@code init-db} command line.
     */
    private static final String MISUSES = """
            unknown flag     | Unknown option: '--bogus'                       | migrate-all --bogus
            missing argument | Missing required parameter                      | migrate-all --db
            conflict         | should be specified only once                   | migrate-all --format json --format text
            unknown flag     | Unknown option: '--bogus'                       | status --bogus
            missing argument | Missing required parameter for option '--namespace' | status --namespace
            conflict         | should be specified only once                   | status --parallel 1 --parallel 2
            unknown flag     | Unknown option: '--bogus'                       | validate --bogus
            missing argument | Missing required parameter                      | validate --parallel
            conflict         | should be specified only once                   | validate --format json --format text
            unknown flag     | Unknown option: '--bogus'   | new-migration --app sales --description x --bogus
            missing argument | Missing required option: '--app=APP'            | new-migration --description x
            conflict         | should be specified only once | new-migration --app sales --app billing --description x
            unknown flag     | Unknown option                                  | dev-setup --url URL --bogus
            missing argument | Missing required option: '--url=JDBC_URL'       | dev-setup
            conflict         | should be specified only once | dev-setup --url URL --url jdbc:postgresql://127.0.0.1:2/postgres
            exclusive        | are mutually exclusive        | dev-setup --url URL --password pw --password-file pw.txt
            unknown flag     | Unknown option: '--bogus'                       | INIT_DB --bogus
            missing argument | Missing required option: '--db=NAME' | init-db --admin-url URL --admin-user postgres --namespace prod
            conflict         | should be specified only once                   | INIT_DB --db ledger
            exclusive        | are mutually exclusive | INIT_DB --admin-password-file admin-password --admin-password-env ADMIN_PW
            unknown flag     | Unknown option: '--bogus'                       | lint --bogus
            missing argument | Missing required parameter                      | lint --config
            conflict         | should be specified only once                   | lint --format json --format sarif .
            unknown flag     | Unknown option: '--bogus'                       | admin --port 0 --bogus
            missing argument | Missing required option: '--port=PORT'          | admin
            conflict         | should be specified only once                   | admin --port 0 --port 1
            unknown flag     | Unknown option: '--bogus'                       | deploy-config --service sales --bogus
            missing argument | Missing required parameter for option '--service' | deploy-config --service
            conflict         | should be specified only once          | deploy-config --format json --format helm
            unknown flag     | Unknown option: '--bogus'                       | deploy-check --bogus values.yaml
            missing argument | Missing required parameter                      | deploy-check
            conflict         | should be specified only once | deploy-check --namespace prod --namespace staging values.yaml
            unknown flag     | Unknown option: '--bogus'                       | check-access --service sales --bogus
            missing argument | Missing required parameter for option '--timeout' | check-access --timeout
            conflict         | should be specified only once          | check-access --format json --format text
            """;

    private static final String INIT_DB = "init-db --admin-url URL --admin-user postgres --db orders --namespace prod";

    /** One misuse: its kind, what the error must say, and the whole command line. */
    private record Misuse(String kind, String says, List<String> args) {
        static Misuse parse(String line) {
            String[] columns = line.split("\\|", 3);
            String commandLine = columns[2].strip().replace("INIT_DB", INIT_DB).replace("URL", URL);
            return new Misuse(columns[0].strip(), columns[1].strip(), List.of(commandLine.split(" ", -1)));
        }

        String command() {
            return args.get(0);
        }
    }

    @Test
    void eachSubcommandAnswersMisuseWithItsUsageAndExitCode2() {
        List<String> problems = new ArrayList<>();
        List<Misuse> misuses = MISUSES.lines().map(Misuse::parse).toList();
        for (Misuse misuse : misuses) {
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
                misuses.size() + " misuses over the 11 subcommands (unknown flag, option without value or required"
                        + " option missing, one option given twice, two exclusive password options): each prints the error and the subcommand's"
                        + " usage to standard error and exits 2; nothing runs");
    }
}

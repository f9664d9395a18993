package dev.approuting.cli.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** What the {@code routing} commands of every package share: exit codes of errors, optional options. */
public final class CommandLines {
    /** Exit code: the command line or its input was wrong (usage, unknown database, bad settings). */
    public static final int USAGE = 2;

    /** Exit code: a database, migration or check failed. */
    public static final int FAILED = 1;

    private static final Set<ErrorCode> INPUT_ERRORS = EnumSet.of(
            ErrorCode.INVALID_NAME,
            ErrorCode.INVALID_ROUTING,
            ErrorCode.UNKNOWN_DATABASE,
            ErrorCode.INVALID_CONFIGURATION,
            ErrorCode.INVALID_CREDENTIALS);

    /**
     * The library's messages name its API (a Java caller is told to use {@code rotate(true)}); on the
     * command line each of those calls is an option. Keys are the API calls as messages name them.
     */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("rotate(true)", "--rotate"),
            Map.entry("retireOld(true)", "--retire-old"),
            Map.entry("terminateSessions(true)", "--terminate-sessions"),
            Map.entry("restoreFromSecret(true)", "--restore-from-secret"),
            Map.entry("reader(true)", "--reader"),
            Map.entry("grantOwnerToAdmin(true)", "--grant-owner-to-admin"),
            Map.entry("secretsDir(dir)", "--secrets-dir"),
            Map.entry("allowUnsafe(true)", "--allow-unsafe"),
            Map.entry("repair()", "routing repair"),
            Map.entry("bearerToken(token)", "--token-env VAR"),
            Map.entry("namespace(ns)", "--namespace NS"),
            Map.entry("secretStore(store)", "--cluster"),
            Map.entry("timeout(duration)", "--timeout"),
            Map.entry("DeploymentConfig.service(service)", "deploy-config --service S"),
            Map.entry("DatabaseProvisioner.initDb(db, namespaces)", "init-db --db DB --namespace NS"),
            Map.entry("MigrateAll.configure(registry)", "migrate-all"),
            Map.entry("migrateJob(image)", "--image"),
            Map.entry("withDeadline(deadline)", "--deadline"),
            Map.entry("withResources(cpu, memory)", "--cpu, --memory"),
            Map.entry("withBackoffLimit(n)", "--backoff-limit"),
            Map.entry("withCommand(parts)", "--job-command"));

    private CommandLines() {}

    /**
     * Returns a library message as the command line says it: each API call it names is followed by the
     * option that does the same, such as {@code rotate(true) (--rotate)}.
     */
    public static String withFlags(String message) {
        String result = message;
        for (Map.Entry<String, String> flag : FLAGS.entrySet()) {
            result = result.replace(flag.getKey(), flag.getKey() + " (" + flag.getValue() + ")");
        }
        return result;
    }

    /** Returns {@value #USAGE} when {@code e} blames the input (names, routing, settings, secrets), else {@value #FAILED}. */
    public static int exitCode(RoutingException e) {
        return INPUT_ERRORS.contains(e.code()) ? USAGE : FAILED;
    }

    /**
     * Closes a command over the registry's databases: when some databases could not be worked on because
     * their secret is missing or malformed (each already shown in its row), says so on {@code err} and returns
     * {@value #USAGE}, since that is bad input; otherwise returns {@code otherwise}.
     *
     * @param err where the closing line goes
     * @param problems one entry per database whose credentials are missing or malformed, naming it
     * @param otherwise the exit code when there is none
     */
    public static int credentials(PrintWriter err, List<String> problems, int otherwise) {
        if (problems.isEmpty()) {
            return otherwise;
        }
        err.println("error: " + problems.size() + " database" + (problems.size() == 1 ? " has" : "s have")
                + " missing or malformed credentials (" + String.join(", ", problems) + "; each shown in its row):"
                + " create or fix each secret (routing init-db writes them) and run again");
        err.flush();
        return USAGE;
    }

    /** Passes {@code value} to {@code setter} when the option was given, so a builder keeps its default otherwise. */
    public static <T> void ifGiven(@Nullable T value, Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /**
     * Returns the password in {@code file}, without surrounding white space (the trailing newline of
     * {@code echo pw > file}).
     *
     * @param option the option that named the file, for the message
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the file cannot be read
     */
    public static String passwordFromFile(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "cannot read the password of " + option + " " + file + " ("
                            + e.getClass().getSimpleName() + "): check the path and its permissions");
        }
    }
}

package dev.approuting.flyway.internal;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.EnumSet;
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

    private CommandLines() {}

    /** Returns {@value #USAGE} when {@code e} blames the input (names, routing, settings, secrets), else {@value #FAILED}. */
    public static int exitCode(RoutingException e) {
        return INPUT_ERRORS.contains(e.code()) ? USAGE : FAILED;
    }

    /** Passes {@code value} to {@code setter} when the option was given, so a builder keeps its default otherwise. */
    public static <T> void ifGiven(@Nullable T value, Consumer<? super T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}

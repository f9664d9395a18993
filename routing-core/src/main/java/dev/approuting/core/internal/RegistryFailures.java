package dev.approuting.core.internal;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;

/**
 * Builds a registry through a supplier and turns what the JVM makes of a registry failing in a class
 * initialiser (a {@code static final} field) back into the {@link RoutingException} it hides: the first use
 * throws {@link ExceptionInInitializerError} around it, every later use a {@link NoClassDefFoundError}
 * without it; {@link java.util.ServiceLoader} wraps either in a {@link ServiceConfigurationError}.
 */
public final class RegistryFailures {
    private static final String ADVICE = ". Build the registry in a method (a test calling it then fails with"
            + " this message) rather than in a static field";

    private RegistryFailures() {}

    /** See {@link DbRouterRegistry#load(Supplier)}. */
    public static DbRouterRegistry load(Supplier<DbRouterRegistry> supplier) {
        try {
            DbRouterRegistry registry = supplier.get();
            if (registry == null) {
                throw RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "the registry supplier returned null: return the registry it builds");
            }
            return registry;
        } catch (RoutingException e) {
            throw e;
        } catch (ExceptionInInitializerError | NoClassDefFoundError | ServiceConfigurationError e) {
            throw translate(e);
        }
    }

    private static RoutingException translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RoutingException routing) {
                return RoutingException.of(
                        routing.code(),
                        "the registry failed to build" + where(routing) + ": " + routing.getMessage() + ADVICE,
                        failure);
            }
            String text = String.valueOf(t.getMessage());
            if (t instanceof NoClassDefFoundError && text.startsWith("Could not initialize class")) {
                return RoutingException.of(
                        ErrorCode.INVALID_ROUTING,
                        "the registry failed to build: " + text.replace("Could not", "could not")
                                + ", because its static initialiser threw earlier in this JVM (that first"
                                + " error names the problems)" + ADVICE,
                        failure);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return RoutingException.of(
                ErrorCode.INVALID_ROUTING,
                "the registry failed to build: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ADVICE,
                failure);
    }

    /** Names the class whose static initialiser threw, from the frames of {@code failure}. */
    private static String where(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getMethodName().equals("<clinit>")) {
                return " in the static initialiser of " + frame.getClassName();
            }
        }
        return "";
    }
}

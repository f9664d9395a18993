package dev.approuting.core;

import dev.approuting.core.internal.Names;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The name of an app, such as {@code workflow}: a unit of code whose tables live in a PostgreSQL
 * schema of the same name. A lower-case identifier matching {@code ^[a-z][a-z0-9_]{0,62}$}, not a
 * reserved word, not {@code public} or {@code information_schema}.
 *
 * @param value the name
 */
public record AppName(String value) implements Comparable<AppName> {
    /**
     * Validates the name.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when the name breaks the rule
     */
    public AppName {
        Names.identifier("app", value);
    }

    /**
     * Returns the app name {@code value}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when the name breaks the rule
     */
    public static AppName of(String value) {
        return new AppName(value);
    }

    /**
     * Returns the app names in the given order.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when a name breaks the rule
     */
    public static List<AppName> listOf(String... values) {
        AppName[] names = new AppName[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = new AppName(values[i]);
        }
        return List.of(names);
    }

    @Override
    public int compareTo(AppName other) {
        return value.compareTo(other.value);
    }

    // Written out: a record's generated equals and hashCode link through ObjectMethods on first use, the
    // largest cost of a service's start-up (StartupProbe in the benchmarks, -Xlog:class+load).
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof AppName that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}

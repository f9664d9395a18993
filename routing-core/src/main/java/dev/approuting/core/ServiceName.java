package dev.approuting.core;

import dev.approuting.core.internal.Names;
import org.jspecify.annotations.Nullable;

/**
 * The name of a service (a deployable process), such as {@code buildsense/api}: lower case, starting
 * with a letter, with letters, digits, {@code _}, {@code -} and {@code /}, at most 63 characters.
 *
 * @param value the name
 */
public record ServiceName(String value) implements Comparable<ServiceName> {
    /**
     * Validates the name.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when the name breaks the rule
     */
    public ServiceName {
        Names.service(value);
    }

    /**
     * Returns the service name {@code value}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when the name breaks the rule
     */
    public static ServiceName of(String value) {
        return new ServiceName(value);
    }

    /** Returns whether the name starts with {@code prefix}, for routers that vary by service family. */
    public boolean startsWith(String prefix) {
        return value.startsWith(prefix);
    }

    @Override
    public int compareTo(ServiceName other) {
        return value.compareTo(other.value);
    }

    // Written out: a record's generated equals and hashCode link through ObjectMethods on first use, the
    // largest cost of a service's start-up (StartupProbe in the benchmarks, -Xlog:class+load).
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ServiceName that && value.equals(that.value);
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

package dev.approuting.core;

import dev.approuting.core.internal.Names;
import org.jspecify.annotations.Nullable;

/**
 * The name of a logical database, such as {@code buildsense}: a lower-case identifier matching
 * {@code ^[a-z][a-z0-9_]{0,62}$}, not a PostgreSQL reserved word.
 *
 * @param value the name
 */
public record DbName(String value) implements Comparable<DbName> {
    /**
     * Validates the name.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when the name breaks the rule
     */
    public DbName {
        Names.identifier("database", value);
    }

    /**
     * Returns the database name {@code value}.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when the name breaks the rule
     */
    public static DbName of(String value) {
        return new DbName(value);
    }

    @Override
    public int compareTo(DbName other) {
        return value.compareTo(other.value);
    }

    // Written out: a record's generated equals and hashCode link through ObjectMethods on first use, the
    // largest cost of a service's start-up (StartupProbe in the benchmarks, -Xlog:class+load).
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof DbName that && value.equals(that.value);
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

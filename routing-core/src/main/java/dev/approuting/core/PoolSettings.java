package dev.approuting.core;

import com.zaxxer.hikari.HikariConfig;
import dev.approuting.core.support.ConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the HikariCP pool of one logical database. Start from {@link #defaults()} and change
 * what you need with the {@code with…} methods.
 *
 * @param maximumPoolSize most connections the pool opens
 * @param minimumIdle idle connections kept open; 0 keeps the pool lazy
 * @param connectionTimeout how long a caller waits for a connection before failing
 * @param maxLifetime the longest a connection lives before it is replaced
 * @param idleTimeout how long an idle connection beyond {@code minimumIdle} is kept
 * @param validationTimeout how long a connection test may take
 * @param socketTimeout how long a read on a pooled connection may block before the call fails, or
 *     {@link Duration#ZERO} for no limit: bounds a server that stops answering
 * @param statementTimeout the server's {@code statement_timeout} for the pool's sessions, or
 *     {@link Duration#ZERO} for the server's own setting
 */
public record PoolSettings(
        int maximumPoolSize,
        int minimumIdle,
        Duration connectionTimeout,
        Duration maxLifetime,
        Duration idleTimeout,
        Duration validationTimeout,
        Duration socketTimeout,
        Duration statementTimeout) {

    /** The socket timeout of {@link #defaults()}: generous for reports, yet a stalled server fails the call. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Validates the values.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} naming the bad value
     */
    public PoolSettings {
        List<String> problems = new ArrayList<>();
        check(problems, maximumPoolSize >= 1, "maximumPoolSize must be at least 1, was " + maximumPoolSize);
        check(
                problems,
                minimumIdle >= 0 && minimumIdle <= maximumPoolSize,
                "minimumIdle must be between 0 and maximumPoolSize (" + maximumPoolSize + "), was " + minimumIdle);
        check(
                problems,
                connectionTimeout.toMillis() >= 250,
                "connectionTimeout must be at least 250 ms, was " + connectionTimeout.toMillis() + " ms");
        check(
                problems,
                maxLifetime.isZero() || maxLifetime.toMillis() >= 30_000,
                "maxLifetime must be 0 (unlimited) or at least 30 s, was " + maxLifetime.toMillis() + " ms");
        check(
                problems,
                idleTimeout.isZero() || idleTimeout.toMillis() >= 10_000,
                "idleTimeout must be 0 (never) or at least 10 s, was " + idleTimeout.toMillis() + " ms");
        check(
                problems,
                validationTimeout.toMillis() >= 250 && validationTimeout.compareTo(connectionTimeout) <= 0,
                "validationTimeout must be between 250 ms and connectionTimeout, was " + validationTimeout.toMillis()
                        + " ms");
        check(
                problems,
                socketTimeout.isZero() || socketTimeout.toMillis() >= 1_000,
                "socketTimeout must be 0 (none) or at least 1 s, was " + socketTimeout.toMillis() + " ms");
        check(
                problems,
                !statementTimeout.isNegative(),
                "statementTimeout must be 0 (the server's) or positive, was " + statementTimeout.toMillis() + " ms");
        if (!problems.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION, "invalid pool settings: " + String.join("; ", problems));
        }
    }

    /**
     * Settings with the default socket timeout and no statement timeout.
     *
     * @throws RoutingException as the canonical constructor
     */
    public PoolSettings(
            int maximumPoolSize,
            int minimumIdle,
            Duration connectionTimeout,
            Duration maxLifetime,
            Duration idleTimeout,
            Duration validationTimeout) {
        this(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                validationTimeout,
                DEFAULT_SOCKET_TIMEOUT,
                Duration.ZERO);
    }

    /**
     * Returns the defaults: 10 connections at most, lazy (no idle minimum), 5 s connection timeout,
     * 30 min lifetime, 10 min idle timeout, 2 s validation timeout, 5 min socket timeout, the server's
     * statement timeout.
     */
    public static PoolSettings defaults() {
        return new PoolSettings(
                10, 0, Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofSeconds(2));
    }

    /** Returns a copy with another socket timeout ({@link Duration#ZERO}: none). */
    public PoolSettings withSocketTimeout(Duration value) {
        return new PoolSettings(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                validationTimeout,
                value,
                statementTimeout);
    }

    /** Returns a copy with another statement timeout ({@link Duration#ZERO}: the server's own). */
    public PoolSettings withStatementTimeout(Duration value) {
        return new PoolSettings(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                validationTimeout,
                socketTimeout,
                value);
    }

    /**
     * Returns the connection options of one pooled connection: the connect timeout of
     * {@link #connectionTimeout()}, the socket and statement timeouts, and {@code applicationName}.
     */
    public ConnectOptions connectOptions(String applicationName) {
        return ConnectOptions.of(applicationName)
                .withConnectTimeout(Duration.ofSeconds(Math.max(1, connectionTimeout.toSeconds())))
                .withSocketTimeout(socketTimeout)
                .withStatementTimeout(statementTimeout);
    }

    /** Returns a copy with another maximum pool size. */
    public PoolSettings withMaximumPoolSize(int value) {
        return new PoolSettings(
                value,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                validationTimeout,
                socketTimeout,
                statementTimeout);
    }

    /** Returns a copy with another idle minimum. */
    public PoolSettings withMinimumIdle(int value) {
        return new PoolSettings(
                maximumPoolSize,
                value,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                validationTimeout,
                socketTimeout,
                statementTimeout);
    }

    /** Returns a copy with another connection timeout (validation timeout lowered to fit). */
    public PoolSettings withConnectionTimeout(Duration value) {
        Duration validation = validationTimeout.compareTo(value) > 0 ? value : validationTimeout;
        return new PoolSettings(
                maximumPoolSize,
                minimumIdle,
                value,
                maxLifetime,
                idleTimeout,
                validation,
                socketTimeout,
                statementTimeout);
    }

    /** Returns a copy with another maximum connection lifetime. */
    public PoolSettings withMaxLifetime(Duration value) {
        return new PoolSettings(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                value,
                idleTimeout,
                validationTimeout,
                socketTimeout,
                statementTimeout);
    }

    /** Returns a copy with another idle timeout. */
    public PoolSettings withIdleTimeout(Duration value) {
        return new PoolSettings(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                value,
                validationTimeout,
                socketTimeout,
                statementTimeout);
    }

    /** Returns a copy with another validation timeout. */
    public PoolSettings withValidationTimeout(Duration value) {
        return new PoolSettings(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                value,
                socketTimeout,
                statementTimeout);
    }

    /**
     * Sets these sizes and timeouts on a HikariCP configuration, as the pools of {@link RoutedDatabases} are
     * set (for a pool of your own that should behave like them).
     */
    public void applyTo(HikariConfig config) {
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setMaxLifetime(maxLifetime.toMillis());
        config.setIdleTimeout(idleTimeout.toMillis());
        config.setValidationTimeout(validationTimeout.toMillis());
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}

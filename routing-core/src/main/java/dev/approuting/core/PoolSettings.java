package dev.approuting.core;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.approuting.core.support.ConnectOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
 * @param exceptionOverride HikariCP's {@link SQLExceptionOverride} for the pool (its
 *     {@code exceptionOverrideClassName}): decides whether an {@code SQLException} evicts the connection
 *     it came from; {@code null} for HikariCP's own rule, except that a pool through the AWS wrapper then
 *     gets the wrapper's {@code software.amazon.jdbc.util.HikariCPSQLException}
 * @param awsWrapper the AWS Advanced JDBC Wrapper the pool connects through, or {@code null} for the
 *     PostgreSQL driver alone
 */
public record PoolSettings(
        int maximumPoolSize,
        int minimumIdle,
        Duration connectionTimeout,
        Duration maxLifetime,
        Duration idleTimeout,
        Duration validationTimeout,
        Duration socketTimeout,
        Duration statementTimeout,
        @Nullable Class<? extends SQLExceptionOverride> exceptionOverride,
        @Nullable AwsWrapper awsWrapper) {

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
        if (exceptionOverride != null) {
            check(
                    problems,
                    isInstantiable(exceptionOverride),
                    "exceptionOverride " + exceptionOverride.getName()
                            + " must be a public concrete class with a public no-argument constructor");
        }
        if (!problems.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION, "invalid pool settings: " + String.join("; ", problems));
        }
    }

    /**
     * Settings with HikariCP's own eviction rule and the PostgreSQL driver alone.
     *
     * @throws RoutingException as the canonical constructor
     */
    public PoolSettings(
            int maximumPoolSize,
            int minimumIdle,
            Duration connectionTimeout,
            Duration maxLifetime,
            Duration idleTimeout,
            Duration validationTimeout,
            Duration socketTimeout,
            Duration statementTimeout) {
        this(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                validationTimeout,
                socketTimeout,
                statementTimeout,
                null,
                null);
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
                statementTimeout,
                exceptionOverride,
                awsWrapper);
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
                value,
                exceptionOverride,
                awsWrapper);
    }

    /**
     * Returns a copy whose pool asks {@code override} whether an {@code SQLException} evicts its connection
     * (HikariCP's {@code exceptionOverrideClassName}; {@code null}: HikariCP's own rule). With the AWS wrapper's
     * failover plugin use the wrapper's override, so a failover does not empty the pool:
     *
     * <pre>{@code
     * PoolSettings.defaults().withExceptionOverride(software.amazon.jdbc.util.HikariCPSQLException.class);
     * }</pre>
     *
     * @throws RoutingException when HikariCP could not create the class (abstract, or no public no-argument
     *     constructor)
     */
    public PoolSettings withExceptionOverride(@Nullable Class<? extends SQLExceptionOverride> override) {
        return new PoolSettings(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                validationTimeout,
                socketTimeout,
                statementTimeout,
                override,
                awsWrapper);
    }

    /**
     * Returns a copy whose pool connects through the AWS Advanced JDBC Wrapper
     * ({@code jdbc:aws-wrapper:postgresql://…}, host and port still from the secret) with its plugins and
     * cluster id; {@code null}: the PostgreSQL driver alone. Set on one database
     * ({@code poolSettings(db, …)}), it applies to that database's writer and reader pools.
     *
     * <pre>{@code
     * builder.poolSettings(SHOP, PoolSettings.defaults().withAwsWrapper(AwsWrapper.failover().withClusterId("shop-cluster")));
     * }</pre>
     */
    public PoolSettings withAwsWrapper(@Nullable AwsWrapper wrapper) {
        return new PoolSettings(
                maximumPoolSize,
                minimumIdle,
                connectionTimeout,
                maxLifetime,
                idleTimeout,
                validationTimeout,
                socketTimeout,
                statementTimeout,
                exceptionOverride,
                wrapper);
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
                statementTimeout,
                exceptionOverride,
                awsWrapper);
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
                statementTimeout,
                exceptionOverride,
                awsWrapper);
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
                statementTimeout,
                exceptionOverride,
                awsWrapper);
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
                statementTimeout,
                exceptionOverride,
                awsWrapper);
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
                statementTimeout,
                exceptionOverride,
                awsWrapper);
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
                statementTimeout,
                exceptionOverride,
                awsWrapper);
    }

    /**
     * Sets these sizes and timeouts and the {@link #effectiveExceptionOverride() exception override} on a
     * HikariCP configuration, as the pools of {@link RoutedDatabases} are set (for a pool of your own that
     * should behave like them; the URL, and so the AWS wrapper's, is left to you).
     *
     * @throws RoutingException when the override cannot be created, or the pool goes through the AWS wrapper
     *     and the wrapper is not on the class path
     */
    public void applyTo(HikariConfig config) {
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setMaxLifetime(maxLifetime.toMillis());
        config.setIdleTimeout(idleTimeout.toMillis());
        config.setValidationTimeout(validationTimeout.toMillis());
        Class<? extends SQLExceptionOverride> override = effectiveExceptionOverride();
        if (override != null) {
            config.setExceptionOverride(instantiate(override));
        }
    }

    /**
     * Returns the override the pool uses: {@link #exceptionOverride()}, else the AWS wrapper's
     * {@code HikariCPSQLException} for a pool through the wrapper, else {@code null} (HikariCP's own rule).
     *
     * @throws RoutingException when the pool goes through the wrapper and the wrapper is not on the class path
     */
    public @Nullable Class<? extends SQLExceptionOverride> effectiveExceptionOverride() {
        if (exceptionOverride != null || awsWrapper == null) {
            return exceptionOverride;
        }
        return awsWrapper.defaultExceptionOverride();
    }

    private static boolean isInstantiable(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            return false;
        }
        try {
            return Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static SQLExceptionOverride instantiate(Class<? extends SQLExceptionOverride> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "cannot create the pool's exceptionOverride " + type.getName() + ": " + cause,
                    cause);
        }
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}

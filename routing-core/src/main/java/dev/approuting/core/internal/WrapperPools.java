package dev.approuting.core.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.approuting.core.AwsWrapper;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;

/**
 * A HikariCP pool through the AWS Advanced JDBC Wrapper: the wrapper's URL over the secret's host, port and
 * database, its driver, plugins and cluster id. The driver properties (timeouts, TLS, application name) are
 * added by the pool as for the PostgreSQL driver; the wrapper hands them on to it.
 */
final class WrapperPools {
    private static final String PREFIX = "jdbc:";

    private WrapperPools() {}

    /**
     * Points {@code config} at the wrapper.
     *
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the wrapper is not on the class path
     */
    static void configure(HikariConfig config, DbName db, DbCredentials credentials, AwsWrapper wrapper) {
        if (!AwsWrapper.available()) {
            throw RoutingException.forDatabase(
                    ErrorCode.INVALID_CONFIGURATION,
                    db,
                    "the pool settings of database '" + db + "' name the AWS Advanced JDBC Wrapper (withAwsWrapper(…))"
                            + " but " + AwsWrapper.DRIVER_CLASS + " is not on the class path: add"
                            + " software.amazon.jdbc:aws-advanced-jdbc-wrapper to the service's dependencies, or"
                            + " call withAwsWrapper(null)");
        }
        config.setDriverClassName(AwsWrapper.DRIVER_CLASS);
        config.setJdbcUrl(url(credentials));
        config.addDataSourceProperty("wrapperPlugins", String.join(",", wrapper.plugins()));
        config.addDataSourceProperty("clusterId", clusterId(wrapper, credentials));
    }

    /** Returns the wrapper's URL for the server and database of {@code credentials}. */
    static String url(DbCredentials credentials) {
        return "jdbc:aws-wrapper:" + credentials.jdbcUrl().substring(PREFIX.length());
    }

    /** Returns the cluster id: the wrapper's own, else the server of {@code writer}. */
    static String clusterId(AwsWrapper wrapper, DbCredentials writer) {
        String id = wrapper.clusterId();
        return id != null ? id : writer.server();
    }

    /** Returns {@code "the AWS wrapper (plugins …, cluster …)"} for log lines. */
    static String describe(AwsWrapper wrapper, DbCredentials credentials) {
        return "the AWS wrapper (plugins "
                + (wrapper.plugins().isEmpty() ? "none" : String.join(",", wrapper.plugins())) + ", cluster "
                + clusterId(wrapper, credentials) + ")";
    }
}

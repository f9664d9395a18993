package dev.approuting.spring.boot.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Turns off, while the starter is active ({@code approuting.enabled}, on by default), the two Spring Boot
 * auto-configurations that assume one database: its Flyway (which would migrate every app's scripts into
 * one schema of one database; {@code spring.flyway.enabled=true} keeps it), and its single DataSource when
 * no {@code spring.datasource.url} (or JNDI name) is set, where it could only fail. With a URL, Boot's
 * DataSource is made as usual, beside the routed ones.
 */
public final class AutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {
    static final String FLYWAY = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";
    static final String DATA_SOURCE = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(@Nullable String[] candidates, AutoConfigurationMetadata metadata) {
        Environment env = environment;
        boolean active = env == null || env.getProperty("approuting.enabled", Boolean.class, true);
        boolean flywayWanted = env != null && env.getProperty("spring.flyway.enabled", Boolean.class, false);
        boolean ownDataSource = env != null
                && (env.containsProperty("spring.datasource.url")
                        || env.containsProperty("spring.datasource.jndi-name"));
        boolean[] result = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            String candidate = candidates[i];
            result[i] = !active
                    || candidate == null
                    || !((candidate.equals(FLYWAY) && !flywayWanted)
                            || (candidate.equals(DATA_SOURCE) && !ownDataSource));
        }
        return result;
    }
}

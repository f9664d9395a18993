package dev.approuting.testkit.postgres.internal;

import dev.approuting.testkit.postgres.PostgresProvider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads a provider spec and the settings around it from system properties and the environment. */
public final class ProviderSpec {
    /** The default Testcontainers image. */
    public static final String DEFAULT_IMAGE = "postgres:17-alpine";

    private ProviderSpec() {}

    public static PostgresProvider parse(String spec, Map<?, ?> properties, Map<String, String> env) {
        String effective = spec.isBlank() ? setting(properties, env, "") : spec.trim();
        if (effective == null || effective.isBlank()) {
            effective = setting(properties, env, "url") != null ? "external" : "embedded";
        }
        String kind = effective;
        String argument = "";
        int colon = effective.indexOf(':');
        if (colon >= 0) {
            kind = effective.substring(0, colon);
            argument = effective.substring(colon + 1);
        }
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.equals("embedded")) {
            String dir = setting(properties, env, "dataDir");
            return PostgresProvider.embedded()
                    .withMajor(argument.isEmpty() ? 0 : major(effective, argument))
                    .withDataDirectory(dir == null ? null : Path.of(dir));
        }
        if (lower.equals("testcontainers")) {
            return new TestcontainersProvider(argument.isEmpty() ? DEFAULT_IMAGE : argument);
        }
        if (lower.equals("external")) {
            String url = setting(properties, env, "url");
            if (url == null) {
                throw invalid("the external PostgreSQL provider needs a URL: set APPROUTING_TEST_POSTGRES_URL="
                        + "jdbc:postgresql://host:5432/postgres (and APPROUTING_TEST_POSTGRES_USER, "
                        + "APPROUTING_TEST_POSTGRES_PASSWORD), or the system property approuting.test.postgres.url");
            }
            String user = setting(properties, env, "user");
            String password = setting(properties, env, "password");
            return new ExternalProvider(url, user == null ? "postgres" : user, password == null ? "" : password);
        }
        throw invalid("unknown PostgreSQL provider '" + effective
                + "': use embedded, embedded:<major>, testcontainers, testcontainers:<image> or external");
    }

    private static int major(String spec, String argument) {
        try {
            return Integer.parseInt(argument);
        } catch (NumberFormatException e) {
            throw invalid("PostgreSQL provider '" + spec + "' names no major version: write embedded:17");
        }
    }

    /** Reads {@code approuting.test.postgres[.key]} or {@code APPROUTING_TEST_POSTGRES[_KEY]}. */
    private static @Nullable String setting(Map<?, ?> properties, Map<String, String> env, String key) {
        String property = key.isEmpty() ? "approuting.test.postgres" : "approuting.test.postgres." + key;
        Object value = properties.get(property);
        if (value != null && !value.toString().isBlank()) {
            return value.toString().trim();
        }
        String variable = key.isEmpty()
                ? "APPROUTING_TEST_POSTGRES"
                : "APPROUTING_TEST_POSTGRES_"
                        + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        String fromEnv = env.get(variable);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(message);
    }
}

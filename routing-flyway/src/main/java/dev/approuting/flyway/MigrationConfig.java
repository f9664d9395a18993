package dev.approuting.flyway;

import dev.approuting.core.AppName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.internal.Scripts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Flyway settings of every app: defaults for all apps, overrides per app, and the class loader
 * that finds {@code classpath:} scripts. Immutable and thread-safe.
 *
 * <pre>{@code
 * MigrationConfig config = MigrationConfig.builder()
 *         .defaults(s -> s.lockRetryCount(120))
 *         .app("workflow", s -> s.locations("filesystem:migrations/workflow").mixed(true))
 *         .build();
 * String key = config.contentHash(AppName.listOf("users", "workflow"));
 * }</pre>
 */
public final class MigrationConfig {
    private final FlywaySettings defaults;
    private final Map<AppName, FlywaySettings> perApp;
    private final ClassLoader classLoader;

    private MigrationConfig(FlywaySettings defaults, Map<AppName, FlywaySettings> perApp, ClassLoader classLoader) {
        this.defaults = defaults;
        this.perApp = Map.copyOf(perApp);
        this.classLoader = classLoader;
    }

    /** Returns Flyway's defaults for every app (see {@link FlywaySettings#defaults()}), scripts from the class path. */
    public static MigrationConfig defaults() {
        return builder().build();
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the settings of {@code app}: the defaults with the app's overrides applied. */
    public FlywaySettings settingsFor(AppName app) {
        return perApp.getOrDefault(app, defaults);
    }

    /** Returns the class loader that resolves {@code classpath:} locations. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /**
     * Returns a stable hash (SHA-256, hex) of the migration scripts of {@code apps} in this order: app
     * names, script paths relative to their location, and script contents. Equal hashes mean equal
     * scripts, so a database migrated once can stand for every other database migrated from the same
     * scripts (a test template, for example).
     *
     * @throws RoutingException with {@link ErrorCode#MIGRATION_FAILED} when a location cannot be read
     */
    public String contentHash(List<AppName> apps) {
        return Scripts.contentHash(apps, app -> settingsFor(app).locationsFor(app), classLoader);
    }

    /**
     * Returns the SQL scripts of {@code app} under its locations, sorted by path.
     *
     * <pre>{@code
     * config.scripts(AppName.of("workflow")).forEach(s -> System.out.println(s.version() + " " + s.path()));
     * }</pre>
     *
     * @throws RoutingException with {@link ErrorCode#MIGRATION_FAILED} when a location cannot be read
     */
    public List<MigrationScript> scripts(AppName app) {
        List<MigrationScript> scripts = new ArrayList<>();
        Scripts.scripts(app, settingsFor(app).locationsFor(app), classLoader)
                .forEach((path, contents) -> contents.forEach(content ->
                        scripts.add(new MigrationScript(app, path, new String(content, StandardCharsets.UTF_8)))));
        return scripts;
    }

    /** Builds a {@link MigrationConfig}; mutable, not thread-safe. */
    public static final class Builder {
        private Consumer<FlywaySettings.Builder> defaults = b -> {};
        private final Map<AppName, Consumer<FlywaySettings.Builder>> perApp = new HashMap<>();
        private ClassLoader classLoader = defaultClassLoader();

        private Builder() {}

        /** Sets values for every app; later calls add to earlier ones. */
        public Builder defaults(Consumer<FlywaySettings.Builder> settings) {
            this.defaults = this.defaults.andThen(settings);
            return this;
        }

        /**
         * Sets values for {@code app}, applied after the defaults; later calls add to earlier ones.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_NAME} when {@code app} breaks the naming rule
         */
        public Builder app(String app, Consumer<FlywaySettings.Builder> settings) {
            perApp.merge(AppName.of(app), settings, Consumer::andThen);
            return this;
        }

        /** Sets the class loader that resolves {@code classpath:} locations (default: the thread's context class loader). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        /**
         * Returns the configuration.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when a setting is invalid
         */
        public MigrationConfig build() {
            FlywaySettings.Builder all = FlywaySettings.builder();
            defaults.accept(all);
            FlywaySettings base = all.build();
            Map<AppName, FlywaySettings> apps = new HashMap<>();
            perApp.forEach((app, settings) -> {
                FlywaySettings.Builder one = base.toBuilder();
                settings.accept(one);
                apps.put(app, one.build());
            });
            return new MigrationConfig(base, apps, classLoader);
        }

        private static ClassLoader defaultClassLoader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : MigrationConfig.class.getClassLoader();
        }
    }
}

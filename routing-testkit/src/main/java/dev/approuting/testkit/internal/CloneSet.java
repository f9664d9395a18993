package dev.approuting.testkit.internal;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.ServiceRouting;
import dev.approuting.testkit.postgres.PostgresStandby;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Fresh clones of every database of one service, with the service's {@link RoutedDatabases} over
 * them. Closing it closes the pools and drops the clones in the background.
 */
public final class CloneSet implements AutoCloseable {
    /** Small pools: a test rarely needs more than a few connections per database. */
    static final PoolSettings POOL = PoolSettings.defaults().withMaximumPoolSize(4);
    /** How long a new clone may take to appear on the standby. */
    static final Duration REPLAY = Duration.ofSeconds(30);

    private final ServiceRouting routing;
    private final Map<DbName, Template> templates;
    private final Map<DbName, Template.Clone> clones = new LinkedHashMap<>();
    private final Map<DbName, DbCredentials> credentials = new LinkedHashMap<>();
    private final Map<DbName, DbCredentials> readers = new LinkedHashMap<>();
    private final RoutedDatabases databases;
    private final @Nullable Runnable giveBack;

    /** Takes a clone of each template; the pools start with the connections opened ahead. */
    CloneSet(ServiceRouting routing, Map<DbName, Template> templates) {
        this(routing, templates, null, Set.of());
    }

    /**
     * Takes a clone of each template and gives the databases in {@code replicas} a reader on
     * {@code standby}: the clone under the same name there, once the standby has replayed its creation.
     */
    CloneSet(
            ServiceRouting routing,
            Map<DbName, Template> templates,
            @Nullable PostgresStandby standby,
            Set<DbName> replicas) {
        this.routing = routing;
        this.templates = templates;
        Map<DbName, DataSource> connectionSources = new LinkedHashMap<>();
        templates.forEach((db, template) -> {
            Template.Clone clone = take(db, template);
            connectionSources.put(db, template.connections(clone));
            if (standby != null && replicas.contains(db)) {
                DbCredentials writer = template.credentials(clone.name());
                readers.put(
                        db,
                        DbCredentials.of(
                                standby.host(), standby.port(), clone.name(), writer.user(), writer.password()));
            }
        });
        if (standby != null && !readers.isEmpty()) {
            // A clone made on the primary exists on the standby once the standby replayed its creation.
            standby.awaitReplay(REPLAY);
        }
        this.databases = open(connectionSources, POOL);
        this.giveBack = null;
    }

    /**
     * Takes a clone of each template and points {@code slot}'s pools at them; closing the set parks the
     * slot, runs {@code giveBack} (which hands the slot to the next test) and drops the clones.
     */
    CloneSet(ServiceRouting routing, Map<DbName, Template> templates, PoolSlot slot, Runnable giveBack) {
        this.routing = routing;
        this.templates = templates;
        templates.forEach(this::take);
        slot.target(clones, credentials);
        this.databases = slot.databases();
        this.giveBack = giveBack;
    }

    /** Takes a clone of each template, reached through {@code connectionSources} (one connection each). */
    CloneSet(ServiceRouting routing, Map<DbName, Template> templates, Map<DbName, DataSource> connectionSources) {
        this.routing = routing;
        this.templates = templates;
        templates.forEach(
                (db, template) -> Template.closeQuietly(take(db, template).connection()));
        this.databases = open(connectionSources, POOL.withMaximumPoolSize(1));
        this.giveBack = null;
    }

    private Template.Clone take(DbName db, Template template) {
        Template.Clone clone = template.take();
        clones.put(db, clone);
        credentials.put(db, template.credentials(clone.name()));
        return clone;
    }

    private RoutedDatabases open(Map<DbName, DataSource> connectionSources, PoolSettings pool) {
        RoutedDatabases.Builder builder = RoutedDatabases.configure(routing)
                .credentials(CredentialsSource.of(credentials, readers))
                .credentialsCheckInterval(Duration.ZERO)
                .poolSettings(pool);
        connectionSources.forEach(builder::connectionSource);
        return builder.open();
    }

    public ServiceRouting routing() {
        return routing;
    }

    public RoutedDatabases databases() {
        return databases;
    }

    /** Returns the credentials of this set's copy of {@code db}, which the service declares. */
    public DbCredentials credentials(DbName db) {
        DbCredentials found = credentials.get(db);
        if (found == null) {
            databases.dataSource(db); // throws the service's own error naming the undeclared database
            throw new IllegalStateException("no clone of " + db);
        }
        return found;
    }

    /** Returns the reader credentials of this set's copy of {@code db} on the standby, if it has one. */
    public Optional<DbCredentials> readerCredentials(DbName db) {
        return Optional.ofNullable(readers.get(db));
    }

    /** Returns the clone names by logical database. */
    public Map<DbName, String> clones() {
        Map<DbName, String> names = new LinkedHashMap<>();
        clones.forEach((db, clone) -> names.put(db, clone.name()));
        return names;
    }

    /** Closes the pools (or hands a reused slot back) and drops the clones in the background. */
    @Override
    public void close() {
        Runnable back = giveBack;
        if (back == null) {
            databases.close();
        } else {
            back.run();
        }
        templates.forEach((db, template) -> {
            Template.Clone clone = clones.get(db);
            if (clone != null) {
                template.release(clone);
            }
        });
    }

    /** Closes the pools and returns the clone names without dropping them. */
    List<String> closeKeeping() {
        databases.close();
        return List.copyOf(clones().values());
    }
}

package dev.approuting.flyway.provision;

import dev.approuting.core.AppName;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.flyway.internal.provision.AdminConnections;
import dev.approuting.flyway.internal.provision.Provisioning;
import dev.approuting.flyway.spi.SecretStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Provisions logical databases through an admin connection (a superuser in development, the
 * RDS/Aurora master user in production): the database, its owner role, a least-privilege login role
 * per Kubernetes namespace, and the secrets holding their credentials.
 *
 * <pre>{@code
 * InitDbResult result = DatabaseProvisioner.configure(adminUrl, "postgres", adminPassword)
 *         .apps(registry.adminView(Environment.PRODUCTION).require(DbName.of("buildsense")).apps())
 *         .secretsDir(Path.of("secrets"))
 *         .load()
 *         .initDb(DbName.of("buildsense"), "prod", "staging");
 * }</pre>
 *
 * <p>What {@link #initDb} sets up, each step idempotent:
 *
 * <ul>
 *   <li>the owner role {@code {db}_owner} ({@code NOLOGIN}), owning the database and the apps' schemas;
 *   <li>the database (created when missing), with {@code CONNECT} and {@code TEMPORARY} revoked from
 *       {@code PUBLIC} and {@code CREATE} on schema {@code public} not granted to {@code PUBLIC} (the
 *       default from PostgreSQL 15; revoked on older servers);
 *   <li>per namespace a login role {@code {db}_{namespace}_{NNNN}}: {@code LOGIN NOINHERIT}, a
 *       connection limit, member of the owner role, {@code CONNECT} on its database only, its password
 *       stored as a SCRAM-SHA-256 verifier computed on the client (the clear text never reaches the
 *       server or its logs). Kubernetes namespaces may contain {@code -}, roles get {@code _} instead:
 *       namespace {@code staging-eu} of database {@code users} logs in as {@code users_staging_eu_0001}.
 *       Because the login role does not inherit, it can create objects only after
 *       {@code SET ROLE {db}_owner}, and what it creates belongs to the owner role;
 *   <li>the credentials as the secret JSON of routing-core ({@code set_role} = the owner role), in a
 *       secrets directory laid out as Kubernetes mounts secrets
 *       ({@code {dir}/{namespace}-db-{db}-creds/creds.json}), as {@code Secret} manifests and/or
 *       kept in a {@link SecretStore} such as a Kubernetes cluster ({@link Builder#secretStore}).
 * </ul>
 *
 * <p>A second run creates nothing and keeps the existing password, which it reads back from the
 * secrets directory (or the secret store). {@link Builder#rotate(boolean)} creates the next numbered login
 * role with a new password instead; the older roles keep working until a run with
 * {@link Builder#retireOld(boolean)} drops them.
 *
 * <p>Runs never lose a password. A run holds a server-wide advisory lock of the database from its first
 * read to its end, so runs at once (two rotations, a rotation and a retirement, two {@code dev-setup}s)
 * take turns, and each re-reads the roles and secrets the run before it left. Every place secrets go is
 * checked writable (and not writable by other users) before anything changes. A new login role is committed
 * only after its secret is written durably (a temporary file, fsync, atomic rename, fsync of the directory;
 * files {@code 0600}, new directories {@code 0700}); if writing fails the role is rolled back. Secrets are
 * read back only from files and directories the invoking user owns and nobody else may write, and a missing
 * role is created again from its secret only with {@link Builder#restoreFromSecret(boolean)}. A failing run's
 * error lists what it had already done.
 *
 * <p>Configure, {@link Builder#load() load}, then call {@link #initDb}; the provisioner is immutable and
 * may provision several databases.
 */
public final class DatabaseProvisioner {
    /** The default connection limit of each login role. */
    public static final int DEFAULT_CONNECTION_LIMIT = 100;

    private final AdminConnections admin;
    private final Provisioning.Settings settings;

    private DatabaseProvisioner(AdminConnections admin, Provisioning.Settings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /**
     * Starts configuring provisioning through an admin connection. Nothing connects until {@link #initDb}.
     *
     * @param adminJdbcUrl a {@code jdbc:postgresql:} URL of the server; its database is the one connected
     *     to for server-wide work (usually {@code postgres}); its driver parameters (such as
     *     {@code sslmode}) are kept
     * @param adminUser a superuser, or a user with {@code CREATEDB} and {@code CREATEROLE} (RDS/Aurora master)
     * @param adminPassword the admin user's password; never logged
     * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} when the URL is not a
     *     PostgreSQL JDBC URL
     */
    public static Builder configure(String adminJdbcUrl, String adminUser, String adminPassword) {
        return new Builder(AdminConnections.of(adminJdbcUrl, adminUser, adminPassword));
    }

    /**
     * Like {@link #configure(String, String, String)}, with the admin login as credentials: their host, port,
     * maintenance database and TLS settings ({@link DbCredentials#sslMode()}, {@link DbCredentials#sslRootCert()})
     * are the ones every admin connection uses.
     */
    public static Builder configure(DbCredentials admin) {
        return new Builder(AdminConnections.of(admin));
    }

    /** Returns the apps whose schemas the owner role owns, in migration order. */
    public List<AppName> apps() {
        return settings.apps();
    }

    /**
     * Provisions {@code db} for the given namespaces. Names are checked before any SQL runs, and all
     * problems a run would hit (bad names, missing secrets, roles still in use) are reported together
     * before anything changes.
     *
     * @param db the logical database
     * @param namespaces the Kubernetes namespaces whose services use it, at least one
     * @return what was created, found, changed and dropped, and each namespace's login
     * @throws RoutingException with {@link ErrorCode#INVALID_NAME} for a bad namespace or a role name
     *     longer than PostgreSQL's 63 bytes, or {@link ErrorCode#PROVISIONING_FAILED} when an existing
     *     role's password cannot be found, an old role is still in use, a role name belongs to another
     *     database, or the server refuses a statement (its SQLState stays reachable)
     */
    public InitDbResult initDb(DbName db, String... namespaces) {
        return initDb(db, Arrays.asList(namespaces));
    }

    /** Like {@link #initDb(DbName, String...)}, for a list of namespaces. */
    public InitDbResult initDb(DbName db, List<String> namespaces) {
        if (namespaces.isEmpty()) {
            throw RoutingException.forDatabase(
                    ErrorCode.INVALID_CONFIGURATION,
                    db,
                    "init-db of database '" + db + "' names no namespace: give at least one (such as 'prod')");
        }
        return new Provisioning(admin, settings).run(db, new ArrayList<>(namespaces));
    }

    /** Configures a {@link DatabaseProvisioner}; mutable, not thread-safe. */
    public static final class Builder {
        private final AdminConnections admin;
        private List<AppName> apps = List.of();
        private int connectionLimit = DEFAULT_CONNECTION_LIMIT;
        private boolean grantOwnerToAdmin;
        private boolean revokeConnectOnPostgres;
        private boolean rotate;
        private boolean retireOld;
        private boolean terminateSessions;
        private boolean checkConnection;
        private boolean restoreFromSecret;
        private boolean reader;
        private @Nullable Path secretsDir;
        private @Nullable Path manifestsDir;
        private @Nullable SecretStore secretStore;
        private @Nullable String secretHost;
        private int secretPort;

        private Builder(AdminConnections admin) {
            this.admin = admin;
        }

        /** Sets the apps whose schemas the owner role owns (created when missing), in migration order. */
        public Builder apps(List<AppName> apps) {
            this.apps = List.copyOf(apps);
            return this;
        }

        /**
         * Sets the connection limit of each login role (default {@value #DEFAULT_CONNECTION_LIMIT}); during
         * a rotation the old and the new role each have it. Checked by {@link #load()}: at least 1.
         */
        public Builder connectionLimit(int limit) {
            this.connectionLimit = limit;
            return this;
        }

        /**
         * Grants the owner role to the admin user (default off). Needed on RDS/Aurora, where the master
         * user is no superuser and must be a member of a role to create a database owned by it.
         */
        public Builder grantOwnerToAdmin(boolean grant) {
            this.grantOwnerToAdmin = grant;
            return this;
        }

        /**
         * Also revokes {@code CONNECT} on the server's maintenance database {@code postgres} from {@code PUBLIC}
         * (default off). Every PostgreSQL server lets any role connect there; with this, a login role reaches
         * only its own database (roles granted {@code CONNECT} on {@code postgres} explicitly keep it). Off by
         * default because it changes a server-wide database other tools may rely on.
         */
        public Builder revokeConnectOnPostgres(boolean revoke) {
            this.revokeConnectOnPostgres = revoke;
            return this;
        }

        /** Creates the next numbered login role with a new password in every namespace (default off). */
        public Builder rotate(boolean rotate) {
            this.rotate = rotate;
            return this;
        }

        /**
         * Drops the login roles older than the current one of each namespace (default off). Refuses while
         * an old role still has sessions, unless {@link #terminateSessions(boolean)}; objects an old role
         * owns are handed to the owner role first, so no data is lost.
         */
        public Builder retireOld(boolean retire) {
            this.retireOld = retire;
            return this;
        }

        /** Lets {@link #retireOld(boolean)} terminate the sessions of the roles it drops (default off). */
        public Builder terminateSessions(boolean terminate) {
            this.terminateSessions = terminate;
            return this;
        }

        /**
         * Lets a run create a missing login role again with the password its existing secret holds (default
         * off). Without it such a secret is refused: a secret naming a role that does not exist may come from
         * somewhere else, and its password must not silently become a login. Secrets are read only from files
         * and directories owned by the invoking user and not writable by others.
         */
        public Builder restoreFromSecret(boolean restore) {
            this.restoreFromSecret = restore;
            return this;
        }

        /**
         * Also provisions a read-only login per namespace (default off): the NOLOGIN role {@code {db}_reader}
         * gets USAGE on the apps' schemas and SELECT on their tables, including tables the owner role creates
         * later (default privileges), and nothing else (no CREATE, no TEMPORARY, no write); each namespace gets a
         * login role {@code {db}_{namespace}_reader_{NNNN}} that inherits it, with its secret
         * {@code {namespace}-db-{db}-reader-creds} (no {@code set_role}) written next to the writer's secret and
         * rotated and retired with it by runs that also set this. A {@link SecretStore} keeps the writer's
         * secrets only.
         */
        public Builder reader(boolean reader) {
            this.reader = reader;
            return this;
        }

        /**
         * Logs in with each produced credential, sets the owner role, creates and drops a temporary table,
         * and reports it in {@link NamespaceLogin#checkResult()} (default off).
         */
        public Builder checkConnection(boolean check) {
            this.checkConnection = check;
            return this;
        }

        /**
         * Writes each namespace's secret to {@code dir/{namespace}-db-{db}-creds/creds.json}, the layout
         * {@link dev.approuting.core.CredentialsSource#mountedSecrets} reads, and reads existing passwords
         * back from there on later runs.
         */
        public Builder secretsDir(Path dir) {
            this.secretsDir = dir;
            return this;
        }

        /** Writes each namespace's {@code Secret} manifest to {@code dir/{namespace}-db-{db}-creds.yaml}. */
        public Builder manifestsDir(Path dir) {
            this.manifestsDir = dir;
            return this;
        }

        /**
         * Keeps each namespace's secret in {@code store} as well (created or updated; left alone when it
         * already holds the credentials), and reads existing passwords back from it when the secrets
         * directory lacks them, so a re-run needs nothing but the store. routing-cli's
         * {@code init-db --apply-to-cluster} uses a Kubernetes cluster as the store.
         */
        public Builder secretStore(SecretStore store) {
            this.secretStore = store;
            return this;
        }

        /**
         * Sets the host written into the secrets, for when services reach the server under another name
         * than the admin connection (default: the admin URL's host). Checked by {@link #load()}: not blank.
         */
        public Builder secretHost(String host) {
            this.secretHost = host;
            return this;
        }

        /**
         * Sets the port written into the secrets (default: the admin URL's port). Checked by
         * {@link #load()}: between 1 and 65535.
         */
        public Builder secretPort(int port) {
            this.secretPort = port;
            return this;
        }

        /**
         * Returns the provisioner.
         *
         * @throws RoutingException with {@link ErrorCode#INVALID_CONFIGURATION} listing every bad setting
         */
        public DatabaseProvisioner load() {
            List<String> problems = new ArrayList<>();
            if (connectionLimit < 1) {
                problems.add("connection limit must be at least 1, was " + connectionLimit);
            }
            String host = secretHost;
            if (host != null && host.isBlank()) {
                problems.add("secret host must not be blank");
            }
            if (secretPort != 0 && (secretPort < 1 || secretPort > 65535)) {
                problems.add("secret port must be between 1 and 65535, was " + secretPort);
            }
            if (!problems.isEmpty()) {
                throw RoutingException.of(ErrorCode.INVALID_CONFIGURATION, String.join("; ", problems));
            }
            return new DatabaseProvisioner(
                    admin,
                    new Provisioning.Settings(
                            apps,
                            connectionLimit,
                            grantOwnerToAdmin,
                            rotate,
                            retireOld,
                            terminateSessions,
                            checkConnection,
                            secretsDir,
                            manifestsDir,
                            secretStore,
                            host == null ? admin.host() : host,
                            secretPort == 0 ? admin.port() : secretPort,
                            revokeConnectOnPostgres,
                            restoreFromSecret,
                            reader));
        }
    }
}

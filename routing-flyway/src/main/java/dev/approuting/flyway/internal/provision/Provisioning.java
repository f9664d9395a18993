package dev.approuting.flyway.internal.provision;

import dev.approuting.core.AppName;
import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.support.Sql;
import dev.approuting.core.support.Text;
import dev.approuting.flyway.provision.ConnectionCheck;
import dev.approuting.flyway.provision.InitDbResult;
import dev.approuting.flyway.provision.InitDbResult.Outcome;
import dev.approuting.flyway.provision.InitDbResult.Step;
import dev.approuting.flyway.provision.NamespaceLogin;
import dev.approuting.flyway.spi.SecretStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code init-db} run over one logical database: checks names, plans every namespace's login
 * (reading only), reports all problems before changing anything, then creates what is missing.
 */
public final class Provisioning {
    private static final Logger log = LoggerFactory.getLogger(Provisioning.class);

    private final AdminConnections admin;
    private final Settings settings;
    private final List<Step> steps = new ArrayList<>();
    private String stage = "connecting as the admin user";

    /**
     * What to provision besides the database and its roles.
     *
     * @param apps the apps whose schemas the owner role owns
     * @param connectionLimit the connection limit of each login role
     * @param grantOwnerToAdmin whether to grant the owner role to the admin user
     * @param rotate whether to create a new login role with a new password in every namespace
     * @param retireOld whether to drop the login roles older than the current one
     * @param terminateSessions whether retiring may terminate sessions of the roles it drops
     * @param checkConnection whether to log in with each produced credential
     * @param secretsDir where to read and write secrets, or {@code null}
     * @param manifestsDir where to write {@code Secret} manifests, or {@code null}
     * @param store where else to keep the secrets and read them back, or {@code null}
     * @param secretHost the host written into secrets
     * @param secretPort the port written into secrets
     * @param revokeConnectOnPostgres whether to revoke CONNECT on database postgres from PUBLIC
     * @param restoreFromSecret whether a missing login role may be created again with its secret's password
     * @param reader whether to provision a read-only login role per namespace as well
     */
    public record Settings(
            List<AppName> apps,
            int connectionLimit,
            boolean grantOwnerToAdmin,
            boolean rotate,
            boolean retireOld,
            boolean terminateSessions,
            boolean checkConnection,
            @Nullable Path secretsDir,
            @Nullable Path manifestsDir,
            @Nullable SecretStore store,
            String secretHost,
            int secretPort,
            boolean revokeConnectOnPostgres,
            boolean restoreFromSecret,
            boolean reader) {
        /** Copies the list. */
        public Settings {
            apps = List.copyOf(apps);
        }
    }

    /** What to do for one namespace's login (or reader login), decided before anything changes. */
    private record Plan(
            Kind kind,
            String namespace,
            String role,
            String password,
            boolean create,
            boolean newPassword,
            List<String> retire) {}

    /** The two kinds of login role a namespace gets: the writer (owner's rights) and the read-only reader. */
    private enum Kind {
        WRITER,
        READER;

        String prefix(DbName db, String namespace) {
            return this == WRITER ? RoleNames.loginPrefix(db, namespace) : RoleNames.readerPrefix(db, namespace);
        }

        String role(DbName db, String namespace, int number) {
            return this == WRITER
                    ? RoleNames.login(db, namespace, number)
                    : RoleNames.readerLogin(db, namespace, number);
        }

        Optional<Integer> number(DbName db, String namespace, String role) {
            return this == WRITER ? RoleNames.number(db, namespace, role) : RoleNames.readerNumber(db, namespace, role);
        }

        String marker(DbName db, String namespace) {
            return "approuting " + (this == WRITER ? "" : "reader ") + "login role of database '" + db
                    + "' for namespace '" + namespace + "'";
        }

        String secretName(String namespace, DbName db) {
            return this == WRITER
                    ? CredentialsSource.secretName(namespace, db)
                    : CredentialsSource.readerSecretName(namespace, db);
        }

        /** The role whose rights the login gets: the owner role (by SET ROLE) or the reader role (inherited). */
        String group(DbName db) {
            return this == WRITER ? RoleNames.owner(db) : RoleNames.readerGroup(db);
        }

        String label(String role, String namespace) {
            return (this == WRITER ? "login role " : "reader login role ") + role + " (namespace " + namespace + ")";
        }
    }

    /** Prepares a run; nothing connects until {@link #run}. */
    public Provisioning(AdminConnections admin, Settings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /**
     * Provisions {@code db} for {@code requested} namespaces; see
     * {@link dev.approuting.flyway.provision.DatabaseProvisioner#initDb}.
     */
    public InitDbResult run(DbName db, List<String> requested) {
        List<String> namespaces = List.copyOf(new LinkedHashSet<>(requested));
        List<String> nameProblems = RoleNames.problems(db, namespaces, settings.reader());
        if (!nameProblems.isEmpty()) {
            throw RoutingException.forDatabase(
                    ErrorCode.INVALID_NAME,
                    db,
                    "cannot provision database '" + db + "': " + String.join("; ", nameProblems));
        }
        List<Kind> kinds = settings.reader() ? List.of(Kind.WRITER, Kind.READER) : List.of(Kind.WRITER);
        List<String> targetProblems = targetProblems(db, namespaces, kinds);
        if (!targetProblems.isEmpty()) {
            throw RoutingException.forDatabase(
                    ErrorCode.PROVISIONING_FAILED,
                    db,
                    "init-db of database '" + db + "' changed nothing: " + String.join("; ", targetProblems));
        }
        String owner = RoleNames.owner(db);
        try (Connection server = admin.openDefault()) {
            stage = "waiting for the provisioning lock of database '" + db + "'";
            ProvisioningLock.acquire(server, db);
            execute(server, "SET password_encryption = 'scram-sha-256'");
            // Everything below is read after taking the lock: a run that waited sees the roles and secrets
            // the run before it left.
            stage = "planning the login roles";
            List<String> problems = new ArrayList<>();
            Optional<Boolean> ownerCanLogin = canLogin(server, owner);
            if (ownerCanLogin.orElse(false)) {
                problems.add("role '" + owner + "' exists and can log in, but the owner role must be NOLOGIN:"
                        + " run ALTER ROLE " + owner + " NOLOGIN after checking nothing logs in with it");
            }
            List<Plan> plans = new ArrayList<>();
            for (Kind kind : kinds) {
                for (String namespace : namespaces) {
                    plan(server, db, kind, namespace, problems).ifPresent(plans::add);
                }
            }
            if (!problems.isEmpty()) {
                throw RoutingException.forDatabase(
                        ErrorCode.PROVISIONING_FAILED,
                        db,
                        "init-db of database '" + db + "' changed nothing: " + String.join("; ", problems));
            }
            ensureOwner(server, db, owner, ownerCanLogin.isPresent());
            if (settings.grantOwnerToAdmin()) {
                ensureAdminMember(server, db, owner);
            }
            ensureDatabase(server, db, owner);
            if (settings.revokeConnectOnPostgres()) {
                closePostgresDatabase(server, db);
            }
            stage = "connecting to database '" + db + "' as the admin user";
            try (Connection inDb = admin.open(db.value())) {
                ensurePublicSchema(inDb, db);
                ensureSchemas(inDb, db, owner);
                if (settings.reader()) {
                    ensureReaderRole(server, inDb, db, owner);
                }
                List<NamespaceLogin> logins = new ArrayList<>();
                List<NamespaceLogin> readers = new ArrayList<>();
                for (Plan plan : plans) {
                    (plan.kind() == Kind.WRITER ? logins : readers).add(apply(server, inDb, db, owner, plan));
                }
                return new InitDbResult(db, owner, steps, logins, readers);
            } finally {
                ProvisioningLock.release(server, db);
            }
        } catch (SQLException e) {
            throw sqlFailure(db, e);
        } catch (IOException e) {
            throw RoutingException.forDatabase(
                    ErrorCode.PROVISIONING_FAILED,
                    db,
                    "init-db of database '" + db + "' failed while " + stage + ": " + e
                            + ". Check that the directory exists and is writable, then run again. " + progress(),
                    e);
        } catch (RoutingException e) {
            if (steps.isEmpty()) {
                throw e;
            }
            throw RoutingException.forDatabase(e.code(), db, e.getMessage() + ". " + progress(), e);
        }
    }

    /**
     * Checks every place secrets go before anything changes: each directory is created when missing (owner
     * only), must be writable, and must not be writable by other users.
     */
    private List<String> targetProblems(DbName db, List<String> namespaces, List<Kind> kinds) {
        List<String> problems = new ArrayList<>();
        Path secretsDir = settings.secretsDir();
        if (secretsDir != null) {
            SecretFiles.writableProblem(secretsDir, "secrets directory").ifPresent(problems::add);
            if (problems.isEmpty()) {
                for (Kind kind : kinds) {
                    for (String namespace : namespaces) {
                        // A missing secret directory is created in the secrets directory checked above.
                        Path dir = secretsDir.resolve(kind.secretName(namespace, db));
                        if (Files.isDirectory(dir)) {
                            SecretFiles.writableProblem(dir, "secret directory").ifPresent(problems::add);
                        }
                    }
                }
            }
        }
        Path manifestsDir = settings.manifestsDir();
        if (manifestsDir != null) {
            SecretFiles.writableProblem(manifestsDir, "manifests directory").ifPresent(problems::add);
        }
        return problems;
    }

    /** Says what a failed run already did, so the operator knows where things stand. */
    private String progress() {
        List<String> done = steps.stream()
                .filter(s -> s.outcome() != Outcome.PRESENT)
                .map(Step::toString)
                .toList();
        return done.isEmpty()
                ? "Nothing was changed before the failure."
                : "Already done before the failure (kept; each step is idempotent, so running again continues from"
                        + " here): " + String.join(", ", done) + ".";
    }

    private Optional<Plan> plan(Connection server, DbName db, Kind kind, String namespace, List<String> problems)
            throws SQLException {
        List<String> roles = loginRoles(server, db, kind, namespace);
        String marker = kind.marker(db, namespace);
        for (String role : roles) {
            String comment = roleComment(server, role);
            if (!marker.equals(comment)) {
                problems.add("role '" + role + "' exists but is not the " + (kind == Kind.READER ? "reader " : "")
                        + "login role of namespace '" + namespace
                        + "' for database '" + db + "' (its comment is "
                        + (comment == null ? "empty" : Text.quote(comment))
                        + "): another database and namespace map to the same role name ('-' becomes '_');"
                        + " rename the namespace or the database");
            }
        }
        Optional<DbCredentials> secret = Optional.empty();
        if (!settings.rotate()) {
            try {
                secret = readSecret(db, kind, namespace);
            } catch (RoutingException e) {
                problems.add(e.getMessage() + "; or rotate(true) to create a new login role and rewrite the secret");
                return Optional.empty();
            }
        }
        int latest = roles.isEmpty() ? 0 : number(db, kind, namespace, roles.get(roles.size() - 1));
        String secretName = kind.secretName(namespace, db);
        Path secretsDir = settings.secretsDir();
        String where =
                secretsDir == null ? "no secrets directory was given" : "looked in " + secretsDir.resolve(secretName);
        SecretStore cluster = settings.store();
        if (cluster != null && kind == Kind.WRITER) {
            where += " and in " + cluster.describe();
        }
        Plan plan;
        if (settings.rotate()) {
            if (latest >= RoleNames.MAX_NUMBER) {
                problems.add("namespace '" + namespace + "' has used every login role number up to "
                        + RoleNames.MAX_NUMBER + ": drop the old roles by hand and start again at 1");
                return Optional.empty();
            }
            plan = new Plan(
                    kind,
                    namespace,
                    kind.role(db, namespace, latest + 1),
                    Passwords.generate(),
                    true,
                    true,
                    settings.retireOld() ? roles : List.of());
        } else if (secret.isPresent()) {
            DbCredentials found = secret.get();
            Optional<Integer> secretNumber = kind.number(db, namespace, found.user());
            if (roles.contains(found.user())) {
                int current = secretNumber.orElse(0);
                List<String> older = roles.stream()
                        .filter(r -> number(db, kind, namespace, r) < current)
                        .toList();
                plan = new Plan(
                        kind,
                        namespace,
                        found.user(),
                        found.password(),
                        false,
                        false,
                        settings.retireOld() ? older : List.of());
            } else if (roles.isEmpty() && secretNumber.isPresent() && settings.restoreFromSecret()) {
                plan = new Plan(kind, namespace, found.user(), found.password(), true, false, List.of());
            } else if (roles.isEmpty() && secretNumber.isPresent()) {
                problems.add("the secret " + secretName + " of namespace '" + namespace + "' (" + where
                        + ") names login role '" + found.user() + "', which does not exist on the server:"
                        + " restoreFromSecret(true) to create it again with the secret's password (only if you know"
                        + " where that secret came from), or rotate(true) to create a new login role and rewrite the"
                        + " secret");
                return Optional.empty();
            } else {
                problems.add("the secret " + secretName + " of namespace '" + namespace + "' (" + where
                        + ") names login role '" + found.user() + "', which is not "
                        + (roles.isEmpty()
                                ? "a login role of database '" + db + "' (" + kind.prefix(db, namespace) + "NNNN)"
                                : "one of its login roles " + Text.list(roles))
                        + ": rotate(true) to create a new login role and rewrite the secret");
                return Optional.empty();
            }
        } else if (roles.isEmpty()) {
            plan = new Plan(kind, namespace, kind.role(db, namespace, 1), Passwords.generate(), true, true, List.of());
        } else {
            problems.add("login role " + Text.list(List.of(roles.get(roles.size() - 1))) + " of namespace '" + namespace
                    + "' exists, but its password is only in its secret " + secretName
                    + " and " + where + ": point secretsDir(dir) at a directory holding that secret, or"
                    + " rotate(true) to create login role '" + kind.role(db, namespace, latest + 1)
                    + "' with a new password");
            return Optional.empty();
        }
        for (String old : plan.retire()) {
            int sessions = sessions(server, old);
            if (sessions > 0 && !settings.terminateSessions()) {
                problems.add(retireBlocked(old, sessions));
            }
        }
        return Optional.of(plan);
    }

    private NamespaceLogin apply(Connection server, Connection inDb, DbName db, String owner, Plan plan)
            throws SQLException, IOException {
        String role = plan.role();
        Kind kind = plan.kind();
        String label = kind.label(role, plan.namespace());
        DbCredentials credentials = new DbCredentials(
                settings.secretHost(),
                settings.secretPort(),
                db.value(),
                role,
                plan.password(),
                kind == Kind.WRITER ? owner : null);
        if (plan.create()) {
            stage = "creating " + label;
            createLogin(server, db, plan, credentials, label);
        } else {
            stage = "checking " + label;
            ensureLogin(server, db, kind, role, label);
            for (Step step : writeSecrets(db, kind, plan.namespace(), credentials)) {
                step(db, step.outcome(), step.subject());
            }
        }
        List<String> retired = new ArrayList<>();
        for (String old : plan.retire()) {
            retire(server, inDb, db, owner, old);
            step(db, Outcome.DROPPED, kind.label(old, plan.namespace()));
            retired.add(old);
        }
        ConnectionCheck check = settings.checkConnection() ? Checks.run(credentials, kind == Kind.READER) : null;
        if (check != null) {
            log.info("{}: connection check of {}: {}", db, role, check.message());
        }
        return new NamespaceLogin(
                plan.namespace(), db, role, credentials, plan.newPassword(), retired, check, kind == Kind.READER);
    }

    private void ensureOwner(Connection server, DbName db, String owner, boolean exists) throws SQLException {
        stage = "creating owner role '" + owner + "'";
        if (exists) {
            step(db, Outcome.PRESENT, "role " + owner);
            return;
        }
        execute(server, "CREATE ROLE " + Sql.ident(owner) + " NOLOGIN");
        execute(
                server,
                "COMMENT ON ROLE " + Sql.ident(owner) + " IS "
                        + Sql.literal("approuting owner role of database '" + db + "'"));
        step(db, Outcome.CREATED, "role " + owner);
    }

    private void ensureAdminMember(Connection server, DbName db, String owner) throws SQLException {
        stage = "granting role '" + owner + "' to admin user '" + admin.user() + "'";
        boolean member = queryBoolean(
                server,
                "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
                        + " JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = ? AND u.rolname = current_user)",
                owner);
        String label = "membership of admin user " + admin.user() + " in role " + owner;
        if (member) {
            step(db, Outcome.PRESENT, label);
        } else {
            execute(server, "GRANT " + Sql.ident(owner) + " TO CURRENT_USER");
            step(db, Outcome.CREATED, label);
        }
    }

    private void ensureDatabase(Connection server, DbName db, String owner) throws SQLException {
        stage = "creating database '" + db + "' owned by '" + owner + "'";
        String currentOwner =
                queryString(server, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?", db.value());
        if (currentOwner == null) {
            execute(server, "CREATE DATABASE " + Sql.ident(db.value()) + " OWNER " + Sql.ident(owner));
            step(db, Outcome.CREATED, "database " + db);
        } else if (!currentOwner.equals(owner)) {
            execute(server, "ALTER DATABASE " + Sql.ident(db.value()) + " OWNER TO " + Sql.ident(owner));
            step(db, Outcome.CHANGED, "owner of database " + db + " (was " + currentOwner + ")");
        } else {
            step(db, Outcome.PRESENT, "database " + db);
        }
        stage = "revoking CONNECT and TEMPORARY on database '" + db + "' from PUBLIC";
        boolean open = queryBoolean(
                server,
                "SELECT has_database_privilege('public', ?::text, 'CONNECT') OR has_database_privilege('public', ?::text, 'TEMPORARY')",
                db.value(),
                db.value());
        String label = "CONNECT and TEMPORARY on database " + db + " revoked from PUBLIC";
        if (open) {
            execute(server, "REVOKE ALL ON DATABASE " + Sql.ident(db.value()) + " FROM PUBLIC");
            step(db, Outcome.CHANGED, label);
        } else {
            step(db, Outcome.PRESENT, label);
        }
    }

    /**
     * Revokes {@code CONNECT} on the maintenance database {@code postgres} from {@code PUBLIC}, which every
     * PostgreSQL server grants, so login roles reach their own database only. Roles that are granted it
     * explicitly (and superusers) keep it.
     */
    private void closePostgresDatabase(Connection server, DbName db) throws SQLException {
        stage = "revoking CONNECT on database 'postgres' from PUBLIC";
        boolean exists =
                queryBoolean(server, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = ?)", "postgres");
        if (!exists) {
            return;
        }
        String label = "CONNECT on database postgres revoked from PUBLIC";
        if (queryBoolean(server, "SELECT has_database_privilege('public', ?::text, 'CONNECT')", "postgres")) {
            execute(server, "REVOKE CONNECT ON DATABASE postgres FROM PUBLIC");
            step(db, Outcome.CHANGED, label);
        } else {
            step(db, Outcome.PRESENT, label);
        }
    }

    private void ensurePublicSchema(Connection inDb, DbName db) throws SQLException {
        stage = "revoking CREATE on schema public from PUBLIC";
        // PostgreSQL 15+ no longer grants it; older servers do, and anyone may have granted it since.
        String open = queryString(
                inDb,
                "SELECT has_schema_privilege('public', oid, 'CREATE')::text FROM pg_namespace WHERE nspname = ?",
                "public");
        if (open == null) {
            return;
        }
        String label = "CREATE on schema public revoked from PUBLIC";
        if (open.equals("true")) {
            execute(inDb, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            step(db, Outcome.CHANGED, label);
        } else {
            step(db, Outcome.PRESENT, label);
        }
    }

    private void ensureSchemas(Connection inDb, DbName db, String owner) throws SQLException {
        for (AppName app : settings.apps()) {
            stage = "creating schema '" + app + "' owned by '" + owner + "'";
            String currentOwner = queryString(
                    inDb, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = ?", app.value());
            if (currentOwner == null) {
                execute(inDb, "CREATE SCHEMA " + Sql.ident(app.value()) + " AUTHORIZATION " + Sql.ident(owner));
                step(db, Outcome.CREATED, "schema " + app);
            } else if (!currentOwner.equals(owner)) {
                execute(inDb, "ALTER SCHEMA " + Sql.ident(app.value()) + " OWNER TO " + Sql.ident(owner));
                step(db, Outcome.CHANGED, "owner of schema " + app + " (was " + currentOwner + ")");
            } else {
                step(db, Outcome.PRESENT, "schema " + app);
            }
        }
    }

    /**
     * Creates the login role and writes its secrets in one transaction: the role is committed only once
     * every secret is durably written, so a role's password is never held by nobody. When writing fails the
     * role is rolled back; when the commit fails the secrets written are put back as they were.
     */
    private void createLogin(Connection server, DbName db, Plan plan, DbCredentials credentials, String label)
            throws SQLException, IOException {
        String role = Sql.ident(plan.role());
        List<SecretFiles.Previous> previous = new ArrayList<>();
        List<Step> written;
        server.setAutoCommit(false);
        try {
            execute(
                    server,
                    "CREATE ROLE " + role + " LOGIN " + (plan.kind() == Kind.WRITER ? "NOINHERIT" : "INHERIT")
                            + " CONNECTION LIMIT " + settings.connectionLimit());
            execute(
                    server,
                    "COMMENT ON ROLE " + role + " IS " + Sql.literal(plan.kind().marker(db, plan.namespace())));
            execute(server, "GRANT " + Sql.ident(plan.kind().group(db)) + " TO " + role);
            // The driver computes the SCRAM-SHA-256 verifier: the clear text never reaches the server.
            server.unwrap(PGConnection.class)
                    .alterUserPassword(plan.role(), plan.password().toCharArray(), "scram-sha-256");
            execute(server, "GRANT CONNECT ON DATABASE " + Sql.ident(db.value()) + " TO " + role);
            written = writeSecrets(db, plan.kind(), plan.namespace(), credentials, previous);
            stage = "committing " + label;
            server.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                server.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            for (SecretFiles.Previous file : previous) {
                try {
                    file.restore();
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        } finally {
            server.setAutoCommit(true);
        }
        step(db, Outcome.CREATED, label);
        for (Step step : written) {
            step(db, step.outcome(), step.subject());
        }
    }

    private void ensureLogin(Connection server, DbName db, Kind kind, String role, String label) throws SQLException {
        boolean inherit = kind == Kind.READER;
        boolean changed = false;
        try (PreparedStatement ps = server.prepareStatement(
                "SELECT rolcanlogin, rolinherit, rolconnlimit FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1) || rs.getBoolean(2) != inherit || rs.getInt(3) != settings.connectionLimit()) {
                    execute(
                            server,
                            "ALTER ROLE " + Sql.ident(role) + " LOGIN " + (inherit ? "INHERIT" : "NOINHERIT")
                                    + " CONNECTION LIMIT " + settings.connectionLimit());
                    changed = true;
                }
            }
        }
        String group = kind.group(db);
        boolean member = queryBoolean(
                server,
                "SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid"
                        + " JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = ? AND u.rolname = ?)",
                group,
                role);
        if (!member) {
            execute(server, "GRANT " + Sql.ident(group) + " TO " + Sql.ident(role));
            changed = true;
        }
        if (!queryBoolean(server, "SELECT has_database_privilege(?::name, ?::text, 'CONNECT')", role, db.value())) {
            execute(server, "GRANT CONNECT ON DATABASE " + Sql.ident(db.value()) + " TO " + Sql.ident(role));
            changed = true;
        }
        step(db, changed ? Outcome.CHANGED : Outcome.PRESENT, label);
    }

    /**
     * Creates the NOLOGIN role {@code {db}_reader} and gives it read access to the apps' schemas: USAGE on
     * each schema, SELECT on its tables, and SELECT on the tables the owner role creates there later (default
     * privileges). Nothing else: no CREATE, no TEMPORARY, no write.
     */
    private void ensureReaderRole(Connection server, Connection inDb, DbName db, String owner) throws SQLException {
        String reader = RoleNames.readerGroup(db);
        stage = "creating reader role '" + reader + "'";
        String marker = "approuting reader role of database '" + db + "'";
        Optional<Boolean> canLogin = canLogin(server, reader);
        if (canLogin.isEmpty()) {
            execute(server, "CREATE ROLE " + Sql.ident(reader) + " NOLOGIN");
            execute(server, "COMMENT ON ROLE " + Sql.ident(reader) + " IS " + Sql.literal(marker));
            step(db, Outcome.CREATED, "role " + reader);
        } else if (canLogin.get() || !marker.equals(roleComment(server, reader))) {
            throw RoutingException.forDatabase(
                    ErrorCode.PROVISIONING_FAILED,
                    db,
                    "role '" + reader + "' exists but is not the reader role of database '" + db + "' (it "
                            + (canLogin.get() ? "can log in" : "has another comment")
                            + "): rename or drop that role, or provision without reader(true)");
        } else {
            step(db, Outcome.PRESENT, "role " + reader);
        }
        for (AppName app : settings.apps()) {
            stage = "granting read access on schema '" + app + "' to '" + reader + "'";
            String schema = Sql.ident(app.value());
            String label = "read access of " + reader + " to schema " + app;
            boolean usage =
                    queryBoolean(inDb, "SELECT has_schema_privilege(?::name, ?::text, 'USAGE')", reader, app.value());
            boolean tables = queryBoolean(
                    inDb,
                    "SELECT NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                            + " AND NOT has_table_privilege(?::name, c.oid, 'SELECT'))",
                    app.value(),
                    reader);
            boolean future = queryBoolean(
                    inDb,
                    "SELECT EXISTS (SELECT 1 FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace,"
                            + " aclexplode(d.defaclacl) a WHERE d.defaclobjtype = 'r' AND n.nspname = ?"
                            + " AND d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = ?)"
                            + " AND a.grantee = (SELECT oid FROM pg_roles WHERE rolname = ?) AND a.privilege_type = 'SELECT')",
                    app.value(),
                    owner,
                    reader);
            if (usage && tables && future) {
                step(db, Outcome.PRESENT, label);
                continue;
            }
            execute(inDb, "GRANT USAGE ON SCHEMA " + schema + " TO " + Sql.ident(reader));
            execute(inDb, "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + Sql.ident(reader));
            execute(
                    inDb,
                    "ALTER DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(owner) + " IN SCHEMA " + schema
                            + " GRANT SELECT ON TABLES TO " + Sql.ident(reader));
            step(db, Outcome.CHANGED, label);
        }
    }

    private List<Step> writeSecrets(DbName db, Kind kind, String namespace, DbCredentials credentials)
            throws IOException {
        return writeSecrets(db, kind, namespace, credentials, new ArrayList<>());
    }

    /** Writes the secret everywhere it goes, noting each file's previous content in {@code previous} first. */
    private List<Step> writeSecrets(
            DbName db, Kind kind, String namespace, DbCredentials credentials, List<SecretFiles.Previous> previous)
            throws IOException {
        List<Step> written = new ArrayList<>();
        String name = kind.secretName(namespace, db);
        Path secretsDir = settings.secretsDir();
        if (secretsDir != null) {
            Path file = secretsDir.resolve(name).resolve(CredentialsSource.SECRET_KEY);
            stage = "writing secret file " + file;
            previous.add(SecretFiles.remember(file));
            written.add(new Step(SecretFiles.write(file, credentials.toSecretJson() + "\n"), "secret file " + file));
        }
        Path manifestsDir = settings.manifestsDir();
        if (manifestsDir != null) {
            Path file = manifestsDir.resolve(name + ".yaml");
            stage = "writing manifest " + file;
            previous.add(SecretFiles.remember(file));
            written.add(new Step(
                    SecretFiles.write(file, SecretManifests.render(name, namespace, db, credentials)),
                    "manifest " + file));
        }
        SecretStore cluster = settings.store();
        if (cluster != null && kind == Kind.WRITER) {
            stage = "applying secret " + namespace + "/" + name + " to " + cluster.describe();
            written.add(new Step(
                    cluster.apply(db, namespace, credentials),
                    "secret " + namespace + "/" + name + " in " + cluster.describe()));
        }
        return written;
    }

    private void retire(Connection server, Connection inDb, DbName db, String owner, String old) throws SQLException {
        stage = "retiring login role '" + old + "'";
        if (settings.terminateSessions()) {
            try (PreparedStatement ps = server.prepareStatement(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = ?")) {
                ps.setString(1, old);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    log.info("{}: terminated {} session(s) of login role {}", db, rs.getInt(1), old);
                }
            }
        } else {
            int sessions = sessions(server, old);
            if (sessions > 0) {
                throw RoutingException.forDatabase(ErrorCode.PROVISIONING_FAILED, db, retireBlocked(old, sessions));
            }
        }
        // Objects the login role made without SET ROLE go to the owner role: nothing is lost.
        execute(inDb, "REASSIGN OWNED BY " + Sql.ident(old) + " TO " + Sql.ident(owner));
        execute(inDb, "DROP OWNED BY " + Sql.ident(old));
        execute(server, "DROP ROLE " + Sql.ident(old));
    }

    /**
     * Reads the secret kept for the namespace's login (or reader login), after checking that nobody but the
     * invoking user can have put it there.
     */
    private Optional<DbCredentials> readSecret(DbName db, Kind kind, String namespace) {
        Path dir = settings.secretsDir();
        Optional<DbCredentials> found = Optional.empty();
        if (dir != null) {
            String name = kind.secretName(namespace, db);
            List<String> untrusted = new ArrayList<>();
            for (Path path : List.of(dir, dir.resolve(name), dir.resolve(name).resolve(CredentialsSource.SECRET_KEY))) {
                SecretFiles.trustProblem(path, path.equals(dir) ? "secrets directory" : "secret " + name + " at")
                        .ifPresent(untrusted::add);
            }
            if (!untrusted.isEmpty()) {
                throw RoutingException.forDatabase(ErrorCode.INVALID_CREDENTIALS, db, String.join("; ", untrusted));
            }
            CredentialsSource source = CredentialsSource.mountedSecrets(dir, namespace);
            found = kind == Kind.WRITER ? source.find(db) : source.findReader(db);
        }
        SecretStore cluster = settings.store();
        return found.isPresent() || cluster == null || kind == Kind.READER ? found : cluster.read(db, namespace);
    }

    private static List<String> loginRoles(Connection server, DbName db, Kind kind, String namespace)
            throws SQLException {
        List<String> roles = new ArrayList<>();
        try (PreparedStatement ps =
                server.prepareStatement("SELECT rolname FROM pg_roles WHERE starts_with(rolname, ?)")) {
            ps.setString(1, kind.prefix(db, namespace));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String role = rs.getString(1);
                    if (kind.number(db, namespace, role).isPresent()) {
                        roles.add(role);
                    }
                }
            }
        }
        roles.sort(Comparator.comparingInt(r -> number(db, kind, namespace, r)));
        return roles;
    }

    private static int number(DbName db, Kind kind, String namespace, String role) {
        return kind.number(db, namespace, role).orElse(0);
    }

    private static Optional<Boolean> canLogin(Connection server, String role) throws SQLException {
        String value = queryString(server, "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = ?", role);
        return value == null ? Optional.empty() : Optional.of(value.equals("true"));
    }

    private static @Nullable String roleComment(Connection server, String role) throws SQLException {
        return queryString(server, "SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = ?", role);
    }

    private static int sessions(Connection server, String role) throws SQLException {
        try (PreparedStatement ps =
                server.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE usename = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String retireBlocked(String role, int sessions) {
        return "login role '" + role + "' still has " + sessions + " session(s): wait until every service uses"
                + " the new secret (RoutedDatabases re-reads secrets every 30 s by default) and run retireOld(true)"
                + " again, or terminateSessions(true) to end those sessions";
    }

    private void step(DbName db, Outcome outcome, String subject) {
        Step step = new Step(outcome, subject);
        steps.add(step);
        if (outcome == Outcome.PRESENT) {
            log.debug("{}: {}", db, step);
        } else {
            log.info("{}: {}", db, step);
        }
    }

    private RoutingException sqlFailure(DbName db, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String hint = switch (state) {
            case "42501" ->
                "the admin user '" + admin.user() + "' lacks a privilege: use a superuser, or on"
                        + " RDS/Aurora the master user with grantOwnerToAdmin(true)";
            case "28P01", "28000" -> "check the admin user and its password";
            case "2BP01" ->
                "the role still owns objects or holds privileges in another database: run"
                        + " REASSIGN OWNED BY and DROP OWNED BY there, then run again";
            default ->
                state.startsWith("08")
                        ? "check the admin URL and that the server is up"
                        : "fix the cause and run again: every step is idempotent";
        };
        return RoutingException.forDatabase(
                ErrorCode.PROVISIONING_FAILED,
                db,
                "init-db of database '" + db + "' failed while " + stage + ": " + e.getMessage() + " (SQLState " + state
                        + "). " + hint + (steps.isEmpty() ? "" : ". " + progress()),
                e);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean queryBoolean(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static @Nullable String queryString(Connection connection, String sql, String parameter)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}

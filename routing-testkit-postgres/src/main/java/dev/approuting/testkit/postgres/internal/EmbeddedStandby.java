package dev.approuting.testkit.postgres.internal;

import dev.approuting.testkit.postgres.PostgresServer;
import dev.approuting.testkit.postgres.PostgresStandby;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streaming standby of an embedded server, made without {@code pg_basebackup} (zonky's binaries hold
 * only {@code initdb}, {@code pg_ctl} and {@code postgres}): a physical replication slot reserves the
 * primary's WAL, a non-exclusive base backup ({@code pg_backup_start}, or {@code pg_start_backup} before
 * PostgreSQL 15) brackets a file copy of the data directory, its {@code backup_label} is written into the
 * copy with {@code standby.signal} and {@code primary_conninfo}, and zonky starts the copy on a port of its
 * own. The copy skips the WAL (the slot streams it), the slots and the lock files.
 */
public final class EmbeddedStandby implements PostgresStandby {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStandby.class);
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final long SHORT_PAGE_HEADER = 24;
    private static final long LONG_PAGE_HEADER = 40;
    /** Not copied: the running server's own files; {@code pg_wal}'s and slots' contents are skipped too. */
    private static final Set<String> SKIPPED =
            Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "standby.signal", "backup_label", "tablespace_map");

    private final PostgresServer primary;
    private final Path directory;
    private final int port;
    private final String slot;
    private final String version;
    private final IntFunction<EmbeddedPostgres.Builder> builders;
    private @Nullable EmbeddedPostgres running;
    private @Nullable StartedServer server;
    private boolean closed;

    private EmbeddedStandby(
            PostgresServer primary,
            Path directory,
            int port,
            String slot,
            String version,
            IntFunction<EmbeddedPostgres.Builder> builders) {
        this.primary = primary;
        this.directory = directory;
        this.port = port;
        this.slot = slot;
        this.version = version;
        this.builders = builders;
    }

    /**
     * Makes and starts a standby of {@code primary}, whose data directory is {@code data}.
     *
     * @param builders zonky builders with the primary's settings, for a port
     * @param version the binaries' version, for messages
     * @throws IllegalStateException when the copy or the start fails
     */
    public static PostgresStandby start(
            PostgresServer primary, Path data, IntFunction<EmbeddedPostgres.Builder> builders, String version) {
        String slot = "approuting_standby_" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
        Path copy;
        int port;
        try {
            copy = Files.createTempDirectory("epg-standby");
            port = freePort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a standby of " + primary.describe() + ": " + e, e);
        }
        long started = System.nanoTime();
        try (Connection c = primary.connect(primary.adminDatabase());
                Statement s = c.createStatement()) {
            int versionNum = intValue(s, "SHOW server_version_num");
            s.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
            boolean fifteen = versionNum >= 150000;
            s.execute(
                    fifteen
                            ? "SELECT pg_backup_start('" + slot + "', true)"
                            : "SELECT pg_start_backup('" + slot + "', true, false)");
            copyDataDirectory(data, copy);
            String label;
            String map;
            try (ResultSet rs = s.executeQuery(
                    fifteen
                            ? "SELECT labelfile, spcmapfile FROM pg_backup_stop(true)"
                            : "SELECT labelfile, spcmapfile FROM pg_stop_backup(false, true)")) {
                rs.next();
                label = rs.getString(1);
                map = rs.getString(2);
            }
            Files.writeString(copy.resolve("backup_label"), label, StandardCharsets.UTF_8);
            if (map != null && !map.isEmpty()) {
                Files.writeString(copy.resolve("tablespace_map"), map, StandardCharsets.UTF_8);
            }
            Files.writeString(copy.resolve("standby.signal"), "", StandardCharsets.UTF_8);
            Files.writeString(
                    copy.resolve("postgresql.auto.conf"),
                    "\nprimary_conninfo = 'host=" + primary.host() + " port=" + primary.port() + " user="
                            + primary.user() + " application_name=" + slot + "'\nprimary_slot_name = '" + slot
                            + "'\nhot_standby = on\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (SQLException | IOException | UncheckedIOException e) {
            delete(copy);
            dropSlot(primary, slot);
            throw new IllegalStateException(
                    "cannot make a standby of " + primary.describe() + ": " + e.getMessage()
                            + ". The primary must allow replication connections of " + primary.user()
                            + " (pg_hba.conf) and have wal_level replica or logical",
                    e);
        }
        EmbeddedStandby standby = new EmbeddedStandby(primary, copy, port, slot, version, builders);
        try {
            standby.start();
            standby.awaitReplay(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            standby.close();
            throw e;
        }
        log.info(
                "{}: standby of {} ready in {} ms",
                standby.describe(),
                primary.describe(),
                (System.nanoTime() - started) / 1_000_000);
        return standby;
    }

    @Override
    public PostgresServer primary() {
        return primary;
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(describe() + " is closed: start another with startStandby()");
        }
        if (running != null) {
            return;
        }
        try {
            Files.deleteIfExists(directory.resolve("postmaster.pid"));
            EmbeddedPostgres postgres = builders.apply(port)
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .start();
            running = postgres;
            server = new StartedServer(
                    "localhost", port, primary.user(), primary.password(), "postgres", false, describe(), () -> {});
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    describe() + " did not start: " + e.getMessage() + ". Its data is in " + directory, e);
        }
    }

    @Override
    public synchronized void stop() {
        EmbeddedPostgres postgres = running;
        running = null;
        server = null;
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("{}: could not be stopped cleanly: {}", describe(), e.toString());
            }
        }
    }

    @Override
    public synchronized boolean running() {
        return running != null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        delete(directory);
        dropSlot(primary, slot);
    }

    @Override
    public void pauseReplay() {
        execute("postgres", "SELECT pg_wal_replay_pause()");
    }

    @Override
    public void resumeReplay() {
        execute("postgres", "SELECT pg_wal_replay_resume()");
    }

    @Override
    public boolean replayPaused() {
        return "t".equals(column("postgres", "SELECT pg_is_wal_replay_paused()").get(0));
    }

    @Override
    public String replayLsn() {
        return String.valueOf(
                column("postgres", "SELECT pg_last_wal_replay_lsn()").get(0));
    }

    @Override
    public void awaitReplay(Duration timeout) {
        String target = reachableInsertLsn();
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "none";
        while (true) {
            try (Connection c = connect("postgres");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + target
                            + "'::pg_lsn, pg_last_wal_replay_lsn()::text")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
                seen = rs.getString(2);
            } catch (SQLException e) {
                seen = "no answer (" + e.getMessage() + ")";
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(describe() + " did not replay up to " + target + " of the primary in "
                        + timeout.toMillis() + " ms: it is at " + seen
                        + (running() && pausedQuietly() ? " (replay is paused)" : ""));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + describe(), e);
            }
        }
    }

    /**
     * Returns the primary's insert position, less the page header it points past when nothing has been
     * written on that page yet (right after a WAL switch, such as the one {@code pg_backup_stop} makes):
     * a standby replays up to the end of the last record, so it would never reach the header's end.
     */
    private String reachableInsertLsn() {
        List<String> row = primary.column(
                primary.adminDatabase(),
                "SELECT pg_current_wal_insert_lsn()::text || ' ' || current_setting('wal_block_size')"
                        + " || ' ' || current_setting('wal_segment_size')");
        String[] parts = row.get(0).split(" ", -1);
        String[] lsn = parts[0].split("/", -1);
        long position = (Long.parseLong(lsn[0], 16) << 32) | Long.parseLong(lsn[1], 16);
        long block = Long.parseLong(parts[1]);
        long segment = parseSize(parts[2]);
        long inPage = position % block;
        if ((inPage == SHORT_PAGE_HEADER && position % segment != inPage)
                || (inPage == LONG_PAGE_HEADER && position % segment == inPage)) {
            position -= inPage;
        }
        return Long.toHexString(position >>> 32).toUpperCase(Locale.ROOT) + "/"
                + Long.toHexString(position & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
    }

    /** Reads {@code wal_segment_size} as {@code SHOW} prints it ({@code 16MB}). */
    private static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = t.endsWith("GB") ? 1L << 30 : t.endsWith("MB") ? 1L << 20 : t.endsWith("KB") ? 1L << 10 : 1;
        return Long.parseLong(t.replaceAll("[A-Z]", "")) * unit;
    }

    private boolean pausedQuietly() {
        try {
            return replayPaused();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private synchronized StartedServer server() {
        StartedServer current = server;
        if (current == null) {
            throw new IllegalStateException(describe() + " is stopped: call start() first");
        }
        return current;
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return primary.user();
    }

    @Override
    public String password() {
        return primary.password();
    }

    @Override
    public String adminDatabase() {
        return "postgres";
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return server().connect(database);
    }

    @Override
    public boolean keepsData() {
        return false;
    }

    @Override
    public String describe() {
        return ("standby (embedded PostgreSQL " + version + ") on localhost:" + port).replace("  ", " ");
    }

    @Override
    public PostgresStandby startStandby() {
        throw new IllegalStateException(
                describe() + " is a standby: start standbys of its primary (" + primary.describe() + ") instead");
    }

    @Override
    public String toString() {
        return describe();
    }

    private static void copyDataDirectory(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                String name = from.relativize(dir).toString();
                // The WAL streams over the slot; slots and statistics are the primary's own.
                if (name.equals("pg_wal") || name.equals("pg_replslot") || name.equals("pg_stat_tmp")) {
                    if (name.equals("pg_wal")) {
                        Files.createDirectories(target.resolve("archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (SKIPPED.contains(file.getFileName().toString()) && from.equals(file.getParent())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException gone) {
                    // Dropped while copying (a temporary file, a dropped relation): replay recreates what matters.
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static void dropSlot(PostgresServer primary, String slot) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try (Connection c = primary.connect(primary.adminDatabase());
                    Statement s = c.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "'");
                return;
            } catch (SQLException e) {
                // 55006: the walsender of the stopped standby has not let go of the slot yet.
                if (!"55006".equals(e.getSQLState()) || System.nanoTime() - deadline > 0) {
                    log.warn("{}: could not drop replication slot {}: {}", primary.describe(), slot, e.getMessage());
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int intValue(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("cannot delete the standby's data directory {}: {}", dir, e.toString());
        }
    }
}

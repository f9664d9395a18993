package dev.approuting.benchmarks;

import dev.approuting.core.AppName;
import dev.approuting.core.ConsistencyToken;
import dev.approuting.core.DbName;
import dev.approuting.core.ReaderHealth;
import dev.approuting.core.ReaderSettings;
import dev.approuting.core.RoutedDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jooq.Record2;

/**
 * Writes and reads with tokens under load while the standby's replay is paused and resumed: each client
 * writes a row, carries its token as text (as a cookie would) into the next requests, and reads the row
 * back through {@code reading(app)} several times. A read with a token that misses the row is a stale
 * read; reads started while replay ran (and had run for {@value #CATCH_UP_MS} ms since a resume) count
 * towards the share the replica serves when caught up.
 */
final class ReplicaLoadRun {
    static final int CLIENTS = 4;
    static final int READS_PER_WRITE = 4;
    static final long CATCH_UP_MS = 300;
    /** The bound a read with a token waits for the replica before it goes to the writer. */
    static final Duration MAX_WAIT = Duration.ofMillis(50);

    private static final AppName CATALOG = AppName.of("catalog");
    private static final String READ = "SELECT count(*), pg_is_in_recovery() FROM item WHERE id = ";

    /**
     * What a run saw.
     *
     * @param writes rows written
     * @param tokenReads reads made with a token
     * @param stale reads with a token that missed the row they were to see
     * @param caughtUpReads reads made while replay ran
     * @param caughtUpOnReplica of those, the ones the standby served
     * @param pausedOnReplica reads made while replay was paused that the standby served anyway (a token
     *     it had replayed)
     * @param pauses how often replay was paused
     * @param fallbacks the reader's fallback counter at the end
     * @param replayChecks how often reads asked the standby its replay position
     * @param seconds the run's length
     */
    record Result(
            long writes,
            long tokenReads,
            long stale,
            long caughtUpReads,
            long caughtUpOnReplica,
            long pausedOnReplica,
            int pauses,
            long fallbacks,
            long replayChecks,
            double seconds) {
        double replicaShare() {
            return caughtUpReads == 0 ? 0 : (double) caughtUpOnReplica / caughtUpReads;
        }
    }

    private ReplicaLoadRun() {}

    static Result run(Profile profile, Consumer<String> progress) {
        long phaseMs = profile.verbose() ? 3000 : 1500;
        int pauses = 2;
        try (ReplicaSetup setup = new ReplicaSetup();
                RoutedDatabases dbs = setup.open(ReaderSettings.defaults().withMaxWait(MAX_WAIT))) {
            AtomicLong ids = new AtomicLong(1_000_000);
            LongAdder writes = new LongAdder();
            LongAdder tokenReads = new LongAdder();
            LongAdder stale = new LongAdder();
            LongAdder caughtUp = new LongAdder();
            LongAdder caughtUpOnReplica = new LongAdder();
            LongAdder pausedOnReplica = new LongAdder();
            // Nanos since which replay has run, or Long.MAX_VALUE while it is paused.
            AtomicLong replayingSince = new AtomicLong(System.nanoTime());
            AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    String carried = "";
                    while (System.nanoTime() - stopAt.get() < 0) {
                        long id = ids.incrementAndGet();
                        ConsistencyToken sent = ConsistencyToken.parse(carried);
                        carried = dbs.withToken(sent, () -> {
                            dbs.transaction(CATALOG, tx -> tx.execute("INSERT INTO item VALUES (" + id + ", 'load')"));
                            return dbs.token().toString();
                        });
                        writes.increment();
                        for (int r = 0; r < READS_PER_WRITE; r++) {
                            long since = replayingSince.get();
                            boolean replaying = since != Long.MAX_VALUE
                                    && System.nanoTime() - since >= TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MS);
                            ConsistencyToken back = ConsistencyToken.parse(carried);
                            Record2<Long, Boolean> row = dbs.withToken(
                                    back,
                                    () -> dbs.reading(CATALOG)
                                            .fetchOne(READ + id)
                                            .into(
                                                    org.jooq.impl.DSL.field("count", Long.class),
                                                    org.jooq.impl.DSL.field("pg_is_in_recovery", Boolean.class)));
                            tokenReads.increment();
                            if (row.value1() != 1L) {
                                stale.increment();
                            }
                            boolean onReplica = Boolean.TRUE.equals(row.value2());
                            if (replaying) {
                                caughtUp.increment();
                                if (onReplica) {
                                    caughtUpOnReplica.increment();
                                }
                            } else if (since == Long.MAX_VALUE && onReplica) {
                                pausedOnReplica.increment();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int p = 0; p < pauses; p++) {
                sleep(phaseMs);
                setup.standby.pauseReplay();
                replayingSince.set(Long.MAX_VALUE);
                progress.accept("replica load: replay paused (" + writes.sum() + " writes so far)");
                sleep(phaseMs);
                setup.standby.resumeReplay();
                replayingSince.set(System.nanoTime());
                progress.accept("replica load: replay resumed");
            }
            sleep(phaseMs);
            stopAt.set(System.nanoTime());
            clients.shutdown();
            for (Future<?> f : running) {
                try {
                    f.get(phaseMs + 60_000, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("a replica load client failed: " + e, e);
                }
            }
            double seconds = Stats.millisSince(started) / 1000;
            ReaderHealth reader = dbs.health(DbName.of(ReplicaSetup.DB))
                    .reader()
                    .orElseThrow(() -> new IllegalStateException("the benchmark database has no reader"));
            return new Result(
                    writes.sum(),
                    tokenReads.sum(),
                    stale.sum(),
                    caughtUp.sum(),
                    caughtUpOnReplica.sum(),
                    pausedOnReplica.sum(),
                    pauses,
                    reader.fallbacks(),
                    reader.replayChecks(),
                    seconds);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

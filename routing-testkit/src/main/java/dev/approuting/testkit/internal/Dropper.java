package dev.approuting.testkit.internal;

import dev.approuting.core.DbName;
import dev.approuting.core.RoutingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops used clones on a thread of its own, at a lower priority than making new ones: a drop waits
 * while a clone is being made (both take the server's database-level locks and write the catalog), so
 * the next test's clone is never queued behind a drop. A drop waits at most {@link #MAX_DEFER_MS}, so
 * used clones cannot pile up while clones are made without pause. What is still queued when the run
 * ends is handed to the runtime, which drops it before the JVM exits (or leaves it with a throw-away
 * server); a killed JVM's clones are swept by the next run's start.
 */
final class Dropper {
    private static final Logger log = LoggerFactory.getLogger(Dropper.class);
    /** The longest a drop waits for clones in progress. */
    static final long MAX_DEFER_MS = 2_000;

    private record Drop(String database, DbName db) {}

    private final ServerAdmin admin;
    private final AtomicInteger cloning = new AtomicInteger();
    private final LinkedBlockingQueue<Drop> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    Dropper(ServerAdmin admin) {
        this.admin = admin;
        this.thread = new Thread(this::run, "approuting-testkit-drop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Notes that a clone is being made; drops wait until {@link #cloned()}. */
    void cloning() {
        cloning.incrementAndGet();
    }

    /** Notes that a clone was made (or failed). */
    void cloned() {
        cloning.decrementAndGet();
    }

    /** Queues {@code clone} to be dropped, or drops it now when the run is ending. */
    void drop(String clone, DbName db) {
        if (closed) {
            dropQuietly(new Drop(clone, db));
            return;
        }
        queue.offer(new Drop(clone, db));
    }

    private void run() {
        try {
            while (!closed) {
                Drop drop = queue.poll(100, TimeUnit.MILLISECONDS);
                if (drop == null) {
                    continue;
                }
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_DEFER_MS);
                while (cloning.get() > 0 && System.nanoTime() - deadline < 0 && !closed) {
                    Thread.sleep(2);
                }
                dropQuietly(drop);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dropQuietly(Drop drop) {
        try {
            admin.drop(drop.database(), drop.db());
        } catch (RoutingException e) {
            log.warn("{}: could not drop test database {}: {}", drop.db(), drop.database(), e.getMessage());
        }
    }

    /** Stops the thread (after the drop in progress) and returns the clones still queued. */
    List<String> close() {
        closed = true; // the thread ends within its poll interval, after the drop in hand
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Drop> left = new ArrayList<>();
        queue.drainTo(left);
        List<String> names = new ArrayList<>();
        for (Drop drop : left) {
            names.add(drop.database());
        }
        return names;
    }
}

package dev.approuting.core.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one task per item on a bounded pool of daemon threads and returns the results in item order: how
 * migrate-all, status and the admin page work on several logical databases at once.
 *
 * <pre>{@code
 * List<DatabaseStatus> statuses = Parallel.map(databases, 4, "routing-status", this::status);
 * }</pre>
 */
public final class Parallel {
    private Parallel() {}

    /**
     * Applies {@code work} to each item, at most {@code threads} at once. {@code work} should not throw;
     * if it does, the exception is rethrown after all items finished.
     */
    public static <T, R> List<R> map(List<T> items, int threads, String name, Function<T, R> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        if (threads <= 1 || items.size() == 1) {
            return items.stream().map(work).toList();
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(get(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <R> R get(Future<R> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the databases", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}

package dev.approuting.testkit.internal;

import dev.approuting.testkit.RoutingTest;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the default PostgreSQL server (the one {@code @RoutingTest} uses without {@code postgres = …})
 * when JUnit opens its launcher session, so the server starts while JUnit discovers the tests instead
 * of after. Registered through {@code META-INF/services} as a {@link LauncherSessionListener} (JUnit
 * Platform 1.8 and later, JUnit 6 included) and as a {@link TestExecutionListener}: when the test plan
 * holds no {@code @RoutingTest} class, the server is stopped again before the tests run.
 *
 * <p>The first {@code @RoutingTest} class takes the same server (it waits for a start in progress);
 * the server stops when the session closes. Switch it off with {@code -Dapprouting.test.startEarly=false}.
 */
public final class EarlyStart implements LauncherSessionListener, TestExecutionListener {
    private static final Logger log = LoggerFactory.getLogger(EarlyStart.class);
    /** The system property that switches the early start off. */
    public static final String PROPERTY = "approuting.test.startEarly";

    private static final Object LOCK = new Object();
    private static @Nullable Thread starting;
    private static TestRuntime.@Nullable Lease lease;

    /** Creates the listener; JUnit's launcher calls this. */
    public EarlyStart() {}

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return;
        }
        synchronized (LOCK) {
            if (starting != null || lease != null) {
                return; // a session inside a session (EngineTestKit) shares the outer one's server
            }
            Thread thread = new Thread(EarlyStart::start, "approuting-testkit-early-start");
            thread.setDaemon(true);
            starting = thread;
            thread.start();
        }
    }

    private static void start() {
        try {
            TestRuntime.Lease started = TestRuntime.lease("");
            synchronized (LOCK) {
                lease = started;
            }
        } catch (RuntimeException e) {
            // The first @RoutingTest starts it again and reports the failure as the test's own.
            log.debug("the PostgreSQL server for @RoutingTest did not start early: {}", e.getMessage());
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (!usesTheTestkit(plan)) {
            release();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        release();
    }

    /** Waits for a start in progress and gives the lease back (the server stops unless a test class holds it). */
    private static void release() {
        Thread thread;
        synchronized (LOCK) {
            thread = starting;
        }
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        TestRuntime.Lease held;
        synchronized (LOCK) {
            held = lease;
            lease = null;
            starting = null;
        }
        if (held != null) {
            held.close();
        }
    }

    /** Returns whether a class of the plan (or of a test method in it) is a {@code @RoutingTest}. */
    private static boolean usesTheTestkit(TestPlan plan) {
        Deque<TestIdentifier> todo = new ArrayDeque<>(plan.getRoots());
        while (!todo.isEmpty()) {
            TestIdentifier id = todo.pop();
            TestSource source = id.getSource().orElse(null);
            Class<?> type = null;
            try {
                if (source instanceof ClassSource c) {
                    type = c.getJavaClass();
                } else if (source instanceof MethodSource m) {
                    type = m.getJavaClass();
                }
            } catch (RuntimeException e) {
                return true; // cannot tell: keep the server
            }
            if (type != null) {
                if (AnnotationSupport.isAnnotated(type, RoutingTest.class)) {
                    return true;
                }
                continue; // the class answers for its methods
            }
            todo.addAll(plan.getChildren(id));
        }
        return false;
    }
}

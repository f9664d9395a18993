package dev.approuting.compat;

import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.testkit.internal.TestRuntime;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs the classes of a {@link Check}: leases the testkit's server for the JVM (started by the first
 * class, stopped when the JVM's tests end), records each class's outcome under the check's name, and
 * writes the results file after every class, so a failing or crashing check still leaves one.
 *
 * <p>Reads the system properties {@code approuting.compat.major} (the PostgreSQL major this JVM must
 * run on) and {@code approuting.compat.results} (the directory of the results files, default
 * {@code target/compatibility}).
 */
public final class CompatibilityExtension
        implements BeforeAllCallback, AfterAllCallback, TestWatcher, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(CompatibilityExtension.class);
    private static final String FAILURES = "failures";
    private static final String SUCCESSES = "successes";

    /** Creates the extension; JUnit calls this. */
    public CompatibilityExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store classStore = context.getStore(NAMESPACE);
        classStore.put(FAILURES, new AtomicInteger());
        classStore.put(SUCCESSES, new AtomicInteger());
        Session session = session(context);
        session.run();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store classStore = context.getStore(NAMESPACE);
        int failures = classStore
                .getOrComputeIfAbsent(FAILURES, k -> new AtomicInteger(), AtomicInteger.class)
                .get();
        int successes = classStore
                .getOrComputeIfAbsent(SUCCESSES, k -> new AtomicInteger(), AtomicInteger.class)
                .get();
        boolean passed = failures == 0
                && successes > 0
                && context.getExecutionException().isEmpty();
        Session session = session(context);
        session.results.check(checkName(context), passed);
        session.results.write();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        count(context, SUCCESSES);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        count(context, FAILURES);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        count(context, FAILURES);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        count(context, FAILURES);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CompatibilityRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return session(context).run();
    }

    private static void count(ExtensionContext context, String key) {
        ExtensionContext classContext = context.getParent().orElse(context);
        classContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> new AtomicInteger(), AtomicInteger.class)
                .incrementAndGet();
    }

    private static String checkName(ExtensionContext context) {
        Check check = context.getRequiredTestClass().getAnnotation(Check.class);
        return check != null ? check.value() : context.getRequiredTestClass().getSimpleName();
    }

    private static Session session(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Session.class, k -> new Session(), Session.class);
    }

    /** The JVM's results and, once a class asked for it, its server; closed when the JVM's tests end. */
    private static final class Session implements AutoCloseable {
        final CompatibilityResults results;
        private final int major;
        private TestRuntime.@Nullable Lease lease;
        private @Nullable CompatibilityRun run;

        Session() {
            this.major = Integer.getInteger("approuting.compat.major", 0);
            this.results = new CompatibilityResults(
                    Path.of(System.getProperty("approuting.compat.results", "target/compatibility")), major);
        }

        synchronized CompatibilityRun run() {
            CompatibilityRun current = run;
            if (current != null) {
                return current;
            }
            TestRuntime.Lease taken = TestRuntime.lease("");
            lease = taken;
            CompatibilityRun started = new CompatibilityRun(taken.runtime(), results);
            if (major != 0 && started.major() != major) {
                throw RoutingException.of(
                        ErrorCode.INVALID_CONFIGURATION,
                        "this run must test PostgreSQL " + major + " but the server is " + started.major()
                                + ": set approuting.test.postgres=embedded:" + major
                                + " and put that major's binaries on the class path");
            }
            run = started;
            return started;
        }

        @Override
        public synchronized void close() {
            results.write();
            TestRuntime.Lease taken = lease;
            if (taken != null) {
                taken.close();
            }
        }
    }
}

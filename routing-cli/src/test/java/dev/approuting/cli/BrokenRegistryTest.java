package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import dev.approuting.core.spi.RegistryProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A registry that fails to build reaches the operator as the routing error it is (exit code 2, its message,
 * no stack trace unless {@code --stacktrace}), also when it fails in a class initialiser. Each test takes a
 * registry class of its own, since a class whose initialiser failed stays failed for the whole JVM.
 */
class BrokenRegistryTest {
    /** A router listing an app twice: the registry refuses to build. */
    static DbRouterRegistry build() {
        return DbRouterRegistry.builder()
                .router(PerAppDbRouter.forDb("orders").apps("sales", "sales").build())
                .build();
    }

    static final class FirstUse {
        static final DbRouterRegistry REGISTRY = build();
    }

    static final class LaterUse {
        static final DbRouterRegistry REGISTRY = build();
    }

    static final class WithStackTrace {
        static final DbRouterRegistry REGISTRY = build();
    }

    static final class ThroughProvider {
        static final DbRouterRegistry REGISTRY = build();
    }

    /** Found with --registry-class; returns a registry from a static field that fails. */
    public static final class BrokenProvider implements RegistryProvider {
        @Override
        public DbRouterRegistry registry() {
            return ThroughProvider.REGISTRY;
        }
    }

    private record Run(int exit, String out, String err) {}

    private static Run routing(@Nullable Supplier<DbRouterRegistry> registry, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RoutingCommandLine.runWith(registry, Map.of(), new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aRegistryFailingInItsClassInitialiserIsReportedWithItsMessageAndExit2() {
        Run run = routing(() -> FirstUse.REGISTRY, "status", "--namespace", "test");

        assertThat(run.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(run.err())
                .startsWith("error: the registry failed to build in the static initialiser of "
                        + FirstUse.class.getName() + ": ")
                .contains("lists an app twice for database 'orders'")
                .contains("Build the registry in a method")
                .doesNotContain("ExceptionInInitializerError")
                .doesNotContain("\tat ");
    }

    @Test
    void laterUsesOfTheFailedClassSayWhyToo() {
        routing(() -> LaterUse.REGISTRY, "status", "--namespace", "test");

        Run again = routing(() -> LaterUse.REGISTRY, "validate", "--namespace", "test");

        assertThat(again.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(again.err())
                .startsWith(
                        "error: the registry failed to build: could not initialize class " + LaterUse.class.getName())
                .contains("its static initialiser threw earlier in this JVM")
                .doesNotContain("\tat ");
    }

    @Test
    void theStackTraceOnlyWhenAsked() {
        Run run = routing(() -> WithStackTrace.REGISTRY, "status", "--namespace", "test", "--stacktrace");

        assertThat(run.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(run.err()).contains("lists an app twice").contains("\tat ").contains("ExceptionInInitializerError");
        assertThat(routing(null, "--help").out()).contains("--stacktrace");
    }

    @Test
    void aProviderFoundByNameAndARegistryThrowingDirectlyAreReportedAlike() {
        Run provider =
                routing(null, "status", "--namespace", "test", "--registry-class", BrokenProvider.class.getName());
        Run direct = routing(BrokenRegistryTest::build, "status", "--namespace", "test");

        assertThat(provider.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(provider.err())
                .contains("static initialiser of " + ThroughProvider.class.getName())
                .contains("lists an app twice");
        assertThat(direct.exit()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(direct.err()).startsWith("error: router ").contains("lists an app twice");
    }
}

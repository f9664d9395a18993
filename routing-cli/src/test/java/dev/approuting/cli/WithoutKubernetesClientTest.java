package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.cli.internal.ClusterApply;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes client is an optional dependency: the command line and {@code DatabaseProvisioner},
 * loaded by a class loader whose class path is this test's minus every {@code io.fabric8} artifact,
 * still work, and {@code init-db --apply-to-cluster} says which artifacts to add.
 */
class WithoutKubernetesClientTest {
    private static URLClassLoader loader;
    private static int removed;

    @TempDir
    Path dir;

    @BeforeAll
    static void loaderWithoutFabric8() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            Path path = Path.of(entry);
            boolean fabric8 =
                    path.toString().contains(File.separator + "io" + File.separator + "fabric8" + File.separator);
            // The test classes refer to fabric8 and register a registry provider: leave them out too.
            boolean testClasses = path.endsWith(Path.of("target", "test-classes"));
            if (fabric8 || testClasses) {
                removed++;
            } else {
                urls.add(path.toUri().toURL());
            }
        }
        loader = new URLClassLoader("without-fabric8", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void close() throws Exception {
        loader.close();
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run routing(String... args) throws Exception {
        Class<?> cli = Class.forName(RoutingCommandLine.class.getName(), true, loader);
        Class<?> registry = Class.forName("dev.approuting.core.DbRouterRegistry", false, loader);
        Method runWith =
                cli.getDeclaredMethod("runWith", registry, PrintWriter.class, PrintWriter.class, String[].class);
        runWith.setAccessible(true);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            int code = (int) runWith.invoke(null, null, new PrintWriter(out), new PrintWriter(err), args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void theLoaderReallyLacksTheKubernetesClient() {
        assertThat(removed).as("class path entries left out").isGreaterThan(1);
        assertThatThrownBy(() -> Class.forName(ClusterApply.CLIENT_CLASS, false, loader))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(Arrays.stream(loader.getURLs()).map(URL::toString)).noneMatch(url -> url.contains("fabric8"));
    }

    @Test
    void helpOfTheCommandLineAndOfInitDb() throws Exception {
        Run root = routing("--help");
        assertThat(root.exitCode()).as(root.err()).isZero();
        assertThat(root.out()).contains("init-db", "lint", "status");

        Run initDb = routing("init-db", "--help");
        assertThat(initDb.exitCode()).as(initDb.err()).isZero();
        assertThat(initDb.out()).contains("--apply-to-cluster", "--admin-password-file");
    }

    @Test
    void lint() throws Exception {
        Path file = Files.writeString(dir.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);\n");

        Run lint = routing("lint", file.toString());

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
        assertThat(lint.out()).contains("1 file(s), 1 statement(s)");
    }

    @Test
    void applyToClusterNamesTheArtifactsToAddAndExits2() throws Exception {
        Path password = Files.writeString(dir.resolve("admin-password"), "never-used\n");

        Run run = routing(
                "init-db",
                "--admin-url",
                "jdbc:postgresql://127.0.0.1:1/postgres",
                "--admin-user",
                "postgres",
                "--admin-password-file",
                password.toString(),
                "--db",
                "orders",
                "--app",
                "sales",
                "--namespace",
                "prod",
                "--apply-to-cluster");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(RoutingCommandLine.USAGE);
        assertThat(run.err())
                .contains("--apply-to-cluster needs the Kubernetes client")
                .contains("io.fabric8:kubernetes-client")
                .contains("io.fabric8:kubernetes-httpclient-jdk");
    }

    @Test
    void databaseProvisionerLoadsAndConfiguresWithoutTheClient() throws Throwable {
        Class<?> provisioner = Class.forName("dev.approuting.flyway.provision.DatabaseProvisioner", true, loader);
        Class<?> builder = Class.forName("dev.approuting.flyway.provision.DatabaseProvisioner$Builder", true, loader);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodHandle configure = lookup.findStatic(
                provisioner, "configure", MethodType.methodType(builder, String.class, String.class, String.class));
        MethodHandle secretsDir = lookup.findVirtual(builder, "secretsDir", MethodType.methodType(builder, Path.class));
        MethodHandle load = lookup.findVirtual(builder, "load", MethodType.methodType(provisioner));

        Object configured = load.invoke(
                secretsDir.invoke(configure.invoke("jdbc:postgresql://127.0.0.1:1/postgres", "postgres", "pw"), dir));

        assertThat(configured.getClass().getClassLoader()).isSameAs(loader);
    }
}

package dev.approuting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code routing --version}: the version and git commit the build wrote into {@code version.properties}. */
class VersionOptionTest {
    @Test
    void printsTheBuiltVersionTheGitCommitAndTheJavaRuntime() {
        DbRouterRegistry registry = DbRouterRegistry.builder()
                .adminService("backoffice")
                .router(PerAppDbRouter.forDb("store").apps("storefront").build())
                .build();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = RoutingCommandLine.run(registry, new PrintWriter(out), new PrintWriter(err), "--version");

        assertThat(code).as(err.toString()).isZero();
        // The build filled the placeholders in: a Maven version, and a commit id (or "unknown" outside git).
        assertThat(out.toString())
                .matches("(?s)routing \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"
                        + "commit ([0-9a-f]{40}|unknown)\\R"
                        + "Java " + System.getProperty("java.version").replace(".", "\\.") + " \\(.*\\)\\R")
                .doesNotContain("${");
    }
}

package dev.approuting.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbRouterRegistry;
import dev.approuting.core.PerAppDbRouter;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code deploy-check --cluster} against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class DeployCheckClusterTest {
    private static final DbRouterRegistry REGISTRY = DbRouterRegistry.builder()
            .adminService("backoffice")
            .router(PerAppDbRouter.forDb("store").apps("storefront").build())
            .router(PerAppDbRouter.forDb("payments").apps("payments").build())
            .service("store/web", "store", "payments")
            .build();

    @SuppressWarnings("NullAway.Init") // injected by the mock-client extension
    static KubernetesMockServer server;

    @SuppressWarnings("NullAway.Init") // injected by the mock-client extension
    static KubernetesClient client;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(REGISTRY, new PrintWriter(out), new PrintWriter(err), Map.of());
        CommandLine cli = new CommandLine(
                new DeployCheckCommand(context, check -> KubernetesSecrets.deployCheck(check, server::createClient)));
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void secret(String namespace, String name) {
        String json = "{\"host\":\"db\",\"port\":5432,\"dbname\":\"x\",\"user\":\"u\",\"password\":\"p\"}";
        client.secrets()
                .inNamespace(namespace)
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .endMetadata()
                        .addToData(
                                "creds.json", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                        .build())
                .create();
    }

    @Test
    void aDatabaseDeployedBeforeItsSecretExistsInTheClusterFailsAndPassesOnceItDoes() throws Exception {
        StringWriter values = new StringWriter();
        new CommandLine(new DeployConfigCommand(new CliContext(
                        REGISTRY, new PrintWriter(values), new PrintWriter(new StringWriter()), Map.of())))
                .execute("--service", "store/web", "--namespace", "prod");
        Path file = Files.writeString(dir.resolve("store-web.yaml"), values.toString());
        secret("prod", "prod-db-store-creds");
        secret("staging", "staging-db-payments-creds");

        Run missing = run(file.toString(), "--cluster");

        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(CliContext.FAILED);
        assertThat(missing.out())
                .contains(file + ":")
                .contains("service 'store/web' deploys database 'payments' to namespace 'prod', but its secret"
                        + " prod-db-payments-creds does not exist in the cluster at")
                .doesNotContain("'store' to namespace");

        secret("prod", "prod-db-payments-creds");
        Run present = run(file.toString(), "--cluster");
        assertThat(present.exitCode()).as(present.out() + present.err()).isZero();
    }
}

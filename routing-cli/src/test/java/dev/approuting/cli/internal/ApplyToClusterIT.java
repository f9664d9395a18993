package dev.approuting.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import dev.approuting.fixtures.TestServers;
import dev.approuting.testkit.postgres.PostgresExtension;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code init-db --apply-to-cluster} against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class ApplyToClusterIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.of(TestServers.passwordAuthentication());

    @SuppressWarnings("NullAway.Init") // injected by the mock-client extension
    static KubernetesMockServer server;

    @SuppressWarnings("NullAway.Init") // injected by the mock-client extension
    static KubernetesClient client;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private Run run(Supplier<KubernetesClient> cluster, Map<String, String> env, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new InitDbCommand(
                new PrintWriter(out),
                Optional::empty,
                env,
                (provisioner, db, namespaces) -> KubernetesSecrets.initDb(provisioner, db, namespaces, cluster)));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String db, String... more) throws Exception {
        return run(server::createClient, Map.of(), args(db, more));
    }

    private List<String> args(String db, String... more) throws Exception {
        Path passwordFile = dir.resolve("admin-password");
        Files.writeString(passwordFile, "not-needed-with-trust\n");
        List<String> args = new ArrayList<>(List.of(
                "--admin-url",
                pg.jdbcUrl("postgres"),
                "--admin-user",
                "postgres",
                "--admin-password-file",
                passwordFile.toString(),
                "--db",
                db,
                "--app",
                "inventory",
                "--apply-to-cluster"));
        args.addAll(List.of(more));
        return args;
    }

    private static Secret secret(String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        assertThat(secret).as("secret %s/%s", namespace, name).isNotNull();
        return secret;
    }

    private static DbCredentials credentials(Secret secret, DbName db) {
        String json =
                new String(Base64.getDecoder().decode(secret.getData().get("creds.json")), StandardCharsets.UTF_8);
        return DbCredentials.fromSecretJson(db, "test", json);
    }

    @Test
    void appliesOneSecretPerNamespaceThenChangesNothingThenRotates() throws Exception {
        DbName db = DbName.of("kube");

        Run first = run("kube", "--namespace", "prod", "--namespace", "staging-eu");

        assertThat(first.exitCode()).as(first.err()).isZero();
        Secret prod = secret("prod", "prod-db-kube-creds");
        Secret staging = secret("staging-eu", "staging-eu-db-kube-creds");
        assertThat(prod.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "approuting")
                .containsEntry("approuting.dev/database", "kube");
        DbCredentials prodCreds = credentials(prod, db);
        DbCredentials stagingCreds = credentials(staging, db);
        assertThat(prodCreds.user()).isEqualTo("kube_prod_0001");
        assertThat(prodCreds.dbname()).isEqualTo("kube");
        assertThat(prodCreds.setRole()).isEqualTo("kube_owner");
        assertThat(stagingCreds.user()).isEqualTo("kube_staging_eu_0001");
        assertThat(prodCreds.password()).isNotEqualTo(stagingCreds.password());
        try (Connection c = TestServers.connect(pg, "kube", prodCreds.user(), prodCreds.password())) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThat(first.out())
                .contains("created  secret prod/prod-db-kube-creds in the cluster")
                .doesNotContain(prodCreds.password())
                .doesNotContain(stagingCreds.password());

        // No secrets directory: the second run reads the passwords back from the cluster.
        Run second = run("kube", "--namespace", "prod", "--namespace", "staging-eu");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("nothing to change").contains("password kept");
        Secret prodAgain = secret("prod", "prod-db-kube-creds");
        assertThat(prodAgain.getMetadata().getResourceVersion())
                .isEqualTo(prod.getMetadata().getResourceVersion());
        assertThat(credentials(prodAgain, db).password()).isEqualTo(prodCreds.password());

        Run rotated = run("kube", "--namespace", "prod", "--namespace", "staging-eu", "--rotate");

        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("changed  secret prod/prod-db-kube-creds in the cluster");
        DbCredentials newProd = credentials(secret("prod", "prod-db-kube-creds"), db);
        assertThat(newProd.user()).isEqualTo("kube_prod_0002");
        assertThat(newProd.password()).isNotEqualTo(prodCreds.password());
        assertThat(rotated.out()).doesNotContain(newProd.password());
        try (Connection c = TestServers.connect(pg, "kube", newProd.user(), newProd.password())) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThat(client.secrets().inAnyNamespace().list().getItems()).hasSize(2);
    }

    @Test
    void keepsOtherKeysOfAnExistingSecretAndFixesItsContent() throws Exception {
        client.secrets()
                .inNamespace("ops")
                .resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                        .withNewMetadata()
                        .withName("ops-db-kept-creds")
                        .withNamespace("ops")
                        .addToAnnotations("team", "payments")
                        .endMetadata()
                        .addToData("other", Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8)))
                        .build())
                .create();

        Run run = run("kept", "--namespace", "ops");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Secret secret = secret("ops", "ops-db-kept-creds");
        assertThat(secret.getData()).containsKeys("other", "creds.json");
        assertThat(secret.getMetadata().getAnnotations()).containsEntry("team", "payments");
        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "approuting");
        assertThat(credentials(secret, DbName.of("kept")).user()).isEqualTo("kept_ops_0001");
    }

    @Test
    void refusesClearlyWhenNoClusterIsConfigured() throws Exception {
        assumeFalse(Files.exists(Path.of(System.getProperty("user.home"), ".kube", "config")));
        Map<String, String> noCluster = Map.of();

        Run run = run(
                () -> KubernetesSecrets.defaultClient(noCluster), noCluster, args("nocluster", "--namespace", "prod"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("found no Kubernetes cluster").contains("--manifests-dir");
    }
}

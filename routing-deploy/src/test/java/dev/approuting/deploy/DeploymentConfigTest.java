package dev.approuting.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.approuting.core.DbName;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.deploy.internal.Render;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentConfigTest {
    private static final DeploymentConfig PROD =
            DeploymentConfig.configure(Shop.REGISTRY).namespace("prod").load();

    @Test
    void aServiceIsDeployedWithTheDatabasesItDeclaresEachAWholeSecretVolume() {
        ServiceDeployment api = PROD.service("shop/api");

        assertThat(api.dbs()).containsExactly(DbName.of("shop"), DbName.of("ledger"));
        assertThat(api.secrets())
                .containsExactly(
                        new SecretMount(
                                DbName.of("shop"),
                                "prod-db-shop-creds",
                                "db-shop",
                                "/var/run/secrets/db/prod-db-shop-creds"),
                        new SecretMount(
                                DbName.of("ledger"),
                                "prod-db-ledger-creds",
                                "db-ledger",
                                "/var/run/secrets/db/prod-db-ledger-creds"));
        assertThat(api.workloadName()).isEqualTo("shop-api");
    }

    @Test
    void helmValuesNameTheServiceListTheDatabasesAndMountEachSecretWhole() {
        assertThat(PROD.service("shop/api").helmValues()).isEqualTo("""
                        # shop/api in namespace prod: its databases and their secrets, derived from the registry.
                        # Whole-secret volumes (no subPath, no environment variables), so rotated passwords reach the pod.
                        approuting:
                          service: shop/api
                          namespace: prod
                          secretsDir: /var/run/secrets/db
                        dbs:
                          - shop
                          - ledger
                        volumes:
                          - name: db-shop
                            secret:
                              secretName: prod-db-shop-creds
                          - name: db-ledger
                            secret:
                              secretName: prod-db-ledger-creds
                        volumeMounts:
                          - name: db-shop
                            mountPath: /var/run/secrets/db/prod-db-shop-creds
                            readOnly: true
                          - name: db-ledger
                            mountPath: /var/run/secrets/db/prod-db-ledger-creds
                            readOnly: true
                        """);
    }

    @Test
    void theDeploymentPatchAnnotatesTheServiceAndItsDatabasesAndMountsInTheServicesContainer() {
        String patch = DeploymentConfig.configure(Shop.REGISTRY)
                .namespace("staging-eu")
                .secretsDir("/secrets")
                .load()
                .service("shop/worker")
                .deploymentPatch();

        assertThat(patch).endsWith("""
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: shop-worker
                          namespace: staging-eu
                          annotations:
                            approuting.dev/service: shop/worker
                            approuting.dev/databases: shop
                        spec:
                          template:
                            spec:
                              containers:
                                - name: shop-worker
                                  volumeMounts:
                                    - name: db-shop
                                      mountPath: /secrets/staging-eu-db-shop-creds
                                      readOnly: true
                              volumes:
                                - name: db-shop
                                  secret:
                                    secretName: staging-eu-db-shop-creds
                        """);
    }

    @Test
    void jsonCarriesTheSameForOtherTools() throws Exception {
        JsonNode json = new ObjectMapper().readTree(PROD.service("shop/api").json());

        assertThat(json.get("service").asText()).isEqualTo("shop/api");
        assertThat(json.get("namespace").asText()).isEqualTo("prod");
        assertThat(json.get("dbs")).hasSize(2);
        assertThat(json.get("secrets").get(1).get("mountPath").asText())
                .isEqualTo("/var/run/secrets/db/prod-db-ledger-creds");
    }

    @Test
    void theAdminServiceGetsEveryDatabaseOfItsAdminViewAndDevOnlyOnesOnlyInDevelopment() {
        assertThat(PROD.adminService().dbs()).extracting(DbName::value).containsExactly("shop", "ledger", "legacy");

        DeploymentConfig dev = DeploymentConfig.configure(Shop.REGISTRY)
                .namespace("dev")
                .environment(Environment.DEVELOPMENT)
                .load();
        assertThat(dev.service("ops").dbs())
                .extracting(DbName::value)
                .containsExactly("shop", "ledger", "legacy", "scratch");
        assertThat(PROD.services())
                .extracting(ServiceDeployment::service)
                .containsExactly(ServiceName.of("shop/api"), ServiceName.of("shop/worker"), ServiceName.of("ops"));
    }

    @Test
    void anUnknownServiceGetsTheClosestName() {
        assertThatThrownBy(() -> PROD.service("shop/apl"))
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ROUTING);
                    assertThat(e.service()).contains(ServiceName.of("shop/apl"));
                })
                .hasMessageContaining("service 'shop/apl' is not in the registry (did you mean 'shop/api'?)")
                .hasMessageContaining("'ops'");
    }

    @Test
    void badSettingsAreReportedAllAtOnce() {
        assertThatThrownBy(() -> DeploymentConfig.configure(Shop.REGISTRY)
                        .secretsDir("secrets/")
                        .load())
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("2 deployment settings problems")
                .hasMessageContaining("give namespace(ns)")
                .hasMessageContaining("'secrets/' is not an absolute path");
        assertThatThrownBy(() -> DeploymentConfig.configure(Shop.REGISTRY)
                        .namespace("Prod")
                        .load())
                .hasMessageContaining("invalid namespace name 'Prod'");
    }

    @Test
    void theMigrateJobMountsEveryAdminSecretAndFailsAtOnceOnTheCommandsFailureExitCodes() {
        MigrateJob job = DeploymentConfig.configure(Shop.REGISTRY)
                .namespace("ops")
                .load()
                .migrateJob("registry.example.com/ops:1.4.0")
                .withCommand(List.of("java", "-jar", "/app/ops.jar"))
                .withDeadline(Duration.ofMinutes(20));

        assertThat(job.args())
                .containsExactly("migrate-all", "--secrets-dir", "/var/run/secrets/db", "--namespace", "ops");
        assertThat(job.yaml())
                .contains("kind: Job")
                .contains("  namespace: ops\n")
                .contains("  activeDeadlineSeconds: 1200\n")
                .contains("""
                              - action: FailJob
                                onExitCodes:
                                  containerName: migrate-all
                                  operator: In
                                  values: [1, 2]
                        """)
                .contains("          image: registry.example.com/ops:1.4.0\n")
                .contains("          command: [java, \"-jar\", /app/ops.jar]\n")
                .contains(
                        "          args: [migrate-all, \"--secrets-dir\", /var/run/secrets/db, \"--namespace\", ops]\n")
                .contains("              cpu: 500m\n")
                .contains(
                        "secretName: ops-db-shop-creds",
                        "secretName: ops-db-ledger-creds",
                        "secretName: ops-db-legacy-creds")
                .doesNotContain("scratch")
                .contains("helm.sh/hook: post-install,post-upgrade");
    }

    @Test
    void badJobValuesAreReportedAllAtOnce() {
        MigrateJob job = PROD.migrateJob("ops:1");

        assertThatThrownBy(() -> new MigrateJob(job.admin(), job.image(), List.of(), Duration.ZERO, "half", "1 GB", -1))
                .hasMessageContaining("4 problems with the migrate-all Job")
                .hasMessageContaining("withDeadline(deadline)")
                .hasMessageContaining("the CPU request 'half'")
                .hasMessageContaining("the memory '1 GB'")
                .hasMessageContaining("withBackoffLimit(n)");
        assertThatThrownBy(() -> PROD.migrateJob(" ")).hasMessageContaining("migrateJob(image)");
    }

    @Test
    void kubernetesNamesStayWithinSixtyThreeCharactersAndDistinct() {
        String longName = "a".repeat(70);
        String other = "a".repeat(69) + "b";

        assertThat(Render.kubernetesName("crawler/pypi_mirror")).isEqualTo("crawler-pypi-mirror");
        assertThat(Render.kubernetesName(longName)).hasSizeLessThanOrEqualTo(63).doesNotEndWith("-");
        assertThat(Render.kubernetesName(longName)).isNotEqualTo(Render.kubernetesName(other));
        assertThat(Render.volumeName(DbName.of("a_")))
                .doesNotEndWith("-")
                .isNotEqualTo(Render.volumeName(DbName.of("a")));
    }
}

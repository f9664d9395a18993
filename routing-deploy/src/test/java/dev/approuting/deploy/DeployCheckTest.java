package dev.approuting.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.DbName;
import dev.approuting.core.Environment;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceName;
import dev.approuting.deploy.DeployFinding.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCheckTest {
    @TempDir
    Path dir;

    private Path values;
    private Path manifest;

    @BeforeEach
    void renderTheShopsDeployment() throws IOException {
        DeploymentConfig prod =
                DeploymentConfig.configure(Shop.REGISTRY).namespace("prod").load();
        Files.createDirectories(dir.resolve("values"));
        Files.createDirectories(dir.resolve("manifests"));
        for (ServiceDeployment service : prod.services()) {
            Files.writeString(dir.resolve("values/" + service.workloadName() + ".yaml"), service.helmValues());
            Files.writeString(dir.resolve("manifests/" + service.workloadName() + ".yaml"), service.deploymentPatch());
        }
        String job = DeploymentConfig.configure(Shop.REGISTRY)
                .namespace("ops")
                .load()
                .migrateJob("ops:1")
                .yaml();
        Files.writeString(dir.resolve("manifests/migrate-all.yaml"), job);
        values = dir.resolve("values/shop-api.yaml");
        manifest = dir.resolve("manifests/shop-api.yaml");
    }

    private DeployCheckReport check(String... files) {
        return DeployCheck.configure(Shop.REGISTRY)
                .baseDirectory(dir)
                .files(files)
                .load()
                .check();
    }

    private void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("%s holds %s", file, from).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    @Test
    void whatDeploymentConfigRendersPassesAndEveryDeploymentIsFound() {
        DeployCheckReport report = check("**/*.yaml");

        assertThat(report.findings()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.files()).hasSize(7);
        assertThat(report.deployments())
                .extracting(d -> d.service().value() + " " + d.kind() + " " + d.namespace() + " " + d.dbs())
                .containsExactlyInAnyOrder(
                        "shop/api values prod [shop, ledger]",
                        "shop/worker values prod [shop]",
                        "ops values prod [shop, ledger, legacy]",
                        "shop/api Deployment prod [shop, ledger]",
                        "shop/worker Deployment prod [shop]",
                        "ops Deployment prod [shop, ledger, legacy]",
                        "ops Job ops [shop, ledger, legacy]");
        assertThat(report.orThrow()).isSameAs(report);
    }

    @Test
    void aListLackingADeclaredDatabaseNamesTheServiceFileLineAndDatabase() throws IOException {
        edit(values, "  - ledger\n", "");

        DeployCheckReport report = check("values/shop-api.yaml");

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.DATABASE_NOT_LISTED);
            assertThat(f.service()).isEqualTo(ServiceName.of("shop/api"));
            assertThat(f.db()).isEqualTo(DbName.of("ledger"));
            assertThat(f.file()).isEqualTo(values);
            assertThat(f.line()).isEqualTo(lineOf(values, "dbs:"));
            assertThat(f.describe())
                    .startsWith(values + ":" + f.line() + ": ")
                    .contains("service 'shop/api' declares database 'ledger' in the registry, but the database list"
                            + " here lacks it");
        });
    }

    @Test
    void aListedDatabaseTheServiceDoesNotDeclareOrNoRouterFillsIsNamedWithTheClosestName() throws IOException {
        edit(values, "  - ledger\n", "  - ledger\n  - legacy\n  - ledgr\n");

        List<DeployFinding> findings = check("values/shop-api.yaml").findings();

        assertThat(findings)
                .extracting(DeployFinding::kind)
                .containsExactly(Kind.DATABASE_NOT_DECLARED, Kind.UNKNOWN_DATABASE);
        assertThat(findings.get(0).message())
                .contains("service 'shop/api' lists database 'legacy', which it does not declare in the registry");
        assertThat(findings.get(0).line()).isEqualTo(lineOf(values, "- legacy"));
        assertThat(findings.get(1).message()).contains("'ledgr'", "did you mean 'ledger'?");
    }

    @Test
    void aSubPathMountOfASecretIsRefusedAtItsLine() throws IOException {
        edit(manifest, "              mountPath: /var/run/secrets/db/prod-db-ledger-creds\n", """
                              mountPath: /var/run/secrets/db/prod-db-ledger-creds/creds.json
                              subPath: creds.json
                """);

        DeployCheckReport report = check("manifests/shop-api.yaml");

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.SUBPATH_MOUNT);
            assertThat(f.db()).isEqualTo(DbName.of("ledger"));
            assertThat(f.line()).isEqualTo(lineOf(manifest, "- name: db-ledger"));
            assertThat(f.message())
                    .contains("service 'shop/api' mounts the secret prod-db-ledger-creds of database 'ledger' with"
                            + " subPath 'creds.json'")
                    .contains("kubernetes/kubernetes#50345");
        });
    }

    @Test
    void secretsReadFromEnvironmentVariablesAreRefused() throws IOException {
        edit(manifest, "          volumeMounts:\n", """
                          env:
                            - name: PROD_DB_LEDGER_CREDS
                              valueFrom:
                                secretKeyRef:
                                  name: prod-db-ledger-creds
                                  key: creds.json
                            - name: PROD_DB_SHOP_CREDS
                              value: '{"host": "db"}'
                          envFrom:
                            - secretRef:
                                name: prod-db-shop-creds
                          volumeMounts:
                """);

        List<DeployFinding> findings = check("manifests/shop-api.yaml").findings();

        assertThat(findings)
                .extracting(DeployFinding::kind)
                .containsOnly(Kind.SECRET_IN_ENVIRONMENT)
                .hasSize(3);
        assertThat(findings)
                .extracting(DeployFinding::db)
                .containsExactly(DbName.of("ledger"), DbName.of("shop"), DbName.of("shop"));
        assertThat(findings.get(0).message())
                .contains("reads the secret prod-db-ledger-creds of database 'ledger' from environment variable"
                        + " PROD_DB_LEDGER_CREDS");
        assertThat(findings.get(2).message()).contains("from envFrom");
    }

    @Test
    void aMountedSecretOfAnUndeclaredDatabaseOrAnotherNamespaceIsRefused() throws IOException {
        edit(manifest, "secretName: prod-db-ledger-creds", "secretName: staging-db-ledger-creds");
        edit(
                manifest,
                "mountPath: /var/run/secrets/db/prod-db-ledger-creds",
                "mountPath: /var/run/secrets/db/staging-db-ledger-creds");
        edit(manifest, "      volumes:\n", """
                      volumes:
                        - name: db-legacy
                          secret:
                            secretName: prod-db-legacy-creds
                """);
        edit(manifest, "          volumeMounts:\n", """
                          volumeMounts:
                            - name: db-legacy
                              mountPath: /var/run/secrets/db/prod-db-legacy-creds
                """);

        List<DeployFinding> findings = check("manifests/shop-api.yaml").findings();

        assertThat(findings)
                .extracting(f -> f.kind() + " " + f.db())
                .containsExactlyInAnyOrder("WRONG_NAMESPACE ledger", "UNDECLARED_SECRET_MOUNTED legacy");
        assertThat(findings)
                .filteredOn(f -> f.kind() == Kind.UNDECLARED_SECRET_MOUNTED)
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("the pod could log in to it"));
    }

    @Test
    void aDeclaredDatabaseWhoseSecretIsNotMountedIsNamed() throws IOException {
        edit(
                values,
                "  - name: db-ledger\n    mountPath: /var/run/secrets/db/prod-db-ledger-creds\n    readOnly: true\n",
                "");

        assertThat(check("values/shop-api.yaml").findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.SECRET_NOT_MOUNTED);
            assertThat(f.message())
                    .contains("declares database 'ledger', but its secret prod-db-ledger-creds is not mounted");
        });
    }

    @Test
    void aDatabaseDeployedBeforeItsSecretExistsInTheNamespaceIsRefusedWhenSecretsAreGiven() throws IOException {
        Path secrets = dir.resolve("secrets");
        writeSecret(secrets, "prod-db-shop-creds");

        DeployCheckReport report = DeployCheck.configure(Shop.REGISTRY)
                .baseDirectory(dir)
                .files("values/shop-api.yaml", "values/shop-worker.yaml")
                .secretsDir(secrets)
                .load()
                .check();

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.SECRET_MISSING);
            assertThat(f.service()).isEqualTo(ServiceName.of("shop/api"));
            assertThat(f.db()).isEqualTo(DbName.of("ledger"));
            assertThat(f.line()).isEqualTo(lineOf(values, "- ledger"));
            assertThat(f.message())
                    .contains("deploys database 'ledger' to namespace 'prod', but its secret prod-db-ledger-creds does"
                            + " not exist")
                    .contains(secrets.toString())
                    .contains("DatabaseProvisioner.initDb(db, namespaces)");
        });

        writeSecret(secrets, "prod-db-ledger-creds");
        assertThat(DeployCheck.configure(Shop.REGISTRY)
                        .baseDirectory(dir)
                        .files("values/shop-api.yaml")
                        .secretsDir(secrets)
                        .load()
                        .check()
                        .ok())
                .isTrue();
    }

    private static void writeSecret(Path secrets, String name) throws IOException {
        Path secret = Files.createDirectories(secrets.resolve(name));
        Files.writeString(
                secret.resolve("creds.json"),
                "{\"host\":\"db\",\"port\":5432,\"dbname\":\"x\",\"user\":\"u\",\"password\":\"p\"}");
    }

    @Test
    void aDevOnlyDatabaseInAProductionDeploymentIsRefused() throws IOException {
        edit(values, "  - ledger\n", "  - ledger\n  - scratch\n");

        assertThat(check("values/shop-api.yaml").findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.DEV_ONLY_IN_PRODUCTION);
            assertThat(f.db()).isEqualTo(DbName.of("scratch"));
        });
        assertThat(DeployCheck.configure(Shop.REGISTRY)
                        .baseDirectory(dir)
                        .environment(Environment.DEVELOPMENT)
                        .files("values/shop-api.yaml")
                        .load()
                        .check()
                        .findings())
                .extracting(DeployFinding::kind)
                .containsExactly(Kind.DATABASE_NOT_DECLARED);
    }

    @Test
    void anUnknownServiceGetsTheClosestNameAndAFileNamingNoServiceIsNamed() throws IOException {
        edit(values, "service: shop/api", "service: shop/apl");
        edit(manifest, "    approuting.dev/service: shop/api\n", "");

        List<DeployFinding> findings =
                check("values/shop-api.yaml", "manifests/shop-api.yaml").findings();

        assertThat(findings).extracting(DeployFinding::kind).containsExactly(Kind.UNKNOWN_SERVICE, Kind.NO_SERVICE);
        assertThat(findings.get(0).message()).contains("'shop/apl' is not in the registry (did you mean 'shop/api'?)");
        assertThat(findings.get(0).line()).isEqualTo(lineOf(values, "service: shop/apl"));
        assertThat(findings.get(1).message()).contains("names no service", "approuting.dev/service");
    }

    @Test
    void malformedYamlNamesTheFileAndLineAndTheOtherFilesAreStillChecked() throws IOException {
        Path broken = Files.writeString(dir.resolve("values/broken.yaml"), "dbs:\n  - shop\n  bad: [\n");
        Path twice =
                Files.writeString(dir.resolve("values/twice.yaml"), "approuting:\n  service: ops\ndbs: []\ndbs: []\n");
        Path template = Files.writeString(
                dir.resolve("values/template.yaml"), "volumes:\n  {{- range .Values.dbs }}\n  - name: db\n");
        edit(values, "  - ledger\n", "");

        List<DeployFinding> findings = check("values/*.yaml").findings();

        assertThat(findings)
                .extracting(f -> f.file().getFileName() + ":" + f.line() + " " + f.kind())
                .containsExactly(
                        "broken.yaml:3 MALFORMED_FILE",
                        "shop-api.yaml:" + lineOf(values, "dbs:") + " DATABASE_NOT_LISTED",
                        "template.yaml:2 MALFORMED_FILE",
                        "twice.yaml:4 MALFORMED_FILE");
        assertThat(findings.get(0).describe()).startsWith(broken + ":3: malformed YAML");
        assertThat(findings.get(2).message()).contains("helm template");
        assertThat(findings.get(3).message()).contains("key 'dbs' appears twice in one mapping (lines 3 and 4)");
        assertThat(twice).exists();
        assertThat(template).exists();
    }

    @Test
    void pathsThatAreNoFilesAndGlobsThatMatchNothingAreReportedAllAtOnce() {
        assertThatThrownBy(() -> DeployCheck.configure(Shop.REGISTRY)
                        .baseDirectory(dir)
                        .files("values", "missing.yaml", "nothing/**/*.yaml", "values/*.yml")
                        .namespace("Prod")
                        .load())
                .isInstanceOfSatisfying(
                        RoutingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION))
                .hasMessageContaining("5 problems with the deploy check")
                .hasMessageContaining("values is a directory")
                .hasMessageContaining("missing.yaml does not exist")
                .hasMessageContaining("the glob 'nothing/**/*.yaml' matches no file")
                .hasMessageContaining("the glob 'values/*.yml' matches no file")
                .hasMessageContaining("invalid namespace name 'Prod'");
        assertThatThrownBy(() -> DeployCheck.configure(Shop.REGISTRY).load())
                .hasMessageContaining("files(pathsOrGlobs)");
    }

    @Test
    void globsMatchBelowTheirFixedDirectoryAndDoubleStarMatchesNoDirectoryToo() throws IOException {
        Files.writeString(dir.resolve("top.yaml"), "kind: ConfigMap\napiVersion: v1\n");

        DeployCheck check = DeployCheck.configure(Shop.REGISTRY)
                .baseDirectory(dir)
                .files("**/*.yaml", "values/shop-api.yaml")
                .load();

        assertThat(check.files()).hasSize(8).contains(dir.resolve("top.yaml")).doesNotHaveDuplicates();
        assertThat(DeployCheck.configure(Shop.REGISTRY)
                        .baseDirectory(dir)
                        .files("values/shop-*.yaml")
                        .load()
                        .files())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("shop-api.yaml", "shop-worker.yaml");
    }

    @Test
    void theCheckWritesNothing() throws IOException {
        List<String> before = listing();
        edit(values, "  - ledger\n", "");
        List<String> edited = listing();

        check("**/*.yaml");

        assertThat(listing()).isEqualTo(edited).hasSameSizeAs(before);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> {
                        try {
                            return dir.relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .sorted()
                    .toList();
        }
    }

    @Test
    void orThrowListsEveryFindingWithItsFile() throws IOException {
        edit(values, "  - ledger\n", "");
        edit(manifest, "approuting.dev/databases: shop,ledger", "approuting.dev/databases: shop");

        assertThatThrownBy(() ->
                        check("values/shop-api.yaml", "manifests/shop-api.yaml").orThrow())
                .isInstanceOfSatisfying(RoutingException.class, e -> {
                    assertThat(e.service()).contains(ServiceName.of("shop/api"));
                    assertThat(e.db()).contains(DbName.of("ledger"));
                })
                .hasMessageContaining("2 deployment problems")
                .hasMessageContaining(values.toString())
                .hasMessageContaining(manifest.toString());
    }
}

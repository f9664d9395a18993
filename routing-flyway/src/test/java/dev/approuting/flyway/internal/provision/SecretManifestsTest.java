package dev.approuting.flyway.internal.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.DbCredentials;
import dev.approuting.core.DbName;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SecretManifestsTest {
    private static final DbName DB = DbName.of("buildsense");

    @Test
    void manifestHoldsTheSecretJsonUnderCredsJson() {
        DbCredentials creds = new DbCredentials(
                "db.example.com",
                5432,
                "buildsense",
                "buildsense_staging_eu_0002",
                "p'a\"ss: #x\n{y}",
                "buildsense_owner");

        String yaml = SecretManifests.render("staging-eu", DB, creds);

        assertThat(yaml)
                .startsWith("apiVersion: v1\nkind: Secret\n")
                .contains("  name: staging-eu-db-buildsense-creds\n")
                .contains("  namespace: staging-eu\n")
                .contains("type: Opaque\n")
                .contains("stringData:\n  creds.json: |\n");
        String block = yaml.substring(yaml.indexOf("creds.json: |\n") + "creds.json: |\n".length())
                .lines()
                .map(line -> {
                    assertThat(line).startsWith("    ");
                    return line.substring(4);
                })
                .collect(Collectors.joining("\n"));
        assertThat(DbCredentials.fromSecretJson(DB, "manifest", block)).isEqualTo(creds);
    }
}

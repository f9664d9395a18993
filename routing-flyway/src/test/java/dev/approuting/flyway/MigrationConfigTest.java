package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.approuting.core.AppName;
import dev.approuting.core.RoutingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationConfigTest {
    @TempDir
    Path dir;

    @Test
    void perAppSettingsApplyAfterTheDefaults() {
        MigrationConfig config = MigrationConfig.builder()
                .defaults(s -> s.lockRetryCount(7).outOfOrder(false))
                .app("workflow", s -> s.locations("filesystem:/m/{app}").mixed(true))
                .build();

        FlywaySettings workflow = config.settingsFor(AppName.of("workflow"));
        FlywaySettings users = config.settingsFor(AppName.of("users"));

        assertThat(workflow.lockRetryCount()).isEqualTo(7);
        assertThat(workflow.outOfOrder()).isFalse();
        assertThat(workflow.mixed()).isTrue();
        assertThat(workflow.locationsFor(AppName.of("workflow"))).containsExactly("filesystem:/m/workflow");
        assertThat(users.mixed()).isFalse();
        assertThat(users.locationsFor(AppName.of("users"))).containsExactly("classpath:db/migration/users");
    }

    @Test
    void rejectsPlaceholdersApproutingSets() {
        assertThatThrownBy(() -> MigrationConfig.builder()
                        .defaults(s -> s.placeholder("app", "x"))
                        .build())
                .isInstanceOf(RoutingException.class)
                .hasMessageContaining("${app}");
    }

    @Test
    void contentHashIsStableAndChangesWithAScript() throws IOException {
        List<AppName> apps = AppName.listOf("users", "workflow");
        String classpath = MigrationConfig.defaults().contentHash(apps);
        assertThat(MigrationConfig.defaults().contentHash(apps))
                .isEqualTo(classpath)
                .hasSize(64);
        assertThat(MigrationConfig.defaults().contentHash(AppName.listOf("workflow", "users")))
                .isNotEqualTo(classpath);

        Files.createDirectories(dir.resolve("users"));
        Files.writeString(dir.resolve("users/V1__a.sql"), "CREATE TABLE a (id int);");
        MigrationConfig fromFiles = MigrationConfig.builder()
                .defaults(s -> s.locations("filesystem:" + dir + "/{app}"))
                .build();
        String before = fromFiles.contentHash(AppName.listOf("users"));
        Files.writeString(dir.resolve("users/V1__a.sql"), "CREATE TABLE a (id bigint);");

        assertThat(fromFiles.contentHash(AppName.listOf("users"))).isNotEqualTo(before);
    }
}

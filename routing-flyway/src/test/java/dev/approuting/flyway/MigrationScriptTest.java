package dev.approuting.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.approuting.core.AppName;
import org.junit.jupiter.api.Test;

class MigrationScriptTest {
    private static String versionOf(String name) {
        return new MigrationScript(AppName.of("shop"), "sub/" + name, "").version();
    }

    @Test
    void versionsOfScriptNames() {
        assertThat(versionOf("V3__add.sql")).isEqualTo("3");
        assertThat(versionOf("V1_2__add.sql")).isEqualTo("1.2");
        assertThat(versionOf("R__view.sql")).isEmpty();
        assertThat(versionOf("V__x.sql")).isEmpty();
    }
}

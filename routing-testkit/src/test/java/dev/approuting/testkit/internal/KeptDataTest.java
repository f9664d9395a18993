package dev.approuting.testkit.internal;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptDataTest {
    @Test
    void keptByDefault_notInCi_notWhenSwitchedOff_notWhenADirectoryIsNamed() {
        assertThat(KeptData.enabled(Map.of(), Map.of())).isTrue();
        assertThat(KeptData.enabled(Map.of(), Map.of("CI", "true"))).isFalse();
        assertThat(KeptData.enabled(Map.of(), Map.of("CI", "1"))).isFalse();
        assertThat(KeptData.enabled(Map.of(), Map.of("CI", "false"))).isTrue();
        assertThat(KeptData.enabled(Map.of("approuting.test.postgres.keep", "false"), Map.of()))
                .isFalse();
        assertThat(KeptData.enabled(Map.of(), Map.of("APPROUTING_TEST_POSTGRES_KEEP", "false")))
                .isFalse();
        assertThat(KeptData.enabled(Map.of("approuting.test.postgres.dataDir", "/tmp/x"), Map.of()))
                .isFalse();
        assertThat(KeptData.enabled(Map.of(), Map.of("APPROUTING_TEST_POSTGRES_DATA_DIR", "/tmp/x")))
                .isFalse();
    }

    @Test
    void livesInMavensTargetDirectory_perServerVersion(@TempDir Path work) throws Exception {
        Files.createDirectories(work.resolve("target"));
        try (KeptData kept = requireNonNull(KeptData.claim(work, "embedded:17.11.0"))) {
            assertThat(kept.directory()).isEqualTo(work.resolve("target/approuting-pgdata-embedded-17.11.0"));
        }
    }

    @Test
    void aDirectoryHeldByOneServerIsNotGivenToAnother_andIsFreeAgainWhenReleased(@TempDir Path work) {
        KeptData first = requireNonNull(KeptData.claim(work, "embedded:17.11.0"));
        KeptData second = requireNonNull(KeptData.claim(work, "embedded:17.11.0"));
        assertThat(second.directory()).isNotEqualTo(first.directory());
        assertThat(second.directory().getFileName().toString()).endsWith("-2");
        Path firstDir = first.directory();
        first.close();
        try (KeptData again = requireNonNull(KeptData.claim(work, "embedded:17.11.0"))) {
            assertThat(again.directory()).isEqualTo(firstDir);
        }
        second.close();
    }

    @Test
    void whenEveryDirectoryIsHeld_noneIsClaimed(@TempDir Path work) {
        java.util.List<KeptData> held = new java.util.ArrayList<>();
        for (int i = 0; i < KeptData.SLOTS; i++) {
            held.add(requireNonNull(KeptData.claim(work, "embedded:17.11.0")));
        }
        assertThat(KeptData.claim(work, "embedded:17.11.0")).isNull();
        held.forEach(KeptData::close);
    }
}

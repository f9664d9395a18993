package dev.approuting.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLinesTest {
    @Test
    void libraryMessagesGainTheOptionOfEachApiCallTheyName() {
        assertThat(CommandLines.withFlags("refused: fix them, or migrate anyway with allowUnsafe(true)"))
                .isEqualTo("refused: fix them, or migrate anyway with allowUnsafe(true) (--allow-unsafe)");
        assertThat(CommandLines.withFlags("run retireOld(true) again, or terminateSessions(true) to end them"))
                .contains("retireOld(true) (--retire-old)", "terminateSessions(true) (--terminate-sessions)");
        assertThat(CommandLines.withFlags("nothing to map")).isEqualTo("nothing to map");
    }
}

package dev.approuting.testkit.postgres;

import dev.approuting.rules.LibraryRules;
import org.junit.jupiter.api.Test;

class LibraryRulesTest {
    @Test
    void followsTheLibraryRules() {
        LibraryRules.checkThisModule();
    }
}

package dev.approuting.deploy;

import dev.approuting.rules.LibraryRules;
import org.junit.jupiter.api.Test;

class LibraryRulesTest {
    @Test
    void followsTheLibraryRules() {
        LibraryRules.checkThisModule();
    }
}

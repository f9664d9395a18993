package dev.approuting.testkit;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The testkit keeps to the rules it offers: it uses no other module's internals. */
class ArchitectureTest {
    @Test
    void internalsStayInternal() throws URISyntaxException {
        Path mainClasses = Path.of(RoutingTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        RoutingArchRules.internalPackagesStayInternal("dev.approuting")
                .check(new ClassFileImporter().importPath(mainClasses));
    }
}

package dev.approuting.testkit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The testkit keeps to the rules it offers: no other module's internals, no connections of its own outside internal. */
@AnalyzeClasses(packages = "dev.approuting.testkit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule internalsStayInternal = RoutingArchRules.internalPackagesStayInternal("dev.approuting");
}

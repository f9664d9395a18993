package dev.approuting.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps routing-core's public surface small and its habits enforced. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.approuting.core");

    @Test
    void publicApiClassesAreFinalUnlessDesignedForExtension() {
        classes()
                .that()
                .resideOutsideOfPackage("..internal..")
                .and()
                .arePublic()
                .and()
                .areNotInterfaces()
                .and()
                .areNotEnums()
                .and()
                .areNotRecords()
                .and()
                .doNotHaveSimpleName("RoutingException")
                .should()
                .haveModifier(JavaModifier.FINAL)
                .because("public classes are final unless designed for extension")
                .check(CORE);
    }

    @Test
    void publicApiExposesNoInternalTypes() {
        methods()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideOutsideOfPackage("..internal..")
                .should()
                .notHaveRawReturnType(JavaClass.Predicates.resideInAPackage("..internal.."))
                .because("users must never need an internal type")
                .check(CORE);
    }

    @Test
    void logsOnlyThroughSlf4j() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(CORE);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(CORE);
    }
}

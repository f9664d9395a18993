package dev.approuting.rules;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The rules of an approuting library module, in the manner of ArchUnit's own {@code PublicAPIRules}: each
 * a sentence, each checked on the module's own main classes by a test in the module:
 *
 * <pre>{@code
 * class LibraryRulesTest {
 *     @Test
 *     void followsTheLibraryRules() {
 *         LibraryRules.checkThisModule();
 *     }
 * }
 * }</pre>
 */
public final class LibraryRules {
    /** The one class that opens JDBC connections from credentials. */
    public static final String CONNECTION_FACTORY = "dev.approuting.core.support.Connections";

    /**
     * The test servers' own connection factory: routing-testkit-postgres knows nothing of routing-core (so
     * routing-core's tests can use it), and opens its administration connections here.
     */
    public static final String TEST_SERVER_CONNECTIONS = "dev.approuting.testkit.postgres.internal.StartedServer";

    /** The one class that reads Flyway's internal exceptions (Flyway hides the script, line and SQLState elsewhere). */
    public static final String FLYWAY_ADAPTER = "dev.approuting.flyway.internal.Failures";

    /** Packages whose types never appear in a public signature: the CLI's and the Kubernetes client's. */
    private static final List<String> FOREIGN_API = List.of("picocli..", "io.fabric8..");

    private LibraryRules() {}

    /**
     * Public classes are final, unless designed for extension (they declare a protected constructor), or
     * are interfaces, enums, records or annotations.
     *
     * <pre>{@code
     * public class MigrateAllReport { ... }          // violation
     * public final class MigrateAllReport { ... }    // fine
     * }</pre>
     */
    public static final ArchRule API_CLASSES_ARE_FINAL = classes()
            .that()
            .arePublic()
            .and()
            .areTopLevelClasses()
            .and()
            .areNotInterfaces()
            .and()
            .areNotEnums()
            .and()
            .areNotRecords()
            .and()
            .areNotAnnotations()
            .and(describe(
                    "are not designed for extension",
                    (JavaClass c) -> c.getConstructors().stream()
                            .noneMatch(k -> k.getModifiers().contains(JavaModifier.PROTECTED))))
            .should()
            .haveModifier(JavaModifier.FINAL)
            .because("a public class is final unless it is designed for extension (a protected constructor)");

    /**
     * No public method or constructor of the API names an {@code internal}, picocli or fabric8 type as a
     * parameter or return type: users never need them.
     *
     * <pre>{@code
     * public DatabaseProvisioner applySecrets(KubernetesClient client)   // violation
     * public Builder secretStore(SecretStore store)                        // fine
     * }</pre>
     */
    public static final ArchRule NO_INTERNAL_OR_FOREIGN_TYPES_IN_API = classes()
            .that()
            .arePublic()
            .and()
            .resideOutsideOfPackage("..internal..")
            .should(new ArchCondition<JavaClass>("name no internal, picocli or fabric8 type in a public signature") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    for (JavaCodeUnit unit : type.getCodeUnits()) {
                        if (!unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                            continue;
                        }
                        for (JavaClass used : signature(unit)) {
                            if (hidden(used)) {
                                events.add(SimpleConditionEvent.violated(
                                        unit, unit.getFullName() + " names " + used.getName()));
                            }
                        }
                    }
                }
            });

    /**
     * A module uses another module's public API only: no class depends on an {@code internal} package that
     * is not under its own module's root package.
     *
     * <pre>{@code
     * import dev.approuting.core.internal.Probe;       // in routing-flyway: violation
     * import dev.approuting.core.support.Connections;  // fine
     * }</pre>
     */
    public static final ArchRule NO_OTHER_MODULES_INTERNALS = classes()
            .should(new ArchCondition<JavaClass>("use no other module's internal package") {
                @Override
                public void check(JavaClass type, ConditionEvents events) {
                    type.getDirectDependenciesFromSelf().forEach(dependency -> {
                        String target = dependency.getTargetClass().getPackageName();
                        int internal = target.indexOf(".internal");
                        if (target.startsWith("dev.approuting.")
                                && internal > 0
                                && !type.getPackageName().startsWith(target.substring(0, internal))) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    });
                }
            });

    /**
     * Only the connection factory opens JDBC connections: nobody else calls {@code DriverManager.getConnection},
     * a {@code Driver}'s {@code connect} or creates one of the driver's {@code DataSource}s.
     */
    public static final ArchRule ONE_CONNECTION_FACTORY = noClasses()
            .that()
            .doNotHaveFullyQualifiedName(CONNECTION_FACTORY)
            .and()
            .doNotHaveFullyQualifiedName(TEST_SERVER_CONNECTIONS)
            .should()
            .callMethodWhere(JavaAccess.Predicates.target(opensConnections()))
            .orShould()
            .callConstructorWhere(JavaAccess.Predicates.target(describe(
                    "a PostgreSQL driver DataSource",
                    (AccessTarget target) -> target.getOwner().getPackageName().startsWith("org.postgresql.ds"))))
            .because("connections are opened in one place, " + CONNECTION_FACTORY
                    + ", with the application name, timeouts and role every connection needs");

    /** Only the Flyway adapter reads Flyway's internal packages. */
    public static final ArchRule FLYWAY_INTERNALS_IN_ONE_ADAPTER = noClasses()
            .that()
            .doNotHaveFullyQualifiedName(FLYWAY_ADAPTER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.flywaydb.core.internal..")
            .because(FLYWAY_ADAPTER + " is the one place that depends on Flyway's internals and says why");

    /** Errors are built through the factories of {@code RoutingException}, never its constructor. */
    public static final ArchRule ERRORS_FROM_FACTORIES = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.approuting.core.RoutingException")
            .should()
            .callConstructorWhere(JavaAccess.Predicates.target(describe(
                    "RoutingException's constructor",
                    (AccessTarget target) ->
                            target.getOwner().getName().equals("dev.approuting.core.RoutingException"))))
            .because("RoutingException.forDatabase(…), forApp(…), forService(…) and of(…) name what an error carries");

    /**
     * Logging goes through SLF4J: no {@code System.out}/{@code System.err} outside the command line's output
     * writers, no {@code java.util.logging}.
     */
    public static final ArchRule LOGS_THROUGH_SLF4J = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.approuting.cli.RoutingCommandLine")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .orShould(GeneralCodingRules.USE_JAVA_UTIL_LOGGING)
            .because("log lines go through SLF4J, starting with the logical database; only the command line writes"
                    + " to the terminal");

    /** Every rule above. */
    public static final List<ArchRule> ALL = List.of(
            API_CLASSES_ARE_FINAL,
            NO_INTERNAL_OR_FOREIGN_TYPES_IN_API,
            NO_OTHER_MODULES_INTERNALS,
            ONE_CONNECTION_FACTORY,
            FLYWAY_INTERNALS_IN_ONE_ADAPTER,
            ERRORS_FROM_FACTORIES,
            LOGS_THROUGH_SLF4J);

    /**
     * Checks every rule on the main classes of the module whose tests run now: the {@code classes} folder
     * of the build directory Maven passes as {@code approuting.build.directory} ({@code target} without it).
     *
     * @throws AssertionError listing every violation of the first rule broken
     */
    public static void checkThisModule() {
        Path classes = Path.of(System.getProperty("approuting.build.directory", "target"), "classes");
        if (!Files.isDirectory(classes)) {
            throw new AssertionError("no main classes at " + classes.toAbsolutePath() + ": run the test through Maven");
        }
        check(new ClassFileImporter().importPath(classes));
    }

    /** Checks every rule on {@code classes}. */
    public static void check(JavaClasses classes) {
        for (ArchRule rule : ALL) {
            rule.allowEmptyShould(true).check(classes);
        }
    }

    private static Set<JavaClass> signature(JavaCodeUnit unit) {
        Set<JavaClass> types = new java.util.HashSet<>(unit.getRawParameterTypes());
        types.add(unit.getRawReturnType());
        return types;
    }

    private static boolean hidden(JavaClass type) {
        return resideInAPackage("..internal..").test(type)
                || FOREIGN_API.stream().anyMatch(p -> resideInAPackage(p).test(type));
    }

    private static DescribedPredicate<AccessTarget> opensConnections() {
        return describe("a method that opens a JDBC connection", (AccessTarget target) -> {
            String owner = target.getOwner().getName();
            String name = target.getName();
            return (owner.equals("java.sql.DriverManager") && name.equals("getConnection"))
                    || ((owner.equals("java.sql.Driver") || owner.equals("org.postgresql.Driver"))
                            && name.equals("connect"));
        });
    }
}

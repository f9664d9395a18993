package dev.approuting.spring.boot.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Makes {@code @RoutingTest} compose with {@code @SpringBootTest}: the context of such a test class names
 * the test's service ({@code approuting.service}), migrates nothing at start, and every routed data
 * source, transaction manager and {@code @App} context forwards to the databases the testkit gives the
 * test running now (fresh clones, a rolled-back transaction or the class's shared set, as the isolation
 * mode says). One context per test class, so no context outlives the class whose tests it serves.
 */
public final class RoutingTestContextCustomizerFactory implements ContextCustomizerFactory {
    private static final String ROUTING_TEST = "dev.approuting.testkit.RoutingTest";

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        MergedAnnotation<?> routingTest = MergedAnnotations.from(
                        testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .get(ROUTING_TEST);
        if (!routingTest.isPresent()) {
            return null;
        }
        return new Customizer(testClass, routingTest.getString("service"));
    }

    private static final class Customizer implements ContextCustomizer {
        private final Class<?> testClass;
        private final String service;

        Customizer(Class<?> testClass, String service) {
            this.testClass = testClass;
            this.service = service;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "approuting-test",
                            Map.of(RoutingSetup.SERVICE_PROPERTY, service, "approuting.migrate-on-start", "false")));
            context.getBeanFactory()
                    .registerSingleton(
                            "approutingTestTarget",
                            new TestTarget(testClass, () -> TestkitBridge.databasesOf(testClass)));
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Customizer that && that.testClass == testClass && that.service.equals(service);
        }

        @Override
        public int hashCode() {
            return Objects.hash(testClass, service);
        }
    }
}

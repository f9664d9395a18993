package dev.approuting.spring.boot;

import dev.approuting.core.CredentialsSource;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.PoolSettings;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceRouting;
import dev.approuting.core.metrics.RoutingMetrics;
import dev.approuting.flyway.DatabaseMigrationResult;
import dev.approuting.flyway.DatabaseMigrator;
import dev.approuting.flyway.MigrationListener;
import dev.approuting.spring.boot.internal.AppTransactionParser;
import dev.approuting.spring.boot.internal.DatabaseHealthIndicator;
import dev.approuting.spring.boot.internal.RoutedBeans;
import dev.approuting.spring.boot.internal.RoutedDatabasesCustomizer;
import dev.approuting.spring.boot.internal.RoutingEndpoint;
import dev.approuting.spring.boot.internal.RoutingSetup;
import dev.approuting.spring.boot.internal.SpringTransactions;
import dev.approuting.spring.boot.internal.TestTarget;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Wires every routed database of the service from the registry bean and the {@code approuting.*}
 * properties ({@link RoutingProperties}): {@link RoutedDatabases} and {@link ServiceRouting}; per database
 * a {@code @Db("…")} {@code DataSource} and transaction manager; per app an {@code @App("…")} {@code
 * DSLContext}; {@link AppTransactional}; health under {@code approuting}; Micrometer meters; the {@code
 * approuting} endpoint; migrations at start-up on request. A service writes one bean:
 *
 * <pre>{@code
 * @Bean
 * DbRouterRegistry registry() {
 *     return CompanyRegistry.build();
 * }
 * }</pre>
 *
 * <p>Spring Boot's own Flyway is turned off while it is active, and its single DataSource too unless
 * {@code spring.datasource.url} is set. {@code approuting.enabled=false} turns all of it off.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration"
        })
@ConditionalOnBooleanProperty(name = "approuting.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RoutingProperties.class)
public final class RoutingAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RoutingAutoConfiguration.class);

    /** Created by Spring Boot. */
    public RoutingAutoConfiguration() {}

    /** Registers the per-database and per-app beans. */
    @Bean
    static RoutedBeans approutingRoutedBeans() {
        return new RoutedBeans();
    }

    /** The service's routing, from the registry bean and {@code approuting.service}. */
    @Bean
    @ConditionalOnMissingBean
    ServiceRouting approutingServiceRouting(ListableBeanFactory beans, Environment environment) {
        return RoutingSetup.routing(beans, environment);
    }

    /** Where secrets come from: {@code approuting.credentials.*}; made when first needed (tests never need it). */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    CredentialsSource approutingCredentials(RoutingProperties properties) {
        RoutingProperties.Credentials credentials = properties.getCredentials();
        String namespace = credentials.getNamespace();
        if (namespace == null || namespace.isBlank()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "approuting.credentials.namespace is not set: name the namespace of the secrets"
                            + " ({namespace}-db-{db}-creds), such as prod, staging or dev");
        }
        List<CredentialsSource> sources = new ArrayList<>();
        Path dir = credentials.getSecretsDir();
        if (dir != null) {
            sources.add(CredentialsSource.mountedSecrets(dir, namespace));
        }
        if (credentials.isEnvironment()) {
            sources.add(CredentialsSource.environment(namespace));
        }
        if (sources.isEmpty()) {
            throw RoutingException.of(
                    ErrorCode.INVALID_CONFIGURATION,
                    "approuting.credentials reads no source: set approuting.credentials.secrets-dir, or leave"
                            + " approuting.credentials.environment on, or declare a CredentialsSource bean");
        }
        return CredentialsSource.firstOf(sources.toArray(CredentialsSource[]::new));
    }

    /** How the app contexts join Spring transactions. */
    @Bean
    SpringTransactions approutingTransactions(ServiceRouting routing, BeanFactory beans) {
        return new SpringTransactions(routing.service(), beans);
    }

    /**
     * The service's databases: pools open on first use, secrets are checked now (every missing one
     * reported at once), migrations run now when {@code approuting.migrate-on-start} is set.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RoutedDatabases routedDatabases(
            ServiceRouting routing,
            RoutingProperties properties,
            SpringTransactions transactions,
            ObjectProvider<CredentialsSource> credentials,
            ObjectProvider<TestTarget> test,
            ObjectProvider<RoutedDatabasesCustomizer> customizers,
            ObjectProvider<MigrationListener> listeners) {
        checkDatabaseProperties(routing, properties);
        RoutedDatabases.Builder builder = RoutedDatabases.configure(routing)
                .transactionBinding(transactions)
                .crossAppGuard(properties.isCrossAppGuard())
                .credentialsCheckInterval(properties.getCredentialsCheckInterval())
                .poolSettings(properties.getPool().applyTo(PoolSettings.defaults()));
        properties
                .getDatabases()
                .forEach((db, settings) -> builder.poolSettings(
                        DbName.of(db),
                        settings.getPool().applyTo(properties.getPool().applyTo(PoolSettings.defaults()))));
        customizers.orderedStream().forEach(c -> c.customize(builder));
        TestTarget target = test.getIfAvailable();
        if (target != null) {
            log.info(
                    "service '{}': databases of the running test of {}",
                    routing.service(),
                    target.testClass().getSimpleName());
            return builder.connectionsFrom(target.current()).open();
        }
        CredentialsSource source = credentials.getObject();
        List<RoutingException> missing = new ArrayList<>();
        for (DbName db : routing.databases()) {
            try {
                source.require(db);
            } catch (RoutingException e) {
                missing.add(RoutingException.forService(
                        e.code(), routing.service(), db, "service '" + routing.service() + "': " + e.getMessage()));
            }
        }
        if (!missing.isEmpty()) {
            throw RoutingException.allOf(ErrorCode.INVALID_CREDENTIALS, "missing or unreadable secrets", missing);
        }
        RoutedDatabases databases = builder.credentials(source).open();
        if (properties.isMigrateOnStart()) {
            try {
                migrate(databases, listeners.orderedStream().toList());
            } catch (RuntimeException e) {
                databases.close();
                throw e;
            }
        }
        return databases;
    }

    private static void migrate(RoutedDatabases databases, List<MigrationListener> listeners) {
        ServiceRouting routing = databases.routing();
        for (DbName db : routing.databases()) {
            listeners.forEach(l -> l.databaseStarted(db, routing.appsIn(db)));
            DatabaseMigrationResult result = DatabaseMigrator.configure(db, databases.dataSource(db))
                    .apps(routing.appsIn(db))
                    .load()
                    .migrate();
            listeners.forEach(l -> l.databaseFinished(result));
            result.orThrow();
            log.info(
                    "{}: migrated at start ({} applied) for service '{}'",
                    db,
                    result.appliedCount(),
                    routing.service());
        }
    }

    private static void checkDatabaseProperties(ServiceRouting routing, RoutingProperties properties) {
        List<String> unknown = properties.getDatabases().keySet().stream()
                .filter(db -> !routing.databases().contains(DbName.of(db)))
                .toList();
        if (!unknown.isEmpty()) {
            throw RoutingException.forService(
                    ErrorCode.INVALID_CONFIGURATION,
                    routing.service(),
                    "approuting.databases names " + unknown + ", which service '" + routing.service()
                            + "' does not declare (its databases: " + routing.databases()
                            + "): fix the property names or declare the databases in the registry");
        }
    }

    /** Whether the service is DOWN when {@code db} is ({@code approuting.databases.{db}.essential}, default true). */
    static Predicate<DbName> essential(RoutingProperties properties) {
        return db -> {
            RoutingProperties.Database settings = properties.getDatabases().get(db.value());
            return settings == null || settings.isEssential();
        };
    }

    /** {@link AppTransactional}: a transaction advisor beside Spring's own, choosing the app's database. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static BeanFactoryTransactionAttributeSourceAdvisor approutingTransactionAdvisor(BeanFactory beans) {
        AnnotationTransactionAttributeSource source = new AnnotationTransactionAttributeSource(
                new AppTransactionParser(() -> beans.getBean(ServiceRouting.class)));
        TransactionInterceptor interceptor = new TransactionInterceptor();
        interceptor.setTransactionAttributeSource(source);
        interceptor.setBeanFactory(beans);
        BeanFactoryTransactionAttributeSourceAdvisor advisor = new BeanFactoryTransactionAttributeSourceAdvisor();
        advisor.setTransactionAttributeSource(source);
        advisor.setAdvice(interceptor);
        return advisor;
    }

    /** Micrometer: pool meters per database, query timing, migration counters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static final class Metrics {
        @Bean
        RoutedDatabasesCustomizer approutingMetrics(
                ObjectProvider<MeterRegistry> registry, RoutingProperties properties) {
            return builder -> {
                MeterRegistry meters = registry.getIfAvailable();
                if (meters != null) {
                    builder.metrics(RoutingMetrics.of(meters)
                            .withQueryTiming(properties.getMetrics().isQueryTiming()));
                }
            };
        }

        @Bean
        MigrationListener approutingMigrationMetrics(ObjectProvider<MeterRegistry> registry) {
            return new MigrationListener() {
                @Override
                public void databaseFinished(DatabaseMigrationResult result) {
                    MeterRegistry meters = registry.getIfAvailable();
                    if (meters != null) {
                        MigrationListener.metrics(RoutingMetrics.of(meters)).databaseFinished(result);
                    }
                }
            };
        }
    }

    /** Health: one contributor per logical database under {@code approuting}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthContributor")
    static final class Health {
        @Bean
        @ConditionalOnMissingBean(name = "approutingHealthContributor")
        CompositeHealthContributor approutingHealthContributor(
                ServiceRouting routing, ObjectProvider<RoutedDatabases> databases, RoutingProperties properties) {
            Predicate<DbName> essential = essential(properties);
            Map<String, HealthContributor> contributors = new LinkedHashMap<>();
            for (DbName db : routing.databases()) {
                contributors.put(
                        db.value(),
                        new DatabaseHealthIndicator(
                                databases::getObject,
                                db,
                                essential.test(db),
                                properties.getHealth().isRequireMigrations()));
            }
            return CompositeHealthContributor.fromMap(contributors);
        }
    }

    /** The {@code approuting} actuator endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static final class Endpoint {
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(RoutingEndpoint.class)
        RoutingEndpoint approutingEndpoint(RoutedDatabases databases, RoutingProperties properties) {
            return new RoutingEndpoint(databases, essential(properties));
        }
    }
}

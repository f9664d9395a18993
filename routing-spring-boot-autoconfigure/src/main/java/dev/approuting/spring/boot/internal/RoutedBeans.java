package dev.approuting.spring.boot.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutedDatabases;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceRouting;
import dev.approuting.spring.boot.App;
import dev.approuting.spring.boot.Db;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Registers, once the application's bean definitions are known, the beans of every routed database and
 * app of the service: {@code approuting.{db}.dataSource} ({@code @Db}), {@code
 * approuting.{db}.transactionManager} ({@code @Db}, aliased {@code approuting.app.{app}} for each app in
 * it) and {@code approuting.{app}.dsl} ({@code @App}), none of them default candidates. A bean of the
 * application that already claims one of these qualifiers fails the start-up, naming both.
 *
 * <p>The routing is needed to know the names, so the registry bean is created here, before other beans:
 * keep it a plain value (a constant, or built from other plain values).
 */
public final class RoutedBeans implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {
    private @Nullable Environment environment;

    /** Returns the bean name of {@code db}'s data source. */
    public static String dataSourceName(DbName db) {
        return "approuting." + db + ".dataSource";
    }

    /** Returns the bean name of {@code db}'s transaction manager. */
    public static String transactionManagerName(DbName db) {
        return "approuting." + db + ".transactionManager";
    }

    /** Returns the alias of the transaction manager of {@code app}'s database, for {@code @Transactional}. */
    public static String appTransactionManagerName(AppName app) {
        return "approuting.app." + app;
    }

    /** Returns the bean name of {@code app}'s jOOQ context. */
    public static String dslName(AppName app) {
        return "approuting." + app + ".dsl";
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        // Nothing yet: configuration classes are enhanced after this phase, and the registry bean (needed for
        // the names) must not be created before that.
    }

    /**
     * Registers the beans: after every definition is known and configuration classes are enhanced, before any
     * application bean is created.
     */
    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beans) {
        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beans;
        Environment env = environment;
        if (env == null) {
            throw new IllegalStateException("RoutedBeans was given no Environment");
        }
        ServiceRouting routing = RoutingSetup.routing(beans, env);
        checkNoClaims(beans, routing);
        AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
        for (DbName db : routing.databases()) {
            RootBeanDefinition dataSource = definition(
                    DataSource.class, () -> beans.getBean(RoutedDatabases.class).dataSource(db));
            dataSource.addQualifier(new AutowireCandidateQualifier(Db.class, db.value()));
            // The pools belong to RoutedDatabases, which closes them; "" stops Spring inferring close().
            dataSource.setDestroyMethodName("");
            registry.registerBeanDefinition(dataSourceName(db), dataSource);

            RootBeanDefinition transactions = definition(
                    PlatformTransactionManager.class,
                    () -> new RoutedTransactionManager(
                            db,
                            beans.getBean(dataSourceName(db), DataSource.class),
                            beans.getBean(SpringTransactions.class)));
            transactions.addQualifier(new AutowireCandidateQualifier(Db.class, db.value()));
            registry.registerBeanDefinition(transactionManagerName(db), transactions);
            for (AppName app : routing.appsIn(db)) {
                registry.registerAlias(transactionManagerName(db), appTransactionManagerName(app));
            }
        }
        for (AppName app : routing.routes().keySet()) {
            RootBeanDefinition dsl = definition(
                    DSLContext.class, () -> beans.getBean(RoutedDatabases.class).dsl(app));
            dsl.addQualifier(new AutowireCandidateQualifier(App.class, app.value()));
            registry.registerBeanDefinition(dslName(app), dsl);
        }
    }

    private static <T> RootBeanDefinition definition(Class<T> type, Supplier<T> supplier) {
        RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
        definition.setDefaultCandidate(false);
        definition.setLazyInit(true);
        return definition;
    }

    /** Fails when a bean of the application is already qualified for a routed database or app. */
    private static void checkNoClaims(ConfigurableListableBeanFactory beans, ServiceRouting routing) {
        List<RoutingException> problems = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            BeanDefinition definition = beans.getBeanDefinition(name);
            Object db = qualifier(definition, Db.class);
            if (db != null && routing.databases().contains(DbName.of(db.toString()))) {
                DbName claimed = DbName.of(db.toString());
                problems.add(RoutingException.forService(
                        ErrorCode.INVALID_CONFIGURATION,
                        routing.service(),
                        claimed,
                        "bean '" + name + "' is declared @Db(\"" + claimed + "\"), but the approuting starter"
                                + " already gives database '" + claimed + "' of service '" + routing.service()
                                + "' its data source and transaction manager: two beans for one database. Remove"
                                + " bean '" + name + "' and inject @Db(\"" + claimed + "\") DataSource, or set"
                                + " approuting.enabled=false to wire the databases yourself"));
            }
            Object app = qualifier(definition, App.class);
            if (app != null && routing.isKnownApp(AppName.of(app.toString()))) {
                AppName claimed = AppName.of(app.toString());
                problems.add(RoutingException.forApp(
                        ErrorCode.INVALID_CONFIGURATION,
                        routing.service(),
                        claimed,
                        routing.dbFor(claimed),
                        "bean '" + name + "' is declared @App(\"" + claimed + "\"), but the approuting starter"
                                + " already gives app '" + claimed + "' (database '" + routing.dbFor(claimed)
                                + "') its DSLContext: two beans for one app. Remove bean '" + name
                                + "' and inject @App(\"" + claimed + "\") DSLContext"));
            }
        }
        if (!problems.isEmpty()) {
            throw RoutingException.allOf(
                    ErrorCode.INVALID_CONFIGURATION, "beans that collide with the routed ones", problems);
        }
    }

    private static @Nullable Object qualifier(BeanDefinition definition, Class<? extends Annotation> type) {
        if (definition instanceof AbstractBeanDefinition abstractDefinition) {
            AutowireCandidateQualifier qualifier = abstractDefinition.getQualifier(type.getName());
            if (qualifier != null) {
                return qualifier.getAttribute(AutowireCandidateQualifier.VALUE_KEY);
            }
        }
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata method = annotated.getFactoryMethodMetadata();
            if (method != null) {
                Map<String, @Nullable Object> attributes = method.getAnnotationAttributes(type.getName());
                if (attributes != null) {
                    return attributes.get("value");
                }
            }
            Map<String, @Nullable Object> onClass = annotated.getMetadata().getAnnotationAttributes(type.getName());
            if (onClass != null) {
                return onClass.get("value");
            }
        }
        return null;
    }
}

package dev.approuting.spring.boot.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ErrorCode;
import dev.approuting.core.RoutingException;
import dev.approuting.core.ServiceRouting;
import dev.approuting.core.support.Text;
import dev.approuting.spring.boot.App;
import dev.approuting.spring.boot.Db;
import java.lang.annotation.Annotation;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Explains a start-up that failed on routing: a {@link RoutingException} anywhere in the causes (a registry
 * that does not declare the service, a missing secret, colliding beans, an unknown app in
 * {@code @AppTransactional}), or an {@code @App}/{@code @Db} injection point the service does not route.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class RoutingFailureAnalyzer implements FailureAnalyzer {
    private final @Nullable BeanFactory beans;
    private final @Nullable Environment environment;

    public RoutingFailureAnalyzer(@Nullable BeanFactory beans, @Nullable Environment environment) {
        this.beans = beans;
        this.environment = environment;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        RoutingException routing = find(failure, RoutingException.class);
        if (routing == null) {
            routing = fromInjectionPoint(failure);
        }
        if (routing == null) {
            return null;
        }
        String description =
                "approuting could not start this service (" + routing.code() + "):\n" + routing.getMessage();
        String action = switch (routing.code()) {
            case INVALID_CREDENTIALS ->
                "Provide the secret, or point approuting.credentials.secrets-dir /"
                        + " approuting.credentials.namespace at the right place.";
            case APP_NOT_ROUTED, UNKNOWN_DATABASE, INVALID_ROUTING ->
                "Change the app or database named in your"
                        + " code, or declare it for the service in the registry (approuting.service names the service).";
            case CROSS_DATABASE_TRANSACTION -> "Keep each transaction on one database.";
            default -> "Fix the configuration as the message says.";
        };
        return new FailureAnalysis(description, action, routing);
    }

    private @Nullable RoutingException fromInjectionPoint(Throwable failure) {
        UnsatisfiedDependencyException unsatisfied = find(failure, UnsatisfiedDependencyException.class);
        if (unsatisfied == null
                || find(failure, NoSuchBeanDefinitionException.class) == null
                || beans == null
                || environment == null) {
            return null;
        }
        InjectionPoint point = unsatisfied.getInjectionPoint();
        if (point == null) {
            return null;
        }
        App app = annotation(point, App.class);
        Db db = annotation(point, Db.class);
        if (app == null && db == null) {
            return null;
        }
        ServiceRouting routing;
        try {
            routing = RoutingSetup.routing((ListableBeanFactory) beans, environment);
        } catch (RoutingException e) {
            return e;
        } catch (RuntimeException e) {
            return null; // the context can no longer give its registry; Spring Boot's own analysis stands
        }
        String where = " (injected into " + point.getMember() + ")";
        try {
            if (app != null) {
                routing.dbFor(AppName.of(app.value()));
            }
            if (db != null && !routing.databases().contains(DbName.of(db.value()))) {
                return RoutingException.forService(
                        ErrorCode.UNKNOWN_DATABASE,
                        routing.service(),
                        DbName.of(db.value()),
                        "@Db(\"" + db.value() + "\")" + where + ": service '" + routing.service()
                                + "' does not declare database '" + db.value() + "'"
                                + Text.didYouMean(
                                        db.value(),
                                        routing.databases().stream()
                                                .map(DbName::value)
                                                .toList())
                                + "; its databases are " + Text.list(routing.databases())
                                + ". Declare it for the service in the registry");
            }
        } catch (RoutingException e) {
            return RoutingException.forService(
                    e.code(),
                    routing.service(),
                    "@App(\"" + (app == null ? "" : app.value()) + "\")" + where + ": " + e.getMessage());
        }
        return null;
    }

    private static <A extends Annotation> @Nullable A annotation(InjectionPoint point, Class<A> type) {
        for (Annotation annotation : point.getAnnotations()) {
            if (type.isInstance(annotation)) {
                return type.cast(annotation);
            }
        }
        return null;
    }

    private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

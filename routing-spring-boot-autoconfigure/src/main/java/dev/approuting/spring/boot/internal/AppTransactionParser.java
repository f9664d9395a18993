package dev.approuting.spring.boot.internal;

import dev.approuting.core.AppName;
import dev.approuting.core.ServiceRouting;
import dev.approuting.spring.boot.AppTransactional;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.annotation.TransactionAnnotationParser;
import org.springframework.transaction.interceptor.NoRollbackRuleAttribute;
import org.springframework.transaction.interceptor.RollbackRuleAttribute;
import org.springframework.transaction.interceptor.RuleBasedTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;

/**
 * Reads {@link AppTransactional}: a transaction whose manager is the one of the app's database
 * ({@code approuting.app.{app}}). An app the service does not route fails when the bean is proxied, so
 * at start-up.
 */
public final class AppTransactionParser implements TransactionAnnotationParser {
    private final Supplier<ServiceRouting> routing;

    public AppTransactionParser(Supplier<ServiceRouting> routing) {
        this.routing = routing;
    }

    @Override
    public boolean isCandidateClass(Class<?> targetClass) {
        return true;
    }

    @Override
    public @Nullable TransactionAttribute parseTransactionAnnotation(AnnotatedElement element) {
        AppTransactional annotation = AnnotatedElementUtils.findMergedAnnotation(element, AppTransactional.class);
        if (annotation == null) {
            return null;
        }
        AppName app = AppName.of(annotation.value());
        routing.get().dbFor(app);
        RuleBasedTransactionAttribute attribute = new RuleBasedTransactionAttribute();
        attribute.setPropagationBehavior(annotation.propagation().value());
        attribute.setIsolationLevel(annotation.isolation().value());
        attribute.setTimeout(annotation.timeout());
        attribute.setReadOnly(annotation.readOnly());
        attribute.setQualifier(RoutedBeans.appTransactionManagerName(app));
        List<RollbackRuleAttribute> rules = new ArrayList<>();
        for (Class<? extends Throwable> type : annotation.rollbackFor()) {
            rules.add(new RollbackRuleAttribute(type));
        }
        for (Class<? extends Throwable> type : annotation.noRollbackFor()) {
            rules.add(new NoRollbackRuleAttribute(type));
        }
        attribute.setRollbackRules(rules);
        return attribute;
    }
}

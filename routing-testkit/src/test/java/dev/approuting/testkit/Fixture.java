package dev.approuting.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that fails on purpose and is run only by another test through JUnit's
 * EngineTestKit with the configuration parameter {@value #LAUNCHED}; a build or IDE run that happens
 * to select it (a pattern such as {@code -Dit.test=dev.approuting.testkit.**}) skips it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Fixture.OnlyWhenLaunched.class)
@interface Fixture {
    /** The configuration parameter the launching test sets. */
    String LAUNCHED = "approuting.testkit.fixtures";

    /** Enables a fixture only under the launching test. */
    final class OnlyWhenLaunched implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCHED).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by its test")
                    : ConditionEvaluationResult.disabled("a fixture that fails on purpose; its test launches it");
        }
    }
}

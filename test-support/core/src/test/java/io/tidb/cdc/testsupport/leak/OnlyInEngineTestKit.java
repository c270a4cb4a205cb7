package io.tidb.cdc.testsupport.leak;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables the deliberately leaky fixture classes only inside the EngineTestKit runs of
 * LeakCheckExtensionTest, never when a build or an IDE discovers them directly.
 */
public final class OnlyInEngineTestKit implements ExecutionCondition {
  public static final String PARAMETER = "ticdc.leakcheck.selftest";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getConfigurationParameter(PARAMETER, Boolean::parseBoolean).orElse(false)
        ? ConditionEvaluationResult.enabled("run by LeakCheckExtensionTest")
        : ConditionEvaluationResult.disabled("leaky fixture; only run by LeakCheckExtensionTest");
  }
}

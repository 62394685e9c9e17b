/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated test class only when a PostgreSQL server is configured ({@link Postgres}):
 * skipped with the reason and the fix otherwise, and failed instead when the build requires the
 * PostgreSQL tests ({@value Postgres#REQUIRED}). A skip prints one line naming the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledWithPostgres.Condition.class)
public @interface EnabledWithPostgres {
  /** The condition behind the annotation; stateless. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (Postgres.enabled()) {
        return ConditionEvaluationResult.enabled("PostgreSQL at " + Postgres.url());
      }
      // surefire shows a skipped class's count, not its reason: say which suite and why
      System.out.println(
          "[postgres] skipped " + context.getDisplayName() + ": " + Postgres.MISSING);
      return ConditionEvaluationResult.disabled(Postgres.MISSING);
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;



/**
 * The fallback promise: with Caffeine missing from the class path, {@code twat:memory} still works
 * on the built-in store, and says so once at WARNING.
 */
class CaffeineHiddenTest {

  @Test
  void twatMemory_withoutCaffeine_usesTheBuiltInLruStore_andWarnsOnce() throws Exception {
    HiddenLibrary.Outcome outcome = HiddenLibrary.run("caffeine", CaffeineHiddenScenario.class, "");

    assertEquals(
        "caffeineVisible=false backend=heap(built-in lru, 100 entries) kept=100", outcome.report());
    assertEquals(1, outcome.warnings().size(), "one WARNING for the fallback");
    assertTrue(
        outcome.warnings().get(0).contains("Caffeine")
            && outcome.warnings().get(0).contains("built-in"),
        outcome.warnings().get(0));
    assertTrue(outcome.warnings().get(0).contains("was not found on the class path"),
        outcome.warnings().get(0));
  }
}

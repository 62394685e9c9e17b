/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;



/**
 * The fallback promise for {@code twat:universal}: with Caffeine missing, its heap tier is the
 * built-in LRU store, with one WARNING, and no entry is lost to the heap tier's bound.
 */
class UniversalCaffeineHiddenTest {
  @TempDir
  Path dir;

  @Test
  void twatUniversal_withoutCaffeine_hasABuiltInHeapTier_andWarnsOnce() throws Exception {
    HiddenLibrary.Outcome outcome =
        HiddenLibrary.run("caffeine", UniversalCaffeineHiddenScenario.class, dir.toString());

    assertEquals("backend=heap(built-in lru, 10 entries) kept=100", outcome.report());
    assertEquals(1, outcome.warnings().size(), "one WARNING for the fallback");
    assertTrue(
        outcome.warnings().get(0).contains("Caffeine")
            && outcome.warnings().get(0).contains("twat:universal"),
        outcome.warnings().get(0));
  }
}

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
 * The fallback promise for the database: with H2 missing from the class path, {@code twat:db}
 * and the db tier of {@code twat:universal} keep their entries in the file store, and each says
 * so once at WARNING.
 */
class H2HiddenTest {
  @TempDir
  Path dir;

  @Test
  void dbAndUniversal_withoutH2_useTheFileStore_andWarnOnceEach() throws Exception {
    HiddenLibrary.Outcome outcome =
        HiddenLibrary.run("h2database", H2HiddenScenario.class, dir.toString());

    assertEquals(
        "h2Visible=false db=file kept=50 universal=heap -> file kept=50", outcome.report());
    assertEquals(2, outcome.warnings().size(), outcome.warnings()::toString);
    assertTrue(
        outcome.warnings().get(0).contains("H2")
            && outcome.warnings().get(0).contains("twat:db")
            && outcome.warnings().get(0).contains("file store"),
        outcome.warnings().get(0));
    assertTrue(outcome.warnings().get(0).contains("was not found on the class path"),
        outcome.warnings().get(0));
    assertTrue(
        outcome.warnings().get(1).contains("H2")
            && outcome.warnings().get(1).contains("twat:universal"),
        outcome.warnings().get(1));
  }
}

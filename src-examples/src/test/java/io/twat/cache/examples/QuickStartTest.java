/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuickStartTest {

  @Test
  void run_countsOneMissPerKeyAndHitsForTheRest() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    QuickStart.Stats stats = new QuickStart(Duration.ZERO)
        .run(new PrintStream(printed, true, StandardCharsets.UTF_8));

    // get(3) misses once in the snippet; then 1, 2, 4, 5 miss in round 1 and 3 hits;
    // rounds 2 and 3 hit all five.
    assertEquals(5, stats.misses());
    assertEquals(11, stats.hits());
    assertEquals(5, stats.puts());
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("round 3"));
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The shared coarse clock: never ahead of the system clock, and its thread lives only while used.
 */
final class CoarseClockTest {
  @Test
  void millis_isNeverAheadOfTheSystemClock() {
    try (CoarseClock clock = CoarseClock.acquire()) {
      long before = System.currentTimeMillis();
      long coarse = clock.millis();
      long after = System.currentTimeMillis();
      assertTrue(coarse <= after, "coarse " + coarse + " is ahead of the system clock " + after);
      assertTrue(
          coarse > before - 60_000,
          "coarse " + coarse + " is far behind the system clock " + before);
    }
  }

  @Test
  void thread_runsWhileAClockIsHeld_andStopsWithTheLastClose() {
    int base = CoarseClock.users(); // clocks other tests of this JVM still hold
    CoarseClock first = CoarseClock.acquire();
    CoarseClock second = CoarseClock.acquire();
    assertEquals(base + 2, CoarseClock.users());
    assertTrue(CoarseClock.running());

    first.close();
    first.close(); // a second close of the same clock must not release the other's hold
    assertEquals(base + 1, CoarseClock.users());
    assertTrue(CoarseClock.running(), "one clock is still held");

    second.close();
    assertEquals(base, CoarseClock.users());
    assertEquals(
        base > 0, CoarseClock.running(), "the thread runs exactly while some clock is held");
  }
}

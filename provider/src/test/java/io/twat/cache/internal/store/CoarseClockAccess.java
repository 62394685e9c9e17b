/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

/** Lets tests of other packages see how many coarse clocks are held. */
public final class CoarseClockAccess {
  private CoarseClockAccess() {
  }

  /**
   * Returns how many coarse clocks are held.
   *
   * @return the count
   */
  public static int users() {
    return CoarseClock.users();
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. Thread-safe. */
final class FakeTicker implements Ticker {
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

  @Override
  public long millis() {
    return now.get();
  }

  /** Moves the clock forward by {@code amount} of {@code unit}. */
  void advance(long amount, TimeUnit unit) {
    now.addAndGet(unit.toMillis(amount));
  }
}

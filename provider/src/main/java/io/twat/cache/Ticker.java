/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache;

/**
 * The wall clock a cache reads to decide expiry, in epoch milliseconds. Deadlines are wall-clock
 * instants so that a persistent store keeps them across restarts. Tests inject their own ticker
 * (through {@code TwatConfiguration.setTicker}) instead of sleeping.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Ticker {
  /** The system clock, {@link System#currentTimeMillis()}. */
  Ticker SYSTEM = System::currentTimeMillis;

  /**
   * Returns the current time in epoch milliseconds.
   *
   * @return the time; must not go backwards by much, as expiry deadlines are compared with it
   */
  long millis();
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

/**
 * The two operations the benchmarks measure, over a JCache {@code Cache} or a raw map. Each
 * benchmark fork opens one subject, so the call sites stay monomorphic.
 *
 * @param <V> the type of values; keys are Integers
 */
public interface Handle<V> extends AutoCloseable {
  /** Returns the value of {@code key}, or null on a miss. */
  V get(Integer key);

  /** Stores {@code value} under {@code key}. */
  void put(Integer key, V value);

  /** Removes the cache and its data (and closes its manager, for JCache subjects). */
  @Override
  void close();

  /**
   * Closes the cache but leaves a disk subject's data in its folder, for the next open to find;
   * heap subjects, which keep nothing, just close.
   */
  default void detach() {
    close();
  }
}

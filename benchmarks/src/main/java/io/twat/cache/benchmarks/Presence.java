/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.util.function.IntFunction;

/**
 * Fills a cache and checks that every key is in it. A cache that evicted or lost entries would
 * answer the workload with fast misses and fake-fast numbers, so a trial whose cache is not
 * complete before or after the measurement fails loudly instead.
 */
final class Presence {
  private Presence() {
  }

  /** Puts {@code valueOf(k)} under key k for every k below {@code entries}. */
  static <V> void fill(Handle<V> cache, int entries, IntFunction<V> valueOf) {
    for (int k = 0; k < entries; k++) {
      cache.put(k, valueOf.apply(k));
    }
  }

  /**
   * Throws unless every key below {@code entries} maps to a value {@code matches} accepts.
   *
   * @param when "before" or "after" the trial, for the message
   */
  static <V> void requireAll(
      Subject subject, Handle<V> cache, int entries, ValueCheck<V> matches, String when) {
    int missing = 0;
    int wrong = 0;
    int firstBad = -1;
    for (int k = 0; k < entries; k++) {
      V value = cache.get(k);
      if (value == null || !matches.test(k, value)) {
        if (value == null) {
          missing++;
        } else {
          wrong++;
        }
        if (firstBad < 0) {
          firstBad = k;
        }
      }
    }
    if (missing + wrong > 0) {
      throw new IllegalStateException(
          subject
              + " "
              + when
              + " the trial: "
              + missing
              + " of "
              + entries
              + " keys missing and "
              + wrong
              + " with a wrong value (first: key "
              + firstBad
              + "); its numbers "
              + "would measure misses. Raise its capacity or fix its configuration ("
              + cache
              + ")");
    }
  }

  /** Whether the value read for key k is the right one. */
  @FunctionalInterface
  interface ValueCheck<V> {
    boolean test(int key, V value);
  }
}

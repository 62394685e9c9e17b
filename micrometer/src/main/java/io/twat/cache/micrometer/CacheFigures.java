/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.micrometer;

import io.twat.cache.CacheStats;
import io.twat.cache.TierStatistics;
import io.twat.cache.TwatCaches;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import javax.cache.Cache;

/**
 * The figures the meters of one cache read: a fresh {@link CacheStats} while the cache is open,
 * the last one read once it is closed (so counters do not drop to zero), and nothing held that
 * keeps the cache alive: the cache is referenced weakly, and a closed or collected cache makes the
 * gauges read {@code NaN}.
 *
 * <p>Thread-safe: meters may be read from any thread; the last figures are published through a
 * volatile field.
 */
final class CacheFigures {
  private final WeakReference<Cache<?, ?>> cache;
  private volatile CacheStats last;

  /**
   * Reads the cache's figures once, to learn its tiers.
   *
   * @param cache an open twat-cache cache
   * @throws IllegalArgumentException if the cache is not one of twat-cache's
   * @throws IllegalStateException if it is closed
   */
  CacheFigures(Cache<?, ?> cache) {
    this.cache = new WeakReference<>(cache);
    this.last = TwatCaches.stats(cache);
  }

  /** Returns the figures read when this was made: the cache's name, manager and tiers. */
  CacheStats first() {
    return last;
  }

  /** Returns a count of the cache, or the last one read if the cache is closed. */
  double count(ToLongFunction<CacheStats> count) {
    return count.applyAsLong(current().orElse(last));
  }

  /** Returns a count of one tier, or the last one read if the cache is closed. */
  double tierCount(int tier, ToLongFunction<TierStatistics> count) {
    List<TierStatistics> tiers = current().orElse(last).tiers();
    return tier < tiers.size() ? count.applyAsLong(tiers.get(tier)) : 0;
  }

  /** Returns a level of the open cache (its size, its bytes), {@code NaN} once it is closed. */
  double level(ToLongFunction<CacheStats> level) {
    return current().map(stats -> (double) level.applyAsLong(stats)).orElse(Double.NaN);
  }

  /** Returns a level of one tier of the open cache, {@code NaN} once it is closed. */
  double tierLevel(int tier, ToLongFunction<TierStatistics> level) {
    return current()
        .filter(stats -> tier < stats.tiers().size())
        .map(stats -> (double) level.applyAsLong(stats.tiers().get(tier)))
        .orElse(Double.NaN);
  }

  private Optional<CacheStats> current() {
    Cache<?, ?> open = cache.get();
    if (open == null || open.isClosed()) {
      return Optional.empty();
    }
    try {
      CacheStats stats = TwatCaches.stats(open);
      last = stats;
      return Optional.of(stats);
    } catch (IllegalStateException closedMeanwhile) {
      return Optional.empty();
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.management;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The counters of one cache, also its {@code CacheStatistics} MXBean. Counting is one volatile
 * read when statistics are disabled, and {@link LongAdder} increments when enabled, so that
 * threads do not contend on a counter.
 *
 * <p>Average times are in microseconds, as the JCache MXBean specifies.
 *
 * <p>Thread-safe. Counts are exact once the counted operation has returned.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
  private volatile boolean enabled;

  /** Turns counting on or off; the counts stay as they are. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Returns whether operations are counted. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Returns a start time for {@code record*Time}, or 0 when disabled. */
  public long startTimer() {
    return enabled ? System.nanoTime() : 0L;
  }

  /** Counts {@code count} hits. */
  public void recordHits(long count) {
    if (enabled) {
      hits.add(count);
    }
  }

  /** Counts {@code count} misses. */
  public void recordMisses(long count) {
    if (enabled) {
      misses.add(count);
    }
  }

  /** Counts {@code count} puts. */
  public void recordPuts(long count) {
    if (enabled) {
      puts.add(count);
    }
  }

  /** Counts {@code count} removals. */
  public void recordRemovals(long count) {
    if (enabled) {
      removals.add(count);
    }
  }

  /** Counts {@code count} evictions. */
  public void recordEvictions(long count) {
    if (enabled) {
      evictions.add(count);
    }
  }

  /** Adds the time since {@code start} to the time spent in gets. */
  public void recordGetTime(long start) {
    if (enabled && start != 0L) {
      getNanos.add(System.nanoTime() - start);
    }
  }

  /** Adds the time since {@code start} to the time spent in puts. */
  public void recordPutTime(long start) {
    if (enabled && start != 0L) {
      putNanos.add(System.nanoTime() - start);
    }
  }

  /** Adds the time since {@code start} to the time spent in removals. */
  public void recordRemoveTime(long start) {
    if (enabled && start != 0L) {
      removeNanos.add(System.nanoTime() - start);
    }
  }

  @Override
  public void clear() {
    for (LongAdder adder :
        new LongAdder[] {
          hits, misses, puts, removals, evictions, getNanos, putNanos, removeNanos
        }) {
      adder.reset();
    }
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    return percentage(getCacheHits());
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    return percentage(getCacheMisses());
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    return averageMicros(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return averageMicros(putNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return averageMicros(removeNanos.sum(), getCacheRemovals());
  }

  private float percentage(long part) {
    long gets = getCacheGets();
    return gets == 0 ? 0f : (float) part * 100f / gets;
  }

  private static float averageMicros(long nanos, long count) {
    return count == 0 ? 0f : (float) nanos / TimeUnit.MICROSECONDS.toNanos(1) / count;
  }
}

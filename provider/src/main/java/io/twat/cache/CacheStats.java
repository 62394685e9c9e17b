/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The figures of one cache at one moment, as {@link TwatCaches#stats} reads them. Immutable.
 *
 * <p>{@code hits}, {@code misses}, {@code puts}, {@code removals} and {@code evictions} are the
 * cache's JCache statistics: they count only while statistics are enabled ({@code
 * MutableConfiguration.setStatisticsEnabled(true)} or {@code CacheManager.enableStatistics}), so
 * that they cost nothing otherwise. The {@code tiers} of a {@code twat:universal} cache count their
 * hits, misses and evictions always.
 *
 * @param cacheName the cache's name
 * @param managerUri the URI of its manager
 * @param backend its backend chain, e.g. {@code heap(caffeine, 10000 entries) -> file(/path,
 *     unbounded)}
 * @param folder the folder it keeps its data in, empty for a cache on the heap only
 * @param statisticsEnabled whether the JCache statistics are counting
 * @param hits reads that found a value
 * @param misses reads that found none
 * @param puts values written
 * @param removals values removed
 * @param evictions entries dropped to respect a bound
 * @param tiers each tier's figures, top first
 */
public record CacheStats(
    String cacheName,
    String managerUri,
    String backend,
    Optional<Path> folder,
    boolean statisticsEnabled,
    long hits,
    long misses,
    long puts,
    long removals,
    long evictions,
    List<TierStatistics> tiers) {
  /**
   * Checks the arguments and copies the list.
   *
   * @param cacheName the cache's name
   * @param managerUri its manager's URI
   * @param backend its backend chain, as logged when it was created
   * @param folder its folder on disk, or empty for a cache on the heap only
   * @param statisticsEnabled whether the JCache statistics are on (the counts below are zero if
   *     not)
   * @param hits reads that found a value
   * @param misses reads that found none
   * @param puts values written
   * @param removals values removed
   * @param evictions entries dropped to respect a bound
   * @param tiers each tier's figures, top first
   * @throws NullPointerException if an argument other than the counts is null
   */
  public CacheStats {
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(managerUri, "managerUri");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(folder, "folder");
    tiers = List.copyOf(tiers);
  }

  /**
   * Returns the entries of the cache: those of its last tier, which holds all of them.
   *
   * @return the entries, expired ones not yet removed included; an estimate while others write
   */
  public long entries() {
    return tiers.isEmpty() ? 0 : tiers.get(tiers.size() - 1).entries();
  }

  /**
   * Returns the bytes its tiers keep on disk, added up.
   *
   * @return the bytes, 0 for a cache on the heap only
   */
  public long bytesOnDisk() {
    return tiers.stream().mapToLong(t -> Math.max(0, t.bytesOnDisk())).sum();
  }
}

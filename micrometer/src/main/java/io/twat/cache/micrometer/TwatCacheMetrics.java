/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.twat.cache.CacheStats;
import io.twat.cache.TierStatistics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;
import javax.cache.Cache;

/**
 * Meters for one twat-cache cache, read from its statistics ({@link
 * io.twat.cache.TwatCaches#stats}) instead of its MXBeans, so they work whatever the manager's
 * URI holds (Micrometer's {@code JCacheMetrics} builds a JMX name from the URI and fails on one
 * with a {@code ?}, such as {@code twat:memory?maxEntries=10}).
 *
 * <p>The names follow Micrometer's cache binders, so dashboards made for Caffeine or JCache caches
 * show these too:
 *
 * <ul>
 *   <li>{@code cache.gets} (function counter), tagged {@code result=hit} or {@code result=miss};
 *   <li>{@code cache.puts}, {@code cache.removals}, {@code cache.evictions} (function counters);
 *   <li>{@code cache.size} (gauge): the entries the cache holds;
 *   <li>{@code cache.disk.size} (gauge, bytes): its bytes on disk, 0 for a heap-only cache;
 *   <li>per tier, tagged {@code tier} with the tier's role ({@code heap}, {@code db}, {@code
 *       file}, or {@code store} for a cache of one store): {@code cache.tier.gets} ({@code
 *       result=hit|miss}), {@code cache.tier.evictions}, {@code cache.tier.size} and {@code
 *       cache.tier.disk.size} (bytes).
 * </ul>
 *
 * Every meter carries the tags {@code cache} (the cache's name) and {@code cache.manager} (its
 * manager's URI), plus the tags given here. The cache-wide counts are the JCache statistics, which
 * count only while statistics are enabled for the cache ({@code
 * MutableConfiguration.setStatisticsEnabled(true)} or {@code CacheManager.enableStatistics}); so
 * do the tiers' {@code cache.tier.gets} (their evictions and sizes are read always).
 *
 * <p>The meters hold the cache weakly and never keep it open or reachable: once it is closed, the
 * counters keep the last value they read (a cache's statistics end with it) and the gauges read
 * {@code NaN}. Immutable and thread-safe; bind
 * it to as many registries as needed.
 */
public final class TwatCacheMetrics implements MeterBinder {
  private final Cache<?, ?> cache;
  private final Tags tags;

  /**
   * Makes the meters of a cache.
   *
   * @param cache an open cache of twat-cache's provider
   * @param tags tags for every meter, beside {@code cache} and {@code cache.manager}
   * @throws NullPointerException if an argument is null
   */
  public TwatCacheMetrics(Cache<?, ?> cache, Iterable<Tag> tags) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * Binds the meters of a cache to a registry.
   *
   * @param registry where the meters go
   * @param cache an open cache of twat-cache's provider
   * @param tags key/value pairs, tags for every meter
   * @param <C> the cache's type
   * @return the cache
   * @throws IllegalArgumentException if the cache is not twat-cache's, or the tags are not pairs
   * @throws IllegalStateException if the cache is closed
   */
  public static <C extends Cache<?, ?>> C monitor(MeterRegistry registry, C cache, String... tags) {
    return monitor(registry, cache, Tags.of(tags));
  }

  /**
   * Binds the meters of a cache to a registry.
   *
   * @param registry where the meters go
   * @param cache an open cache of twat-cache's provider
   * @param tags tags for every meter
   * @param <C> the cache's type
   * @return the cache
   * @throws IllegalArgumentException if the cache is not twat-cache's
   * @throws IllegalStateException if the cache is closed
   */
  public static <C extends Cache<?, ?>> C monitor(
      MeterRegistry registry, C cache, Iterable<Tag> tags) {
    new TwatCacheMetrics(cache, tags).bindTo(registry);
    return cache;
  }

  /**
   * Registers the meters.
   *
   * @throws IllegalArgumentException if the cache is not twat-cache's
   * @throws IllegalStateException if the cache is closed
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    CacheFigures figures = new CacheFigures(cache);
    CacheStats first = figures.first();
    Tags cacheTags =
        tags.and("cache", first.cacheName()).and("cache.manager", first.managerUri());

    counter(registry, "cache.gets", figures, CacheStats::hits, cacheTags.and("result", "hit"),
        "Reads that found a value");
    counter(registry, "cache.gets", figures, CacheStats::misses, cacheTags.and("result", "miss"),
        "Reads that found no value");
    counter(registry, "cache.puts", figures, CacheStats::puts, cacheTags, "Values written");
    counter(registry, "cache.removals", figures, CacheStats::removals, cacheTags,
        "Values removed");
    counter(registry, "cache.evictions", figures, CacheStats::evictions, cacheTags,
        "Entries dropped to respect a bound");
    Gauge.builder("cache.size", figures, f -> f.level(CacheStats::entries))
        .strongReference(true)
        .tags(cacheTags)
        .description("The entries the cache holds (an estimate while others write)")
        .register(registry);
    Gauge.builder("cache.disk.size", figures, f -> f.level(CacheStats::bytesOnDisk))
        .strongReference(true)
        .tags(cacheTags)
        .baseUnit(BaseUnits.BYTES)
        .description("The bytes of the cache's data on disk")
        .register(registry);

    List<String> roles = tierNames(first.tiers());
    for (int tier = 0; tier < roles.size(); tier++) {
      bindTier(registry, figures, tier, cacheTags.and("tier", roles.get(tier)));
    }
  }

  private static void bindTier(MeterRegistry registry, CacheFigures figures, int tier, Tags tags) {
    tierCounter(registry, "cache.tier.gets", figures, tier, TierStatistics::hits,
        tags.and("result", "hit"), "Reads this tier answered");
    tierCounter(registry, "cache.tier.gets", figures, tier, TierStatistics::misses,
        tags.and("result", "miss"), "Reads this tier could not answer");
    tierCounter(registry, "cache.tier.evictions", figures, tier, TierStatistics::evictions, tags,
        "Entries this tier dropped to respect its bound");
    Gauge.builder("cache.tier.size", figures, f -> f.tierLevel(tier, TierStatistics::entries))
        .strongReference(true)
        .tags(tags)
        .description("The entries this tier holds")
        .register(registry);
    Gauge.builder(
            "cache.tier.disk.size",
            figures,
            f -> f.tierLevel(tier, t -> Math.max(0, t.bytesOnDisk())))
        .strongReference(true)
        .tags(tags)
        .baseUnit(BaseUnits.BYTES)
        .description("The bytes of this tier's files on disk, 0 for a heap tier")
        .register(registry);
  }

  /** Names the tiers by role; a role that occurs twice gets its position appended. */
  private static List<String> tierNames(List<TierStatistics> tiers) {
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    for (TierStatistics tier : tiers) {
      if (!seen.add(tier.role())) {
        repeated.add(tier.role());
      }
    }
    List<String> names = new ArrayList<>(tiers.size());
    for (int i = 0; i < tiers.size(); i++) {
      String role = tiers.get(i).role();
      names.add(repeated.contains(role) ? role + "-" + i : role);
    }
    return names;
  }

  private static void counter(
      MeterRegistry registry,
      String name,
      CacheFigures figures,
      ToLongFunction<CacheStats> count,
      Tags tags,
      String description) {
    // A function counter holds its state weakly; the function holds the figures (never the
    // cache) so they live as long as the meter.
    FunctionCounter.builder(name, figures, unused -> figures.count(count))
        .tags(tags)
        .description(description)
        .register(registry);
  }

  private static void tierCounter(
      MeterRegistry registry,
      String name,
      CacheFigures figures,
      int tier,
      ToLongFunction<TierStatistics> count,
      Tags tags,
      String description) {
    FunctionCounter.builder(name, figures, unused -> figures.tierCount(tier, count))
        .tags(tags)
        .description(description)
        .register(registry);
  }
}

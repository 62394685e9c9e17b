package io.twat.cache;

import io.twat.cache.core.TwatCache;
import io.twat.cache.core.TwatCacheManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * What tools and people ask of twat-cache caches beside JCache: where a cache keeps its data,
 * what it did, and clearing a manager's caches at once (what the Python {@code twat_cache}'s
 * {@code get_cache_path}, {@code get_stats} and {@code clear_cache} gave).
 *
 * <pre>{@code
 * Optional<Path> folder = TwatCaches.folder(cache);     // empty for twat:memory
 * CacheStats stats = TwatCaches.stats(cache);           // an immutable snapshot
 * TwatCaches.clearAll(manager);                         // every cache of the manager
 * }</pre>
 *
 * <p>The caches and managers must be twat-cache's (as {@code Caching.getCachingProvider()} gives
 * when twat-cache is the provider). Stateless and thread-safe.
 */
public final class TwatCaches {
  private TwatCaches() {
  }

  /**
   * Returns the folder {@code cache} keeps its data in, or empty for a cache on the heap only
   * (what the Python {@code get_cache_path} gave).
   *
   * @param cache a cache of twat-cache's provider
   * @return the folder, or empty
   * @throws IllegalArgumentException if the cache is not a twat-cache cache
   */
  public static Optional<Path> folder(Cache<?, ?> cache) {
    return twat(cache).folder();
  }

  /**
   * Returns the figures of {@code cache} now (what the Python {@code get_stats} gave).
   *
   * @param cache a cache of twat-cache's provider
   * @return an immutable snapshot of its counts and of each tier's figures
   * @throws IllegalArgumentException if the cache is not a twat-cache cache
   * @throws IllegalStateException if the cache is closed
   */
  public static CacheStats stats(Cache<?, ?> cache) {
    TwatCache<?, ?> twat = twat(cache);
    if (twat.isClosed()) {
      throw new IllegalStateException("Cache \"" + twat.getName() + "\" is closed; get its figures while it is open");
    }
    CacheStatisticsMXBean statistics = twat.statistics();
    boolean enabled = twat.isStatisticsEnabled();
    return new CacheStats(twat.getName(), twat.getCacheManager().getURI().toString(), twat.backend(), twat.folder(),
        enabled, statistics.getCacheHits(), statistics.getCacheMisses(), statistics.getCachePuts(),
        statistics.getCacheRemovals(), statistics.getCacheEvictions(), twat.tiers());
  }

  /**
   * Clears every cache of {@code manager}, as {@link Cache#clear()} does each (no writer, no
   * events), on disk too; the caches stay usable (what the Python {@code clear_cache} gave).
   *
   * @param manager a cache manager of twat-cache's provider
   * @return the names of the caches cleared
   * @throws IllegalArgumentException if the manager is not a twat-cache manager
   * @throws IllegalStateException if the manager is closed
   */
  public static List<String> clearAll(CacheManager manager) {
    Objects.requireNonNull(manager, "clearAll needs a cache manager, not null");
    TwatCacheManager twat;
    try {
      twat = manager.unwrap(TwatCacheManager.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("clearAll needs a twat-cache CacheManager, not a "
          + manager.getClass().getName() + "; get it from twat-cache's CachingProvider", e);
    }
    List<String> cleared = new ArrayList<>();
    for (String name : twat.getCacheNames()) {
      Cache<Object, Object> cache = twat.getCache(name);
      if (cache != null && !cache.isClosed()) {
        cache.clear();
        cleared.add(name);
      }
    }
    return List.copyOf(cleared);
  }

  private static TwatCache<?, ?> twat(Cache<?, ?> cache) {
    Objects.requireNonNull(cache, "a cache is needed, not null");
    try {
      return cache.unwrap(TwatCache.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cache \"" + cache.getName() + "\" is not a twat-cache cache but a "
          + cache.getClass().getName() + "; use a cache of twat-cache's CachingProvider", e);
    }
  }
}

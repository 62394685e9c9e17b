/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * What tools and people ask of twat-cache caches beside JCache: where a cache keeps its data,
 * what it did, and clearing a manager's caches at once (what the Python {@code twat_cache}'s
 * {@code get_cache_path}, {@code get_stats} and {@code clear_cache} gave).
 *
 * <pre>{@code
 * TwatCache<String, User> users = TwatCaches.of(cache); // typed, no cast
 * AsyncCache<String, User> async = TwatCaches.async(cache);
 * Optional<Path> folder = TwatCaches.folder(cache);     // empty for twat:memory
 * CacheStats stats = TwatCaches.stats(cache);           // an immutable snapshot
 * TwatCaches.clearAll(manager);                         // every cache of the manager
 * }</pre>
 *
 * <p>The caches and managers must be twat-cache's (as {@code Caching.getCachingProvider()} gives
 * when twat-cache is the provider). Stateless and thread-safe.
 */
public final class TwatCaches {
  /** The package every class of twat-cache lives under. */
  private static final String TWAT_PACKAGE = "io.twat.cache.";

  private TwatCaches() {
  }

  /**
   * Returns {@code cache} as a {@link TwatCache} of the same types, for what JCache does not give
   * (its asynchronous view, its figures, its folder).
   *
   * @param cache a cache of twat-cache's provider
   * @param <K> the type of keys
   * @param <V> the type of values
   * @return the same cache, typed
   * @throws NullPointerException if {@code cache} is null
   * @throws IllegalArgumentException if the cache is not a twat-cache cache
   */
  @SuppressWarnings("unchecked")
  public static <K, V> TwatCache<K, V> of(Cache<K, V> cache) {
    return (TwatCache<K, V>) twat(cache);
  }

  /**
   * Returns the shared {@link AsyncCache} view of {@code cache}, as {@link TwatCache#async()}.
   *
   * @param cache a cache of twat-cache's provider
   * @param <K> the type of keys
   * @param <V> the type of values
   * @return its asynchronous view
   * @throws IllegalArgumentException if the cache is not a twat-cache cache
   * @throws IllegalStateException if the cache is closed
   */
  public static <K, V> AsyncCache<K, V> async(Cache<K, V> cache) {
    return of(cache).async();
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
    return twat(cache).stats();
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
    if (!manager.getClass().getName().startsWith(TWAT_PACKAGE)) {
      throw new IllegalArgumentException("clearAll needs a twat-cache CacheManager, not a "
          + manager.getClass().getName() + "; get it from twat-cache's CachingProvider");
    }
    List<String> cleared = new ArrayList<>();
    for (String name : manager.getCacheNames()) {
      Cache<Object, Object> cache = manager.getCache(name);
      if (cache != null && !cache.isClosed()) {
        twat(cache).clear();
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
      throw new IllegalArgumentException(
          "Cache \""
              + cache.getName()
              + "\" is not a twat-cache cache but a "
              + cache.getClass().getName()
              + "; use a cache of twat-cache's CachingProvider",
          e);
    }
  }
}

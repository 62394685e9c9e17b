/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * A subject reached through the JCache API only: {@code Cache.get} and {@code Cache.put}.
 *
 * <p>Several CachingProviders are on the benchmarks' class path, so the provider is always named
 * by its class ({@link Caching#getCachingProvider(String)}); {@code Caching.getCachingProvider()}
 * would fail.
 *
 * @param <V> the type of values
 */
final class JCacheHandle<V> implements Handle<V> {
  private final CacheManager manager;
  private final Cache<Integer, V> cache;
  private final Runnable afterClose;

  JCacheHandle(CacheManager manager, Cache<Integer, V> cache, Runnable afterClose) {
    this.manager = manager;
    this.cache = cache;
    this.afterClose = afterClose;
  }

  /**
   * Creates a cache on the manager of {@code uri} (the provider's default URI if null); creating
   * it over data a disk store kept attaches to that data.
   *
   * @param providerClass the CachingProvider's class name
   * @param uri the manager URI, or null for the provider's default
   * @param name the cache name
   * @param configuration the cache's configuration, in the provider's own type if it has one
   */
  static <V> JCacheHandle<V> open(String providerClass, String uri, String name,
      Configuration<Integer, V> configuration) {
    return open(providerClass, uri, name, configuration, () -> { });
  }

  /**
   * As {@link #open(String, String, String, Configuration)}, running {@code afterClose} once
   * closed.
   */
  static <V> JCacheHandle<V> open(
      String providerClass,
      String uri,
      String name,
      Configuration<Integer, V> configuration,
      Runnable afterClose) {
    CachingProvider provider = Caching.getCachingProvider(providerClass);
    CacheManager manager =
        provider.getCacheManager(
            uri == null ? provider.getDefaultURI() : URI.create(uri),
            JCacheHandle.class.getClassLoader());
    return new JCacheHandle<>(manager, manager.createCache(name, configuration), afterClose);
  }

  @Override
  public V get(Integer key) {
    return cache.get(key);
  }

  @Override
  public void put(Integer key, V value) {
    cache.put(key, value);
  }

  @Override
  public void close() {
    manager.destroyCache(cache.getName());
    manager.close();
    afterClose.run();
  }

  @Override
  public void detach() {
    manager.close();
  }

  @Override
  public String toString() {
    return cache.toString();
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * A {@link CacheManager} that passes every call to twat-cache's manager and tells its observers of
 * each cache it hands out for the first time (created, or opened from disk) and of each cache it
 * destroys, so that meters and statistics reach caches created after startup too. A cache handed
 * out again after it was closed and reopened counts as a new one. {@link #unwrap} reaches the
 * manager underneath.
 *
 * <p>Thread-safe: observers are told outside any lock of the manager, at most once per cache
 * instance (concurrent first calls may race to tell, but only one wins).
 */
final class ObservedCacheManager implements CacheManager {
  /** Hears of caches as the manager hands them out and destroys them. */
  interface Observer {
    /** Called once for each cache instance the manager hands out. */
    void opened(Cache<?, ?> cache);

    /** Called after a cache was destroyed. */
    void destroyed(String cacheName);
  }

  private final CacheManager delegate;
  private final List<Observer> observers = new CopyOnWriteArrayList<>();
  private final Map<String, WeakReference<Cache<?, ?>>> seen = new ConcurrentHashMap<>();

  ObservedCacheManager(CacheManager delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Adds an observer and tells it of the open caches handed out so far. */
  void observe(Observer observer) {
    observers.add(observer);
    for (WeakReference<Cache<?, ?>> reference : new ArrayList<>(seen.values())) {
      Cache<?, ?> cache = reference.get();
      if (cache != null && !cache.isClosed()) {
        observer.opened(cache);
      }
    }
  }

  /** Returns the caches handed out so far that are still open. */
  List<Cache<?, ?>> openCaches() {
    List<Cache<?, ?>> open = new ArrayList<>();
    for (WeakReference<Cache<?, ?>> reference : seen.values()) {
      Cache<?, ?> cache = reference.get();
      if (cache != null && !cache.isClosed()) {
        open.add(cache);
      }
    }
    return open;
  }

  private <C extends Cache<?, ?>> C announce(C cache) {
    if (cache == null) {
      return null;
    }
    WeakReference<Cache<?, ?>> known = seen.get(cache.getName());
    if (known != null && known.get() == cache) {
      return cache; // the usual case of getCache: no allocation
    }
    WeakReference<Cache<?, ?>> fresh = new WeakReference<>(cache);
    WeakReference<Cache<?, ?>> before = seen.put(cache.getName(), fresh);
    Cache<?, ?> earlier = before == null ? null : before.get();
    if (earlier == cache) {
      return cache;
    }
    if (before != null) {
      observers.forEach(observer -> observer.destroyed(cache.getName()));
    }
    observers.forEach(observer -> observer.opened(cache));
    return cache;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String cacheName, C configuration) {
    return announce(delegate.createCache(cacheName, configuration));
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    return announce(delegate.getCache(cacheName, keyType, valueType));
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName) {
    return announce(delegate.<K, V>getCache(cacheName));
  }

  @Override
  public void destroyCache(String cacheName) {
    delegate.destroyCache(cacheName);
    if (seen.remove(cacheName) != null) {
      observers.forEach(observer -> observer.destroyed(cacheName));
    }
  }

  @Override
  public CachingProvider getCachingProvider() {
    return delegate.getCachingProvider();
  }

  @Override
  public URI getURI() {
    return delegate.getURI();
  }

  @Override
  public ClassLoader getClassLoader() {
    return delegate.getClassLoader();
  }

  @Override
  public Properties getProperties() {
    return delegate.getProperties();
  }

  @Override
  public Iterable<String> getCacheNames() {
    return delegate.getCacheNames();
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    delegate.enableManagement(cacheName, enabled);
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    delegate.enableStatistics(cacheName, enabled);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    return delegate.unwrap(type);
  }
}

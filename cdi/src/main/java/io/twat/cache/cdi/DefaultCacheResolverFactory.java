/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import java.lang.annotation.Annotation;
import java.util.Objects;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.configuration.MutableConfiguration;

/**
 * The spec's default: caches of the default {@code CacheManager} of
 * {@code Caching.getCachingProvider()}, looked up by name and created with a default
 * {@link MutableConfiguration} when missing. A cache an application creates itself beforehand
 * (with its own expiry, size or store) is used as it is.
 *
 * <p>A resolver keeps the cache it found; if that cache or its manager is closed later, the next
 * call looks it up (and creates it) again in the then current default manager.
 *
 * <p>Thread-safe: concurrent first calls may both try to create a cache; one wins and both use it.
 */
public final class DefaultCacheResolverFactory implements CacheResolverFactory {
  private final Supplier<CacheManager> managers;

  /** Resolves caches in the default manager of the default caching provider. */
  public DefaultCacheResolverFactory() {
    this(() -> Caching.getCachingProvider().getCacheManager());
  }

  /**
   * Resolves caches in this manager.
   *
   * @param manager the manager to find and create caches in
   */
  public DefaultCacheResolverFactory(CacheManager manager) {
    this(supplierOf(manager));
  }

  private DefaultCacheResolverFactory(Supplier<CacheManager> managers) {
    this.managers = managers;
  }

  private static Supplier<CacheManager> supplierOf(CacheManager manager) {
    Objects.requireNonNull(manager, "manager");
    return () -> manager;
  }

  @Override
  public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> method) {
    return new NamedCacheResolver(managers, method.getCacheName());
  }

  @Override
  public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> method) {
    String name = method.getCacheAnnotation().exceptionCacheName();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("@CacheResult on " + method.getMethod()
          + " names no exceptionCacheName; set one to cache exceptions");
    }
    return new NamedCacheResolver(managers, name);
  }

  /** Finds (or creates) one named cache, again when the one it had is closed. */
  private static final class NamedCacheResolver implements CacheResolver {
    private final Supplier<CacheManager> managers;
    private final String name;
    private volatile Cache<Object, Object> cache;

    NamedCacheResolver(Supplier<CacheManager> managers, String name) {
      this.managers = managers;
      this.name = name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
      Cache<Object, Object> current = cache;
      if (current == null || current.isClosed()) {
        current = lookUpOrCreate(managers.get());
        cache = current;
      }
      return (Cache<K, V>) current;
    }

    private Cache<Object, Object> lookUpOrCreate(CacheManager manager) {
      Cache<Object, Object> found = manager.getCache(name);
      if (found != null) {
        return found;
      }
      try {
        return manager.createCache(name, new MutableConfiguration<>());
      } catch (CacheException raced) {
        // Another thread created it between getCache and createCache.
        found = manager.getCache(name);
        if (found == null) {
          throw raced;
        }
        return found;
      }
    }
  }
}

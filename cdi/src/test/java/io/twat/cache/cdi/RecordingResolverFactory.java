/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.configuration.MutableConfiguration;

/**
 * A resolver factory that is a CDI bean: it records what the extension tells it and resolves every
 * cache to one of its own, {@value #CACHE}.
 */
@ApplicationScoped
public class RecordingResolverFactory implements CacheResolverFactory {
  static final String CACHE = "chosen-by-factory";
  private final List<CacheMethodDetails<?>> methods = new CopyOnWriteArrayList<>();
  private final List<CacheKeyInvocationContext<?>> invocations = new CopyOnWriteArrayList<>();

  /** The methods the extension asked resolvers for. */
  public List<CacheMethodDetails<?>> methods() {
    return methods;
  }

  /** The calls the resolvers resolved a cache for. */
  public List<CacheKeyInvocationContext<?>> invocations() {
    return invocations;
  }

  @Override
  public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> method) {
    methods.add(method);
    return new CacheResolver() {
      @Override
      @SuppressWarnings("unchecked")
      public <K, V> Cache<K, V> resolveCache(CacheInvocationContext<? extends Annotation> context) {
        invocations.add((CacheKeyInvocationContext<?>) context);
        Cache<Object, Object> cache = ContainerTest.manager().getCache(CACHE);
        return (Cache<K, V>) (cache != null ? cache
            : ContainerTest.manager().createCache(CACHE, new MutableConfiguration<>()));
      }
    };
  }

  @Override
  public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> method) {
    throw new UnsupportedOperationException("no exception cache here");
  }
}

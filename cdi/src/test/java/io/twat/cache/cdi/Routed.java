/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheValue;

/** Writes that name their own resolver factory and key generator. */
@ApplicationScoped
public class Routed {

  @CachePut(
      cacheResolverFactory = RecordingResolverFactory.class,
      cacheKeyGenerator = CaseInsensitiveKeyGenerator.class)
  public void write(String key, @CacheValue String value) {}

  @CacheRemove(cacheResolverFactory = RecordingResolverFactory.class,
      cacheKeyGenerator = CaseInsensitiveKeyGenerator.class)
  public void delete(String key) {
  }

  @CacheRemoveAll(cacheResolverFactory = RecordingResolverFactory.class)
  public void clear() {
  }
}

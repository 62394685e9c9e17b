/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/** Writes to the cache "users" that {@link #find} reads; each write can be told to fail. */
@ApplicationScoped
public class Writes {
  private final java.util.concurrent.atomic.AtomicInteger finds =
      new java.util.concurrent.atomic.AtomicInteger();

  public int finds() {
    return finds.get();
  }

  @CacheResult(cacheName = "users")
  public String find(String id) {
    finds.incrementAndGet();
    return "found " + id;
  }

  @CachePut(cacheName = "users")
  public void save(@CacheKey String id, @CacheValue String user, boolean fail) {
    failIf(fail, new IllegalStateException("save failed"));
  }

  @CachePut(cacheName = "users")
  public void saveKeyed(@CacheKey String id, @CacheValue String user, int ignored) {
  }

  @CachePut(cacheName = "users", afterInvocation = false)
  public void saveFirst(@CacheKey String id, @CacheValue String user) {
    throw new IllegalStateException("after the put");
  }

  @CachePut(
      cacheName = "users",
      cacheFor = IllegalStateException.class,
      noCacheFor = UnsupportedOperationException.class)
  public void saveDespite(@CacheKey String id, @CacheValue String user, RuntimeException thrown) {
    throw thrown;
  }

  @CacheRemove(cacheName = "users")
  public void delete(@CacheKey String id, boolean fail) {
    failIf(fail, new IllegalStateException("delete failed"));
  }

  @CacheRemove(cacheName = "users", afterInvocation = false)
  public void deleteFirst(String id) {
    throw new IllegalStateException("after the removal");
  }

  @CacheRemove(
      cacheName = "users",
      evictFor = RuntimeException.class,
      noEvictFor = IllegalArgumentException.class)
  public void deleteDespite(@CacheKey String id, RuntimeException thrown) {
    throw thrown;
  }

  @CacheRemoveAll(cacheName = "users")
  public void clear(boolean fail) {
    failIf(fail, new IllegalStateException("clear failed"));
  }

  @CacheRemoveAll(cacheName = "users", afterInvocation = false)
  public void clearFirst() {
    throw new IllegalStateException("after the clearing");
  }

  @CacheRemoveAll(
      cacheName = "users",
      evictFor = RuntimeException.class,
      noEvictFor = IllegalArgumentException.class)
  public void clearDespite(RuntimeException thrown) {
    throw thrown;
  }

  private static void failIf(boolean fail, RuntimeException exception) {
    if (fail) {
      throw exception;
    }
  }
}

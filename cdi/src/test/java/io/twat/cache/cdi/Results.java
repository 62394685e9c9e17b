/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheResult;

/** {@code @CacheResult} methods that count how often they really run. */
@ApplicationScoped
public class Results {
  private final AtomicInteger calls = new AtomicInteger();

  public int calls() {
    return calls.get();
  }

  @CacheResult(cacheName = "squares")
  public Integer square(int x) {
    calls.incrementAndGet();
    return x * x;
  }

  @CacheResult
  public String defaultNamed(String text, long number) {
    calls.incrementAndGet();
    return text + number;
  }

  @CacheResult(cacheName = "users")
  public String user(@CacheKey int id, String requestId) {
    calls.incrementAndGet();
    return "user " + id + " (first asked by " + requestId + ")";
  }

  @CacheResult(cacheName = "fresh", skipGet = true)
  public String fresh(String key) {
    return key + " #" + calls.incrementAndGet();
  }

  @CacheResult(cacheName = "nothing")
  public String nothing(String key) {
    calls.incrementAndGet();
    return null;
  }

  @CacheResult(
      cacheName = "parsed",
      exceptionCacheName = "parseFailures",
      cachedExceptions = IllegalArgumentException.class,
      nonCachedExceptions = NumberFormatException.class)
  public Integer parse(String text) {
    calls.incrementAndGet();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty");
    }
    return Integer.valueOf(text);
  }

  @CacheResult(cacheName = "lookups", exceptionCacheName = "lookupFailures")
  public String lookUp(String key) throws java.io.IOException {
    calls.incrementAndGet();
    throw new java.io.FileNotFoundException(key);
  }

  @CacheResult(cacheName = "uncachedFailures")
  public String failWithoutExceptionCache(String key) {
    calls.incrementAndGet();
    throw new IllegalStateException(key);
  }

  @CacheResult(cacheName = "caseless", cacheKeyGenerator = CaseInsensitiveKeyGenerator.class)
  public String echo(String text) {
    calls.incrementAndGet();
    return text;
  }

  @CacheResult(cacheName = "recorded", cacheResolverFactory = RecordingResolverFactory.class)
  public String recorded(@CacheKey String key, int ignored) {
    calls.incrementAndGet();
    return key.toUpperCase(java.util.Locale.ROOT);
  }

  /** Calls itself once with the same key, on the same thread, before the key is cached. */
  @CacheResult(cacheName = "reentrant")
  public String reentrant(@CacheKey String key, boolean again) {
    calls.incrementAndGet();
    return again ? self.reentrant(key, false) + "!" : key;
  }

  @jakarta.inject.Inject
  Results self;
}

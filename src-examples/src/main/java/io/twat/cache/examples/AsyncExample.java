/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import io.twat.cache.AsyncCache;
import io.twat.cache.TwatCaches;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * The asynchronous view of a cache: a hundred callers miss the same key at once and share one
 * load of it.
 */
public final class AsyncExample {
  private AsyncExample() {
  }

  /**
   * Runs the example and prints how many loads a hundred concurrent callers caused.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("loads for 100 concurrent callers: " + run());
  }

  /**
   * Lets a hundred callers ask for the same missing key at once.
   *
   * @return how many times the loader ran
   */
  public static int run() {
    AtomicInteger loads = new AtomicInteger();
    try (CacheManager manager = Caching.getCachingProvider()
        .getCacheManager(URI.create("twat:memory"), AsyncExample.class.getClassLoader())) {
      Cache<String, String> cache =
          manager.createCache(
              "profiles",
              new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      // snippet:async
      AsyncCache<String, String> profiles = TwatCaches.async(cache);

      List<CompletableFuture<String>> callers = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        // Concurrent misses of one key share a single load; the value is then cached.
        callers.add(profiles.get("user-42", id -> {
          loads.incrementAndGet();
          return CompletableFuture.supplyAsync(() -> "profile of " + id);
        }));
      }
      CompletableFuture.allOf(callers.toArray(new CompletableFuture<?>[0])).join();
      // end:async
    }
    return loads.get();
  }
}

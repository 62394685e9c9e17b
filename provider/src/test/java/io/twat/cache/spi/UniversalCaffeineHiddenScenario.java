/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;


import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * Runs inside a class loader that cannot see Caffeine (see {@link UniversalCaffeineHiddenTest}):
 * uses {@code twat:universal} with a heap tier of 10 entries and reports, as text, what it got.
 */
public final class UniversalCaffeineHiddenScenario {
  private UniversalCaffeineHiddenScenario() {
  }

  /**
   * Puts 100 entries through a heap tier of 10 and reads them back.
   *
   * @param dir the manager's folder
   * @return {@code backend=<description> kept=<n>}
   */
  public static String run(String dir) {
    ClassLoader loader = UniversalCaffeineHiddenScenario.class.getClassLoader();
    CachingProvider provider = Caching.getCachingProvider(loader);
    try (CacheManager manager =
        provider.getCacheManager(URI.create("twat:universal?heapEntries=10&dir=" + dir), loader)) {
      Cache<Integer, String> cache =
          manager.createCache(
              "fallback",
              new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class));
      for (int i = 0; i < 100; i++) {
        cache.put(i, "v" + i);
      }
      int kept = 0;
      for (int i = 0; i < 100; i++) {
        if (("v" + i).equals(cache.get(i))) {
          kept++;
        }
      }
      String backend = cache.unwrap(io.twat.cache.internal.core.CacheFacade.class).backend();
      return "backend=" + backend.substring(0, backend.indexOf(" -> ")) + " kept=" + kept;
    } finally {
      provider.close();
    }
  }
}

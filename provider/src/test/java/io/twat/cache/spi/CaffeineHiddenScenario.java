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
 * Runs inside a class loader that cannot see Caffeine (see {@link CaffeineHiddenTest}): uses
 * {@code twat:memory} through the plain JCache API and reports what it got, as text, since no
 * object of this loader's classes can be handed back to the test's.
 */
public final class CaffeineHiddenScenario {
  private CaffeineHiddenScenario() {
  }

  /**
   * Bounds a cache to 100 entries, puts 1000 and reads them back.
   *
   * @param ignored no argument is needed
   * @return {@code caffeineVisible=<bool> backend=<description> kept=<n>}
   */
  public static String run(String ignored) {
    ClassLoader loader = CaffeineHiddenScenario.class.getClassLoader();
    boolean caffeineVisible;
    try {
      Class.forName("com.github.benmanes.caffeine.cache.Caffeine", false, loader);
      caffeineVisible = true;
    } catch (ClassNotFoundException e) {
      caffeineVisible = false;
    }
    CachingProvider provider = Caching.getCachingProvider(loader);
    try (CacheManager manager =
        provider.getCacheManager(URI.create("twat:memory?maxEntries=100"), loader)) {
      Cache<Integer, String> cache =
          manager.createCache(
              "fallback",
              new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class));
      for (int i = 0; i < 1000; i++) {
        cache.put(i, "v" + i);
      }
      int kept = 0;
      for (int i = 0; i < 1000; i++) {
        if (cache.get(i) != null) {
          kept++;
        }
      }
      String backend = cache.unwrap(io.twat.cache.internal.core.CacheFacade.class).backend();
      return "caffeineVisible=" + caffeineVisible + " backend=" + backend + " kept=" + kept;
    } finally {
      provider.close();
    }
  }
}

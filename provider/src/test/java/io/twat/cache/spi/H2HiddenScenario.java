/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import io.twat.cache.internal.core.CacheFacade;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * Runs inside a class loader that cannot see H2 (see {@link H2HiddenTest}): uses {@code twat:db}
 * and {@code twat:universal?tiers=memory,db,file} through the JCache API and reports their
 * backends and whether they kept what was put.
 */
public final class H2HiddenScenario {
  private H2HiddenScenario() {
  }

  /**
   * Puts 50 entries into a cache of each kind and reads them back.
   *
   * @param dir a folder for the managers' data
   * @return {@code h2Visible=<bool> db=<chain> kept=<n> universal=<chain> kept=<n>}, chains without
   *     their details
   */
  public static String run(String dir) {
    ClassLoader loader = H2HiddenScenario.class.getClassLoader();
    boolean h2Visible;
    try {
      Class.forName("org.h2.Driver", false, loader);
      h2Visible = true;
    } catch (ClassNotFoundException e) {
      h2Visible = false;
    }
    CachingProvider provider = Caching.getCachingProvider(loader);
    try {
      return "h2Visible=" + h2Visible
          + " db=" + use(provider.getCacheManager(URI.create("twat:db?dir=" + dir + "/db"), loader))
          + " universal=" + use(provider.getCacheManager(
              URI.create("twat:universal?tiers=memory,db,file&dir=" + dir + "/universal"), loader));
    } finally {
      provider.close();
    }
  }

  private static String use(CacheManager manager) {
    Cache<Integer, String> cache =
        manager.createCache(
            "fallback",
            new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class));
    for (int i = 0; i < 50; i++) {
      cache.put(i, "v" + i);
    }
    int kept = 0;
    for (int i = 0; i < 50; i++) {
      if (("v" + i).equals(cache.get(i))) {
        kept++;
      }
    }
    String backend = cache.unwrap(CacheFacade.class).backend();
    return backend.replaceAll("\\([^)]*\\)", "").replaceAll(" \\(split at.*", "") + " kept=" + kept;
  }
}

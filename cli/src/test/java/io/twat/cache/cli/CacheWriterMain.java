/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import io.twat.cache.spi.TwatCachingProvider;

/**
 * The separate JVM that writes the caches the command line's tests read: arguments are a twat:
 * URI, then {@code name=count} pairs; writes {@code count} String entries ({@code key-i} to a
 * value of {@code i * 10} characters) into each named cache through the JCache API, closes the
 * provider and prints {@code done}.
 */
public final class CacheWriterMain {
  private CacheWriterMain() {
  }

  /** Writes the caches; see the class comment. */
  public static void main(String[] args) {
    CachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager =
          provider.getCacheManager(URI.create(args[0]), CacheWriterMain.class.getClassLoader());
      for (int a = 1; a < args.length; a++) {
        String[] nameAndCount = args[a].split("=", 2);
        Cache<String, String> cache = manager.createCache(nameAndCount[0],
            new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        int count = Integer.parseInt(nameAndCount[1]);
        for (int i = 1; i <= count; i++) {
          cache.put("key-" + i, "v".repeat(i * 10));
        }
      }
    } finally {
      provider.close();
    }
    System.out.println("done");
  }
}

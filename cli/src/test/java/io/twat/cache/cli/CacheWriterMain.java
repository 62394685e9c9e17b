/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.spi.TwatCachingProvider;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.spi.CachingProvider;

/**
 * The separate JVM that writes the caches the command line's tests read: arguments are a twat:
 * URI, then {@code name=count} pairs; writes {@code count} String entries ({@code key-i} to a
 * value of {@code i * 10} characters) into each named cache through the JCache API, closes the
 * provider and prints {@code done}. {@code name=count@millis} makes the cache's entries expire
 * that many milliseconds after they are created (a created-expiry policy).
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
        String[] countAndTtl = nameAndCount[1].split("@", 2);
        MutableConfiguration<String, String> configuration =
            new MutableConfiguration<String, String>().setTypes(String.class, String.class);
        if (countAndTtl.length == 2) {
          configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
              new Duration(TimeUnit.MILLISECONDS, Long.parseLong(countAndTtl[1]))));
        }
        Cache<String, String> cache = manager.createCache(nameAndCount[0], configuration);
        int count = Integer.parseInt(countAndTtl[0]);
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

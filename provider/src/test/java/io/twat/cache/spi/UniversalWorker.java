/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;

/**
 * A process started by {@link UniversalProcessesTest}: {@code increment DIR N} opens the cache
 * {@value #CACHE} on {@code twat:universal?dir=DIR}, prints {@code ready}, waits for a line on its
 * standard input, then N times reads the key {@value #KEY} (so its heap tier holds a copy that
 * other processes make stale) and increments it with {@code invoke}; then prints {@code done}.
 */
public final class UniversalWorker {
  static final String CACHE = "counters";
  static final String KEY = "counter";

  private UniversalWorker() {
  }

  static MutableConfiguration<String, Integer> configuration() {
    return new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class);
  }

  static URI uri(String dir) {
    return URI.create("twat:universal?dir=" + dir);
  }

  public static void main(String[] args) throws Exception {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(uri(args[1]), null);
      Cache<String, Integer> cache = manager.getCache(CACHE, String.class, Integer.class);
      if (cache == null) {
        cache = manager.createCache(CACHE, configuration());
      }
      int n = Integer.parseInt(args[2]);
      System.out.println("ready");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      EntryProcessor<String, Integer, Void> increment = (entry, arguments) -> {
        entry.setValue(entry.exists() ? entry.getValue() + 1 : 1);
        return null;
      };
      for (int i = 0; i < n; i++) {
        cache.get(KEY);
        cache.invoke(KEY, increment);
      }
      System.out.println("done");
    } finally {
      provider.close();
    }
  }
}

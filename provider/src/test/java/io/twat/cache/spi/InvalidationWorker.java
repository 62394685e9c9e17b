/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import io.twat.cache.TwatCaches;
import io.twat.cache.TwatConfiguration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * A JVM holding cache {@value #CACHE} of a {@code twat:universal} URI (args[0]) with a frozen
 * ticker, so that its heap copies never age: only the change log can refresh them. It prints
 * {@code ready}, then answers one line per command on its standard input: {@code get K} (the
 * value or {@code null}), {@code put K V} ({@code ok}), {@code heapHits} (the heap tier's
 * hits), {@code wait K V} ({@code waiting}, then {@code seen} and its {@code System.nanoTime()}
 * once a get of K returns V; for {@link StalenessExperiment}), until its input ends.
 */
public final class InvalidationWorker {
  /** The cache's name. */
  public static final String CACHE = "shared";
  /** The frozen time of the cache's ticker. */
  public static final long FROZEN_MILLIS = 1_000_000_000_000L;

  private InvalidationWorker() {
  }

  /**
   * The configuration every party uses: strings, a frozen ticker, statistics on (the tiers count
   * their hits only then).
   */
  public static TwatConfiguration<String, String> configuration() {
    TwatConfiguration<String, String> configuration = new TwatConfiguration<>();
    configuration.setTypes(String.class, String.class);
    configuration.setStatisticsEnabled(true);
    configuration.setTicker(() -> FROZEN_MILLIS);
    return configuration;
  }

  public static void main(String[] args) throws Exception {
    CacheManager manager = Caching.getCachingProvider()
        .getCacheManager(URI.create(args[0]), InvalidationWorker.class.getClassLoader());
    Cache<String, String> cache = manager.createCache(CACHE, configuration());
    BufferedReader input =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("ready");
    System.out.flush();
    for (String line; (line = input.readLine()) != null; ) {
      String[] words = line.split(" ", 3);
      String answer = switch (words[0]) {
        case "get" -> String.valueOf(cache.get(words[1]));
        case "put" -> {
          cache.put(words[1], words[2]);
          yield "ok";
        }
        case "heapHits" -> Long.toString(TwatCaches.stats(cache).tiers().get(0).hits());
        case "wait" -> {
          System.out.println("waiting");
          System.out.flush();
          while (!words[2].equals(cache.get(words[1]))) {
            LockSupport.parkNanos(50_000);
          }
          // System.nanoTime is CLOCK_MONOTONIC on Linux: one clock for the processes of a host
          yield "seen " + System.nanoTime();
        }
        default -> "unknown command " + line;
      };
      System.out.println(answer);
      System.out.flush();
    }
    manager.close();
  }
}

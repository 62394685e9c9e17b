/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Caches a slow function on {@code twat:memory}, then reads the cache's hits and misses over JMX,
 * as JConsole or VisualVM would. The README's Quick start gives the command that runs it.
 */
public final class QuickStart {
  private final Duration delay;

  /**
   * Creates the example.
   *
   * @param delay how long the slow function takes
   */
  public QuickStart(Duration delay) {
    this.delay = delay;
  }

  /**
   * Runs the example with a slow function of 200 ms.
   *
   * @param args ignored
   * @throws Exception if JMX cannot be read
   */
  public static void main(String[] args) throws Exception {
    Stats stats = new QuickStart(Duration.ofMillis(200)).run(System.out);
    System.out.printf("hits=%d misses=%d (read over JMX)%n", stats.hits(), stats.misses());
  }

  /** The statistics the example read over JMX. */
  public record Stats(long hits, long misses, long puts) {
  }

  /**
   * Looks up the squares of 1..5 three times through a cache and reports the statistics.
   *
   * @param out where to print progress
   * @return the cache statistics read over JMX
   * @throws Exception if JMX cannot be read
   */
  public Stats run(PrintStream out) throws Exception {
    // snippet:usage
    CacheManager manager = Caching.getCachingProvider()
        .getCacheManager(URI.create("twat:memory?maxEntries=10000"), null);
    MutableConfiguration<Integer, String> config =
        new MutableConfiguration<Integer, String>()
            .setTypes(Integer.class, String.class)
            .setStatisticsEnabled(true)
            .setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_HOUR));
    Cache<Integer, String> squares = manager.createCache("squares", config);

    String nine = squares.get(3);          // null: a miss
    if (nine == null) {
      nine = slowSquare(3);
      squares.put(3, nine);                // the next get(3) is a hit
    }
    // end:usage
    try {
      for (int round = 1; round <= 3; round++) {
        long start = System.nanoTime();
        for (int n = 1; n <= 5; n++) {
          String square = squares.get(n);
          if (square == null) {
            square = slowSquare(n);
            squares.put(n, square);
          }
        }
        out.printf(
            "round %d: squares of 1..5 in %d ms%n", round, (System.nanoTime() - start) / 1_000_000);
      }
      return readStatistics("squares");
    } finally {
      manager.close();
    }
  }

  private String slowSquare(int n) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Integer.toString(n * n);
  }

  private static Stats readStatistics(String cacheName) throws Exception {
    // snippet:jmx
    // The MXBean is javax.cache:type=CacheStatistics,CacheManager=<URI>,Cache=<name>; in the URI
    // and name, ',' ':' '=' and newlines become '.', e.g.
    // CacheManager="twat.memory?maxEntries.10000"
    // (quoted, because of the '?'). A pattern query finds it without spelling the manager out.
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName pattern =
        new ObjectName("javax.cache:type=CacheStatistics,Cache=" + cacheName + ",*");
    ObjectName name = server.queryNames(pattern, null).iterator().next();
    long hits = (Long) server.getAttribute(name, "CacheHits");
    long misses = (Long) server.getAttribute(name, "CacheMisses");
    // end:jmx
    long puts = (Long) server.getAttribute(name, "CachePuts");
    return new Stats(hits, misses, puts);
  }
}

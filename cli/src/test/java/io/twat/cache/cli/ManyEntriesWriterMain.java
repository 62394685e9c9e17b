/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.spi.TwatCachingProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * Not a test: writes a large cache for measuring the command line (docs/cli.md, "How fast").
 * Arguments: a twat: URI, a cache name, an entry count and a thread count. Writes {@code key-i}
 * to a value of 1 to 300 characters through the JCache API from that many threads, prints the
 * time taken and {@code done}.
 */
public final class ManyEntriesWriterMain {
  private ManyEntriesWriterMain() {
  }

  /** Writes; see the class comment. */
  public static void main(String[] args) throws InterruptedException {
    int count = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    long started = System.nanoTime();
    CachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(URI.create(args[0]),
          ManyEntriesWriterMain.class.getClassLoader());
      Cache<String, String> cache = manager.createCache(args[1],
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      AtomicInteger next = new AtomicInteger();
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread writer = new Thread(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            cache.put("key-" + i, "v".repeat(i % 300 + 1));
            if (i % 100_000 == 0) {
              System.out.println(i + " written");
            }
          }
        });
        writer.start();
        writers.add(writer);
      }
      for (Thread writer : writers) {
        writer.join();
      }
    } finally {
      provider.close();
    }
    System.out.printf("%d entries in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    System.out.println("done");
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import io.twat.cache.CacheStats;
import io.twat.cache.TwatCaches;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * Keeps pages on {@code twat:universal} (a heap tier over the disk), then asks where the cache
 * lives, what it did, and clears it, with {@link TwatCaches}.
 */
public final class UniversalExample {
  private UniversalExample() {
  }

  /**
   * Runs the example in a temporary folder.
   *
   * @param args ignored
   * @throws Exception if the folder cannot be made
   */
  public static void main(String[] args) throws Exception {
    run(Files.createTempDirectory("twat-universal"), System.out);
  }

  /**
   * Puts three pages, reads one twice, prints the cache's folder and figures, and clears the
   * manager.
   *
   * @param dir the manager's folder
   * @param out where to print
   * @return the figures read before clearing
   */
  public static CacheStats run(Path dir, PrintStream out) {
    CachingProvider provider = Caching.getCachingProvider();
    try {
      // snippet:universal
      CacheManager manager = provider.getCacheManager(
          URI.create("twat:universal?heapEntries=1000&dir=" + dir), null);
      Cache<String, String> pages = manager.createCache("pages",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class)
              .setStatisticsEnabled(true));
      pages.put("/", "<h1>home</h1>");
      pages.put("/about", "<h1>about</h1>");
      pages.put("/big", "x".repeat(100_000));
      pages.get("/");
      pages.get("/");

      Optional<Path> folder = TwatCaches.folder(pages);   // <dir>/pages-<hash>
      CacheStats stats = TwatCaches.stats(pages);         // hits=2, entries=3, per tier figures
      out.println(stats.backend() + " in " + folder.orElseThrow());
      out.println("hits=" + stats.hits() + " entries=" + stats.entries()
          + " bytesOnDisk=" + stats.bytesOnDisk());
      List<String> cleared = TwatCaches.clearAll(manager);  // [pages]
      // end:universal
      out.println("cleared " + cleared);
      return stats;
    } finally {
      provider.close(URI.create("twat:universal?heapEntries=1000&dir=" + dir), null);
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.CacheStats;
import io.twat.cache.TierStatistics;
import io.twat.cache.TwatCaches;
import io.twat.cache.internal.core.CacheFacade;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tiers=memory,db}: every value, large or small, lives in the database under the heap
 * tier, and nothing in a file store (which other hosts could not see).
 */
class UniversalDbLayoutTest {
  @TempDir
  Path folder;

  @Test
  void memoryDb_keepsLargeValuesInTheDatabase_andNoFileStore() throws Exception {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(
          URI.create("twat:universal?tiers=memory,db&dir=" + folder), null);
      Cache<String, String> cache = manager.createCache("shared",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      cache.put("small", "s");
      cache.put("large", "L".repeat(200_000));

      assertEquals(200_000, cache.get("large").length());
      String backend = cache.unwrap(CacheFacade.class).backend();
      assertTrue(backend.startsWith("heap(caffeine, 10000 entries) -> db(jdbc:h2:"), backend);
      CacheStats stats = TwatCaches.stats(cache);
      assertEquals(List.of("heap", "db"),
          stats.tiers().stream().map(TierStatistics::role).toList());
      assertEquals(2, stats.tiers().get(1).entries(), "the db tier holds both values");
      try (Stream<Path> files = Files.walk(folder)) {
        List<Path> others = files.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().startsWith("twat-cache.")).toList();
        assertEquals(List.of(), others, "only the database's files");
      }
    } finally {
      provider.close();
    }
  }
}

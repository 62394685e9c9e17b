/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.spi.TwatCachingProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal is safe only on a file that {@link JournalOpenGuard} watches (it refuses H2's own
 * reconnects while journals wait, and tells when another process reached the file); the store's
 * own URL names it. An embedded H2 URL in mixed mode that the application gives without it keeps
 * a checkpoint per durable change.
 */
final class DbJournalUnguardedUrlTest {
  @TempDir
  Path folder;

  @Test
  void aMixedModeH2UrlWithoutTheGuard_isNeverJournaled() throws Exception {
    Path base = folder.resolve("own");
    String url = "jdbc:h2:" + base + ";AUTO_SERVER=TRUE";
    CachingProvider provider = new TwatCachingProvider();
    try {
      Cache<Integer, String> cache = provider.getCacheManager(URI.create("twat:db?url="
          + URLEncoder.encode(url, StandardCharsets.UTF_8)), null).createCache("c",
          new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class));
      for (int k = 0; k < 20; k++) {
        cache.put(k, "value " + k);
      }
      assertEquals(0, JournalReplay.journals(FileSystem.system(), base).size(),
          "no journal beside a file the guard does not watch");
      assertEquals("value 7", cache.get(7));
    } finally {
      provider.close();
    }
  }
}

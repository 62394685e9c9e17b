/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twat.cache.testing.ChildJvms;
import java.nio.file.Path;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real JVMs on one twat:universal folder: read-modify-write never works on a heap tier's
 * stale copy.
 */
final class UniversalProcessesTest {
  @TempDir
  Path temp;

  @Test
  void threeJvmsInvokingIncrementsOnOneKey_countExactlyEveryIncrement() throws Exception {
    Path dir = temp.resolve("shared");
    try (ChildJvms jvms = new ChildJvms(UniversalWorker.class, temp)) {
      jvms.runTogether(3, /* minutes= */ 3, "increment", dir.toString(), "300");
    }

    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      Cache<String, Integer> cache =
          provider
              .getCacheManager(UniversalWorker.uri(dir.toString()), null)
              .createCache(UniversalWorker.CACHE, UniversalWorker.configuration());
      assertEquals(900, cache.get(UniversalWorker.KEY));
    } finally {
      provider.close();
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every disk store keeps its caches for later managers: a new manager (as in a new JVM) lists
 * them, reopens them by name with their data, and destroying one removes it for good.
 */
class PersistedCachesTest {
  @TempDir
  Path folder;

  /**
   * Runs {@code work} with a manager of a fresh provider, as a new JVM would have, then closes it.
   */
  private void inNewProvider(String kind, Consumer<CacheManager> work) {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      work.accept(
          provider.getCacheManager(
              URI.create(kind + (kind.contains("?") ? "&" : "?") + "dir=" + folder), null));
    } finally {
      provider.close();
    }
  }

  private static List<String> names(CacheManager manager) {
    List<String> names = new ArrayList<>();
    manager.getCacheNames().forEach(names::add);
    return names;
  }

  @ParameterizedTest
  @ValueSource(strings = {"twat:db", "twat:universal", "twat:universal?tiers=memory,db,file"})
  void aCacheWrittenByOneManager_isListedAndReopenedByTheNext(String kind) {
    inNewProvider(
        kind,
        manager ->
            manager
                .createCache(
                    "scores",
                    new MutableConfiguration<String, Integer>()
                        .setTypes(String.class, Integer.class))
                .put("ann", 7));

    inNewProvider(kind, manager -> {
      assertEquals(List.of("scores"), names(manager));
      Cache<String, Integer> scores = manager.getCache("scores", String.class, Integer.class);
      assertNotNull(scores);
      assertEquals(7, scores.get("ann"));
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"twat:db", "twat:universal", "twat:universal?tiers=memory,db,file"})
  void destroyCache_ofAnOpenOrAnUnopenedCache_removesItForLaterManagers(String kind) {
    inNewProvider(kind, manager -> {
      MutableConfiguration<String, Integer> types = new MutableConfiguration<String, Integer>()
          .setTypes(String.class, Integer.class);
      manager.createCache("open", types).put("a", 1);
      manager.createCache("unopened", types).put("b", 2);
    });

    inNewProvider(kind, manager -> {
      manager.getCache("open").clear();
      manager.destroyCache("open");
      manager.destroyCache("unopened");
      assertEquals(List.of(), names(manager));
    });

    inNewProvider(kind, manager -> {
      assertEquals(List.of(), names(manager));
      assertNull(manager.getCache("open"));
      Cache<String, Integer> again = manager.createCache("unopened",
          new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
      assertNull(again.get("b"), "a destroyed cache's data is gone");
    });
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cache destroyed and created again with other types by one manager while another manager
 * (of another provider, as in another process) holds it open: the holder's writes fail with a
 * message saying so, and it never reads a value of the new types, on every disk kind. Its heap
 * tier (twat:universal) may serve its own earlier copies until they are maxStaleMillis old.
 */
class DestroyedWhileHeldTest {
  @TempDir
  Path folder;

  private CacheManager manager(TwatCachingProvider provider, String kind) {
    return provider.getCacheManager(
        URI.create(kind + (kind.contains("?") ? "&" : "?") + "dir=" + folder), null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"twat:file", "twat:db", "twat:universal",
      "twat:universal?tiers=memory,db,file&threshold=16"})
  void holder_ofACacheRecreatedWithOtherTypes_failsItsWrites_andReadsNoneOfTheNewValues(
      String kind) {
    TwatCachingProvider holding = new TwatCachingProvider();
    TwatCachingProvider other = new TwatCachingProvider();
    try {
      @SuppressWarnings("unchecked") // raw, so that a value of the wrong type would show as such
      Cache<Object, Object> held = (Cache<Object, Object>) (Cache<?, ?>) manager(holding, kind)
          .createCache("shared", new MutableConfiguration<String, String>()
              .setTypes(String.class, String.class));
      held.put("small", "old");
      held.put("large", "old".repeat(100));

      CacheManager recreating = manager(other, kind);
      recreating.destroyCache("shared");
      Cache<String, Long> recreated = recreating.createCache("shared",
          new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
      recreated.put("small", 7L);
      recreated.put("large", 8L);
      recreated.put("new", 9L);

      for (int i = 0; i < 100; i++) {
        String key = "stale" + i;
        CacheException thrown = assertThrows(CacheException.class, () -> held.put(key, "v"));
        assertTrue(String.valueOf(thrown.getMessage()).contains("destroyed"),
            thrown::getMessage);
      }
      for (String key : new String[] {"small", "large", "new"}) {
        try {
          Object value = held.get(key);
          assertFalse(value instanceof Long, key + " served the new cache's " + value);
        } catch (CacheException e) {
          assertTrue(String.valueOf(e.getMessage()).contains("destroyed"), e::getMessage);
        }
      }

      assertNull(recreated.get("stale0"));
      assertEquals(7L, recreated.get("small"));
      assertEquals(8L, recreated.get("large"));
    } finally {
      holding.close();
      other.close();
    }
  }

  /**
   * A twat:db holder of a destroyed cache does not miss every key forever without a word: a read
   * that misses fails, saying what happened and what to do, as its writes do (a hit needs the
   * cache's rows, which the destroy deleted).
   */
  @Test
  void dbHolder_ofADestroyedCache_failsItsReads_insteadOfMissingSilently() {
    TwatCachingProvider holding = new TwatCachingProvider();
    TwatCachingProvider other = new TwatCachingProvider();
    try {
      Cache<String, String> held = manager(holding, "twat:db").createCache("gone",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      held.put("k", "v");
      assertEquals("v", held.get("k"));
      assertNull(held.get("absent"), "a plain miss while the cache exists");

      manager(other, "twat:db").destroyCache("gone");

      for (String key : new String[] {"k", "absent"}) {
        CacheException thrown = assertThrows(CacheException.class, () -> held.get(key));
        String message = String.valueOf(thrown.getMessage());
        assertTrue(message.contains("\"gone\"") && message.contains("destroyed")
            && message.contains("get it again"), message);
      }
    } finally {
      holding.close();
      other.close();
    }
  }
}

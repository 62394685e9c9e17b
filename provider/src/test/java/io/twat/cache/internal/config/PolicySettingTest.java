/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.core.CacheFacade;
import io.twat.cache.spi.TwatCachingProvider;
import java.net.URI;
import java.util.Properties;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

class PolicySettingTest {

  private static ManagerSettings resolve(String uri) {
    return ManagerSettings.resolve(URI.create(uri), new Properties(), new FakeEnvironment());
  }

  @Test
  void policy_defaultsToTinyLfu_andAcceptsLruAndFifoInAnyCase() {
    assertEquals(ManagerSettings.MemoryPolicy.TINYLFU, resolve("twat:memory").policy());
    assertEquals(ManagerSettings.MemoryPolicy.LRU, resolve("twat:memory?policy=lru").policy());
    assertEquals(ManagerSettings.MemoryPolicy.FIFO, resolve("twat:memory?policy=FIFO").policy());
  }

  @Test
  void policy_unknownName_isRefusedWithTheAllowedNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> resolve("twat:memory?policy=lfu"));

    assertTrue(
        e.getMessage().contains("policy=lfu") && e.getMessage().contains("tinylfu, lru or fifo"),
        e.getMessage());
  }

  @Test
  void policyLru_runsCachesOnTheBuiltInStore() {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheFacade<?, ?> cache =
          provider
              .getCacheManager(URI.create("twat:memory?policy=fifo&maxEntries=10"), null)
              .createCache("c", new MutableConfiguration<String, String>())
              .unwrap(CacheFacade.class);

      assertEquals("heap(built-in fifo, 10 entries)", cache.backend());
    } finally {
      provider.close();
    }
  }
}

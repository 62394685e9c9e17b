/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.core.CacheFacade;
import io.twat.cache.internal.management.MBeans;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maxEntries and maxBytes on twat:file, end to end, with evictions counted in the statistics. */
class FileManagerBoundsTest {
  @TempDir
  Path folder;

  private final TwatCachingProvider provider = new TwatCachingProvider();

  @AfterEach
  void close() {
    provider.close();
  }

  private static int count(Cache<Integer, byte[]> cache) {
    int count = 0;
    for (Cache.Entry<Integer, byte[]> ignored : cache) {
      count++;
    }
    return count;
  }

  private static CacheStatisticsMXBean statistics(CacheManager manager, String cacheName) {
    ObjectName name =
        MBeans.objectName(MBeans.Type.CacheStatistics, manager.getURI().toString(), cacheName);
    return JMX.newMXBeanProxy(
        ManagementFactory.getPlatformMBeanServer(), name, CacheStatisticsMXBean.class);
  }

  private static Cache<Integer, byte[]> fill(
      CacheManager manager, String name, TwatConfiguration<Integer, byte[]> config) {
    config.setTypes(Integer.class, byte[].class);
    config.setStatisticsEnabled(true);
    Cache<Integer, byte[]> cache = manager.createCache(name, config);
    for (int i = 0; i < 50; i++) {
      cache.put(i, new byte[1_000]);
    }
    return cache;
  }

  @Test
  void maxEntriesInTheUri_boundsAFileCache_andCountsEvictions() {
    CacheManager manager =
        provider.getCacheManager(URI.create("twat:file?dir=" + folder + "&maxEntries=20"), null);

    Cache<Integer, byte[]> cache = fill(manager, "entries", new TwatConfiguration<>());

    assertTrue(count(cache) <= 20, () -> count(cache) + " entries");
    assertTrue(statistics(manager, "entries").getCacheEvictions() >= 30);
    assertTrue(cache.unwrap(CacheFacade.class).backend().contains("20 entries"));
  }

  @Test
  void maxBytesInTheUri_boundsAFileCache_andTheCachesOwnSettingWins() {
    CacheManager manager =
        provider.getCacheManager(URI.create("twat:file?dir=" + folder + "&maxBytes=10KiB"), null);

    Cache<Integer, byte[]> inherited = fill(manager, "bytes", new TwatConfiguration<>());
    Cache<Integer, byte[]> own =
        fill(manager, "own", new TwatConfiguration<Integer, byte[]>().setMaxBytes(0));

    assertTrue(count(inherited) <= 10, () -> count(inherited) + " entries of about 1 KB");
    assertTrue(statistics(manager, "bytes").getCacheEvictions() > 0);
    assertTrue(inherited.unwrap(CacheFacade.class).backend().contains("10240 bytes"),
        inherited.unwrap(CacheFacade.class).backend());
    assertEquals(50, count(own), "maxBytes 0 on the cache means unbounded");
  }
}

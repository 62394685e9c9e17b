/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import io.twat.cache.internal.assembly.FileStoreFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.CacheStats;
import io.twat.cache.TwatCaches;
import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.core.CacheFacade;
import io.twat.cache.internal.management.MBeans;
import io.twat.cache.TierStatistics;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import io.twat.cache.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * twat:universal through the JCache API: its chain, settings, log line, MXBean, events and public
 * API.
 */
class UniversalManagerTest {
  @TempDir
  Path folder;

  private final TwatCachingProvider provider = new TwatCachingProvider();
  private final LogCapture log = LogCapture.of("io.twat.cache");

  @AfterEach
  void close() {
    provider.close();
    log.close();
  }

  private CacheManager manager(String query) {
    return provider.getCacheManager(URI.create("twat:universal?dir=" + folder + query), null);
  }

  private static MutableConfiguration<String, String> strings() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  @Test
  void createCache_logsOneInfoLineNamingTheCacheTheUriAndTheChain() {
    CacheManager manager = manager("&heapEntries=500");

    manager.createCache("users", strings());

    String expected =
        "cache \"users\" on twat:universal?dir="
            + folder
            + "&heapEntries=500: heap(caffeine, 500 entries)"
            + " -> file("
            + folder.resolve(FileStoreFactory.folderName("users"))
            + ", unbounded)";
    assertEquals(List.of(expected), log.messages(Level.INFO));
  }

  @Test
  void entries_survive_closingTheProvider_andHeapEvictionLosesNothing() {
    Cache<String, String> cache = manager("&heapEntries=10").createCache("kept", strings());
    for (int i = 0; i < 200; i++) {
      cache.put("k" + i, "v" + i);
    }
    provider.close();

    TwatCachingProvider second = new TwatCachingProvider();
    try {
      Cache<String, String> reopened =
          second
              .getCacheManager(URI.create("twat:universal?dir=" + folder), null)
              .createCache("kept", strings());
      for (int i = 0; i < 200; i++) {
        assertEquals("v" + i, reopened.get("k" + i));
      }
    } finally {
      second.close();
    }
  }

  @Test
  void tiersFile_hasNoHeapTier() {
    Cache<String, String> cache = manager("&tiers=file").createCache("c", strings());

    assertTrue(
        cache.unwrap(CacheFacade.class).backend().startsWith("file("),
        cache.unwrap(CacheFacade.class).backend());
  }

  @Test
  void tiersWithDb_keepSmallValuesInTheDbStore_andLargeOnesInTheFileStore() {
    Cache<String, String> cache =
        manager("&tiers=memory,db,file&threshold=1KiB").createCache("a", strings());
    String large = "x".repeat(4096);
    cache.put("small", "v");
    cache.put("large", large);

    assertEquals("v", cache.get("small"));
    assertEquals(large, cache.get("large"));
    String backend = cache.unwrap(CacheFacade.class).backend();
    assertTrue(
        backend.matches(
            "heap\\(caffeine, 10000 entries\\) -> db\\(jdbc:h2:.*\\) \\| file\\(.*\\) "
                + "\\(split at 1024 bytes\\)"),
        backend);
    assertTrue(log.messages(Level.WARNING).isEmpty(), () -> log.messages(Level.WARNING).toString());
  }

  @Test
  void badTierList_failsNamingTheSetting() {
    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> manager("&tiers=file,memory"));

    assertTrue(thrown.getMessage().contains("tiers=file,memory"), thrown::getMessage);
  }

  @Test
  void everyOperation_firesOneEvent_notOnePerTier_andExpiryThroughTheTiersToo() {
    AtomicLong now = new AtomicLong(1_700_000_000_000L);
    TwatConfiguration<String, String> configuration = new TwatConfiguration<>();
    configuration.setTypes(String.class, String.class);
    configuration.setTicker(now::get);
    configuration.setExpiryPolicyFactory(
        CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 10)));
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(new Events()),
            null,
            /* isOldValueRequired= */ false,
            /* isSynchronous= */ true));
    Cache<String, String> cache = manager("").createCache("events", configuration);
    Events.SEEN.clear();

    cache.put("k", "v1");
    cache.get("k");
    cache.put("k", "v2");
    cache.remove("k");
    cache.put("e", "x");
    now.addAndGet(10_000);
    cache.get("e");

    assertEquals(
        List.of("CREATED k", "UPDATED k", "REMOVED k", "CREATED e", "EXPIRED e"),
        List.copyOf(Events.SEEN));
  }

  @Test
  void tiersMXBean_showsTheChainFolderAndEachTier_whileStatisticsAreEnabled() throws Exception {
    CacheManager manager = manager("&heapEntries=5");
    Cache<String, String> cache = manager.createCache("mx", strings().setStatisticsEnabled(true));
    for (int i = 0; i < 20; i++) {
      cache.put("k" + i, "v" + i);
    }
    for (int i = 0; i < 20; i++) {
      cache.get("k" + i);
    }
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    // the JCache naming rule: , : = become '.', then a value with ? is quoted
    ObjectName name = new ObjectName("io.twat.cache:type=CacheTiers,CacheManager="
        + ObjectName.quote(manager.getURI().toString().replaceAll("[,:=\n]", ".")) + ",Cache=mx");
    assertEquals(name, MBeans.tiersObjectName(manager.getURI().toString(), "mx"));

    assertTrue(
        ((String) server.getAttribute(name, "Backend"))
            .startsWith("heap(caffeine, 5 entries) -> file("));
    assertEquals(
        folder.resolve(FileStoreFactory.folderName("mx")).toString(),
        server.getAttribute(name, "Folder"));
    CompositeData[] tiers = (CompositeData[]) server.getAttribute(name, "Tiers");
    assertEquals(2, tiers.length);
    assertEquals("heap", tiers[0].get("role"));
    assertEquals("file", tiers[1].get("role"));
    assertEquals(20L, (Long) tiers[0].get("hits") + (Long) tiers[0].get("misses"));
    assertEquals(tiers[0].get("misses"), (Long) tiers[1].get("hits"));
    assertTrue(
        (Long) tiers[0].get("evictions") >= 15, "heap evictions " + tiers[0].get("evictions"));
    assertEquals(20L, tiers[1].get("entries"));
    assertTrue((Long) tiers[1].get("bytesOnDisk") > 0);

    manager.enableStatistics("mx", false);
    assertFalse(
        server.isRegistered(name),
        "unregistered once neither statistics nor management is enabled");
  }

  @Test
  void tiersMXBean_ofAMemoryCache_hasOneTier() throws Exception {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory"), null);
    Cache<String, String> cache = manager.createCache("mem", strings().setManagementEnabled(true));
    cache.put("k", "v");
    ObjectName name = MBeans.tiersObjectName(manager.getURI().toString(), "mem");

    CompositeData[] tiers =
        (CompositeData[]) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Tiers");

    assertEquals(1, tiers.length);
    assertEquals("store", tiers[0].get("role"));
    assertEquals(1L, tiers[0].get("entries"));
    assertEquals("", ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Folder"));
    cache.close();
    assertFalse(
        ManagementFactory.getPlatformMBeanServer().isRegistered(name),
        "unregistered when the cache closes");
  }

  @Test
  void publicApi_givesFolderStatsAndClearsEveryCache() throws Exception {
    CacheManager manager = manager("");
    Cache<String, String> a = manager.createCache("a", strings().setStatisticsEnabled(true));
    Cache<String, String> b = manager.createCache("b", strings());
    a.put("k", "v");
    a.get("k");
    a.get("absent");
    b.put("k", "x".repeat(1000));
    Cache<String, String> memory = provider.getCacheManager(URI.create("twat:memory"), null)
        .createCache("m", strings());

    Path folderOfA = TwatCaches.folder(a).orElseThrow();
    CacheStats stats = TwatCaches.stats(a);

    assertEquals(folder.resolve(FileStoreFactory.folderName("a")), folderOfA);
    assertTrue(Files.isDirectory(folderOfA));
    assertTrue(TwatCaches.folder(memory).isEmpty());
    assertEquals("a", stats.cacheName());
    assertTrue(stats.statisticsEnabled());
    assertEquals(1, stats.hits());
    assertEquals(1, stats.misses());
    assertEquals(1, stats.puts());
    assertEquals(1, stats.entries());
    assertTrue(stats.bytesOnDisk() > 0);
    assertEquals(
        List.of("heap", "file"), stats.tiers().stream().map(TierStatistics::role).toList());

    assertEquals(List.of("a", "b"), TwatCaches.clearAll(manager));

    assertEquals(0, TwatCaches.stats(a).entries());
    assertEquals(0, TwatCaches.stats(b).entries());
    assertEquals(null, b.get("k"));
    b.put("k", "again");
    assertEquals("again", b.get("k"), "a cleared cache stays usable");
  }

  @Test
  void tierHitsAndMisses_areCountedWhileTheCachesStatisticsAreEnabled() {
    CacheManager manager = manager("");
    Cache<String, String> cache = manager.createCache("counted", strings());
    cache.put("k", "v");
    cache.get("k");
    cache.get("k");
    assertEquals(List.of(0L, 0L), heapReads(cache), "statistics off: no tier counts its reads");

    manager.enableStatistics("counted", true);
    cache.get("k");
    cache.get("absent");
    assertEquals(List.of(1L, 1L), heapReads(cache), "the heap tier's hit and miss");
    TierStatistics below = TwatCaches.stats(cache).tiers().get(1);
    assertEquals(1, below.misses(), "the tier below was asked for the absent key");

    manager.enableStatistics("counted", false);
    cache.get("k");
    cache.get("absent");
    assertEquals(List.of(1L, 1L), heapReads(cache), "off again: the counts stay as they were");
  }

  /** The heap tier's hits and misses. */
  private static List<Long> heapReads(Cache<String, String> cache) {
    TierStatistics heap = TwatCaches.stats(cache).tiers().get(0);
    assertEquals("heap", heap.role());
    return List.of(heap.hits(), heap.misses());
  }

  /** Records each event as "TYPE key" in one static list (listeners are made from a factory). */
  static final class Events implements CacheEntryCreatedListener<String, String>,
      CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>,
      CacheEntryExpiredListener<String, String>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    private static void record(
        Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      List<String> batch = new ArrayList<>();
      for (CacheEntryEvent<? extends String, ? extends String> event : events) {
        batch.add(event.getEventType() + " " + event.getKey());
      }
      SEEN.addAll(batch);
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      record(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      record(events);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      record(events);
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      record(events);
    }
  }
}

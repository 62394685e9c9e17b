/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.twat.cache.spi.TwatCachingProvider;
import io.twat.cache.testing.LogCapture;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters of {@link TwatCacheMetrics} on the memory, file and universal stores. */
class TwatCacheMetricsTest {
  @TempDir Path folder;

  private final TwatCachingProvider provider = new TwatCachingProvider();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LogCapture log = LogCapture.of("io.twat.cache");

  @AfterEach
  void close() {
    provider.close();
    registry.close();
    log.close();
    assertEquals(List.of(), log.warnings());
  }

  private Cache<String, String> cache(String uri) {
    CacheManager manager = provider.getCacheManager(URI.create(uri), null);
    return manager.createCache(
        "books",
        new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setStatisticsEnabled(true));
  }

  private double count(String name, String... tags) {
    FunctionCounter counter = registry.find(name).tags(tags).functionCounter();
    assertNotNull(counter, () -> name + " " + String.join(",", tags) + " in " + meterNames());
    return counter.count();
  }

  private double gauge(String name, String... tags) {
    Gauge gauge = registry.find(name).tags(tags).gauge();
    assertNotNull(gauge, () -> name + " " + String.join(",", tags) + " in " + meterNames());
    return gauge.value();
  }

  private Set<String> meterNames() {
    return registry.getMeters().stream()
        .map(meter -> meter.getId().getName() + meter.getId().getTags())
        .collect(Collectors.toSet());
  }

  private static void readAndWrite(Cache<String, String> cache) {
    cache.put("a", "1");
    cache.put("b", "2");
    cache.get("a");
    cache.get("a");
    cache.get("missing");
    cache.remove("b");
  }

  @Test
  void memoryCache_withQueryInItsUri_countsGetsPutsRemovalsAndSize() {
    String uri = "twat:memory?maxEntries=10";
    Cache<String, String> cache = TwatCacheMetrics.monitor(registry, cache(uri), "app", "shop");

    readAndWrite(cache);

    String[] tags = {"cache", "books", "cache.manager", uri, "app", "shop"};
    assertEquals(2, count("cache.gets", concat(tags, "result", "hit")));
    assertEquals(1, count("cache.gets", concat(tags, "result", "miss")));
    assertEquals(2, count("cache.puts", tags));
    assertEquals(1, count("cache.removals", tags));
    assertEquals(0, count("cache.evictions", tags));
    assertEquals(1, gauge("cache.size", tags));
    assertEquals(0, gauge("cache.disk.size", tags));
    assertEquals(1, gauge("cache.tier.size", concat(tags, "tier", "store")));
  }

  @Test
  void memoryCache_overItsBound_countsEvictions() {
    Cache<String, String> cache =
        TwatCacheMetrics.monitor(registry, cache("twat:memory?maxEntries=10"));

    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, "v");
    }
    // Caffeine evicts in its maintenance; a read of every key makes it run and settle.
    for (int i = 0; i < 100; i++) {
      cache.get("k" + i);
    }

    assertTrue(count("cache.evictions", "cache", "books") > 0, meterNames()::toString);
    assertTrue(gauge("cache.size", "cache", "books") <= 10, meterNames()::toString);
  }

  @Test
  void fileCache_reportsEntriesAndBytesOnDisk() {
    String uri = "twat:file?dir=" + folder.resolve("file");
    Cache<String, String> cache = TwatCacheMetrics.monitor(registry, cache(uri));

    readAndWrite(cache);

    String[] tags = {"cache", "books", "cache.manager", uri};
    assertEquals(2, count("cache.gets", concat(tags, "result", "hit")));
    assertEquals(2, count("cache.puts", tags));
    assertEquals(1, gauge("cache.size", tags));
    assertTrue(gauge("cache.disk.size", tags) > 0, meterNames()::toString);
    assertTrue(
        gauge("cache.tier.disk.size", concat(tags, "tier", "store")) > 0,
        meterNames()::toString);
  }

  @Test
  void universalCache_hasMetersPerTier() {
    String uri = "twat:universal?dir=" + folder.resolve("universal");
    Cache<String, String> cache = TwatCacheMetrics.monitor(registry, cache(uri));

    readAndWrite(cache);

    Set<String> tiers =
        registry.find("cache.tier.size").gauges().stream()
            .map(gauge -> gauge.getId().getTag("tier"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("heap", "file"), tiers);
    assertEquals(1, gauge("cache.tier.size", "tier", "file"));
    assertTrue(gauge("cache.tier.disk.size", "tier", "file") > 0, meterNames()::toString);
    assertEquals(0, gauge("cache.tier.disk.size", "tier", "heap"));
    double tierReads =
        count("cache.tier.gets", "tier", "heap", "result", "hit")
            + count("cache.tier.gets", "tier", "heap", "result", "miss");
    assertTrue(tierReads >= 3, meterNames()::toString);
  }

  @Test
  void closedCache_keepsItsLastCountsAndItsGaugesReadNaN() {
    Cache<String, String> cache =
        TwatCacheMetrics.monitor(registry, cache("twat:memory?maxEntries=10"));
    readAndWrite(cache);
    assertEquals(2, count("cache.puts", "cache", "books")); // a scrape before the close

    cache.close();

    assertEquals(2, count("cache.puts", "cache", "books"));
    assertTrue(Double.isNaN(gauge("cache.size", "cache", "books")));
  }

  @Test
  void meters_doNotKeepACacheReachable() {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory"), null);
    WeakReference<Cache<String, String>> reference =
        new WeakReference<>(
            TwatCacheMetrics.monitor(
                registry,
                manager.createCache("gone", new MutableConfiguration<String, String>())));
    manager.destroyCache("gone");

    for (int i = 0; i < 50 && reference.get() != null; i++) {
      System.gc();
    }

    assertEquals(null, reference.get());
    assertTrue(Double.isNaN(gauge("cache.size", "cache", "gone")));
  }

  @Test
  void anotherProvidersCache_isRefusedWithTheReason() {
    @SuppressWarnings("unchecked") // a proxy of the raw interface stands for a foreign cache
    Cache<String, String> foreign =
        (Cache<String, String>)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Cache.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getName" -> "foreign";
                      case "unwrap" -> throw new IllegalArgumentException("not a TwatCache");
                      default -> throw new UnsupportedOperationException(method.getName());
                    });

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TwatCacheMetrics.monitor(registry, foreign));
    assertTrue(e.getMessage().contains("not a twat-cache cache"), e.getMessage());
  }

  private static String[] concat(String[] tags, String... more) {
    String[] all = new String[tags.length + more.length];
    System.arraycopy(tags, 0, all, 0, tags.length);
    System.arraycopy(more, 0, all, tags.length, more.length);
    return all;
  }
}

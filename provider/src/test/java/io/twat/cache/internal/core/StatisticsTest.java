/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.management.MBeans;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The CacheStatistics MXBean, read over JMX as a monitoring tool would. */
final class StatisticsTest extends CacheTestSupport {
  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

  private Cache<String, Integer> cacheWithStatistics() {
    TwatConfiguration<String, Integer> config = config(String.class, Integer.class);
    config.setStatisticsEnabled(true);
    return create(config);
  }

  private ObjectName name(Cache<?, ?> cache) {
    return MBeans.objectName(
        MBeans.Type.CacheStatistics, manager.getURI().toString(), cache.getName());
  }

  private long stat(Cache<?, ?> cache, String attribute) throws JMException {
    return (Long) SERVER.getAttribute(name(cache), attribute);
  }

  private void assertCounts(Cache<?, ?> cache, long hits, long misses, long puts, long removals)
      throws JMException {
    assertEquals(hits, stat(cache, "CacheHits"), "CacheHits");
    assertEquals(misses, stat(cache, "CacheMisses"), "CacheMisses");
    assertEquals(hits + misses, stat(cache, "CacheGets"), "CacheGets");
    assertEquals(puts, stat(cache, "CachePuts"), "CachePuts");
    assertEquals(removals, stat(cache, "CacheRemovals"), "CacheRemovals");
  }

  @Test
  void getsPutsAndRemovals_areCounted() throws JMException {
    Cache<String, Integer> cache = cacheWithStatistics();

    cache.put("a", 1);
    cache.put("a", 2);
    cache.put("b", 3);
    cache.get("a");
    cache.get("a");
    cache.get("missing");
    cache.remove("b");
    cache.remove("missing");

    assertCounts(cache, /* hits= */ 2, /* misses= */ 1, /* puts= */ 3, /* removals= */ 1);
    assertEquals(
        2f / 3 * 100, (Float) SERVER.getAttribute(name(cache), "CacheHitPercentage"), 0.01f);
  }

  @Test
  void getAll_countsAHitOrMissPerKey() throws JMException {
    Cache<String, Integer> cache = cacheWithStatistics();
    cache.putAll(Map.of("a", 1, "b", 2));

    cache.getAll(Set.of("a", "b", "c"));

    assertCounts(cache, /* hits= */ 2, /* misses= */ 1, /* puts= */ 2, /* removals= */ 0);
  }

  @Test
  void conditionalOperations_countOnlyWhatTheyDid() throws JMException {
    Cache<String, Integer> cache = cacheWithStatistics();
    cache.put("a", 1);

    cache.replace("a", 99, 2);      // present, value differs: a hit, no put
    cache.replace("a", 1, 2);       // a hit and a put
    cache.replace("missing", 1);    // a miss
    cache.remove("a", 99);          // a hit, no removal
    cache.remove("a", 2);           // a hit and a removal

    assertCounts(cache, /* hits= */ 4, /* misses= */ 1, /* puts= */ 2, /* removals= */ 1);
  }

  @Test
  void getOfAnExpiredEntry_isAMiss() throws JMException {
    TwatConfiguration<String, Integer> config = config(String.class, Integer.class);
    config.setStatisticsEnabled(true);
    config.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(SECONDS, 10)));
    Cache<String, Integer> cache = create(config);
    cache.put("a", 1);

    ticker.advance(10, SECONDS);
    cache.get("a");

    assertCounts(cache, /* hits= */ 0, /* misses= */ 1, /* puts= */ 1, /* removals= */ 0);
  }

  @Test
  void putWithZeroCreationDuration_isNotCountedAsAPut() throws JMException {
    TwatConfiguration<String, Integer> config = config(String.class, Integer.class);
    config.setStatisticsEnabled(true);
    config.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ZERO));
    Cache<String, Integer> cache = create(config);

    cache.put("a", 1);

    assertEquals(0, stat(cache, "CachePuts"));
  }

  @Test
  void evictionsOfABoundedCache_areCounted() throws JMException {
    TwatConfiguration<String, Integer> config = config(String.class, Integer.class);
    config.setStatisticsEnabled(true);
    config.setMaxEntries(10);
    Cache<String, Integer> cache = create(config);
    int inserted = 500;

    for (int i = 0; i < inserted; i++) {
      cache.put("k" + i, i);
    }
    long evictions = stat(cache, "CacheEvictions");
    int kept = contents(cache).size();

    assertTrue(kept <= 10, "kept " + kept);
    assertEquals(inserted - kept, evictions);
    assertEquals(inserted, stat(cache, "CachePuts"));
  }

  @Test
  void clearOnTheBean_resetsTheCounts() throws JMException {
    Cache<String, Integer> cache = cacheWithStatistics();
    cache.put("a", 1);
    cache.get("a");

    SERVER.invoke(name(cache), "clear", null, null);

    assertCounts(cache, 0, 0, 0, 0);
  }

  @Test
  void statisticsDisabled_registersNoBean_andEnablingLaterCountsFromThen() throws JMException {
    Cache<String, Integer> cache = create(config(String.class, Integer.class));
    cache.put("a", 1);
    assertFalse(SERVER.isRegistered(name(cache)));

    manager.enableStatistics(cache.getName(), true);
    cache.get("a");

    assertCounts(cache, /* hits= */ 1, /* misses= */ 0, /* puts= */ 0, /* removals= */ 0);
  }

  @Test
  void closingTheCache_unregistersItsBean() {
    Cache<String, Integer> cache = cacheWithStatistics();
    assertTrue(SERVER.isRegistered(name(cache)));

    cache.close();

    assertFalse(SERVER.isRegistered(name(cache)));
  }
}

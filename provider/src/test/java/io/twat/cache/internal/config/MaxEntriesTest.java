/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import io.twat.cache.TwatConfiguration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.core.CacheFacade;
import io.twat.cache.internal.management.MBeans;
import io.twat.cache.spi.TwatCachingProvider;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code maxEntries} setting, end to end: from the manager's URI or properties to a bounded
 * cache.
 */
class MaxEntriesTest {
  private static final int PUTS = 1000;

  private final FakeEnvironment environment = new FakeEnvironment();
  private final TwatCachingProvider provider = new TwatCachingProvider(environment);
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @AfterEach
  void closeManagers() {
    provider.close();
  }

  private static Cache<Integer, Integer> fill(CacheManager manager, String name,
      MutableConfiguration<Integer, Integer> config) {
    config.setTypes(Integer.class, Integer.class).setStatisticsEnabled(true);
    Cache<Integer, Integer> cache = manager.createCache(name, config);
    for (int i = 0; i < PUTS; i++) {
      cache.put(i, i);
    }
    return cache;
  }

  private static int count(Cache<Integer, Integer> cache) {
    int count = 0;
    for (Cache.Entry<Integer, Integer> ignored : cache) {
      count++;
    }
    return count;
  }

  private CacheStatisticsMXBean statistics(CacheManager manager, String cacheName) {
    ObjectName name =
        MBeans.objectName(MBeans.Type.CacheStatistics, manager.getURI().toString(), cacheName);
    return JMX.newMXBeanProxy(server, name, CacheStatisticsMXBean.class);
  }

  @Test
  void maxEntriesInUri_boundsTheCache_andCountsEachEviction() {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory?maxEntries=100"), null);

    Cache<Integer, Integer> cache = fill(manager, "uriBound", new MutableConfiguration<>());

    int kept = count(cache);
    long evictions = statistics(manager, "uriBound").getCacheEvictions();
    assertTrue(kept <= 100, () -> kept + " entries kept");
    assertTrue(evictions > 0, "no eviction counted");
    assertEquals(PUTS, kept + evictions);
  }

  @Test
  void statisticsBean_ofBoundedManager_hasTheDocumentedQuotedName() throws Exception {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory?maxEntries=100"), null);
    fill(manager, "named", new MutableConfiguration<>());

    ObjectName name =
        new ObjectName(
            "javax.cache:type=CacheStatistics,"
                + "CacheManager=\"twat.memory\\?maxEntries.100\",Cache=named");

    assertTrue(server.isRegistered(name));
    assertTrue((Long) server.getAttribute(name, "CacheEvictions") > 0);
  }

  @Test
  void maxEntriesInUri_isTheBackendOfTheCache() {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory?maxEntries=100"), null);

    Cache<Integer, Integer> cache = fill(manager, "described", new MutableConfiguration<>());

    assertTrue(cache.unwrap(CacheFacade.class).backend().contains("100 entries"), cache::toString);
  }

  @Test
  void maxEntriesInProperties_boundsTheCache() {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.maxEntries", "50");
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory"), null, properties);

    Cache<Integer, Integer> cache = fill(manager, "propertyBound", new MutableConfiguration<>());

    assertTrue(count(cache) <= 50);
    assertTrue(statistics(manager, "propertyBound").getCacheEvictions() > 0);
  }

  @Test
  void maxEntriesOfDefaultUri_boundsCachesOfNonTwatManagers() {
    environment.withProperty("twat.cache.defaultUri", "twat:memory?maxEntries=20");
    CacheManager manager = provider.getCacheManager(URI.create("urn:x"), null);

    Cache<Integer, Integer> cache = fill(manager, "defaultBound", new MutableConfiguration<>());

    assertTrue(count(cache) <= 20);
    assertTrue(
        server.isRegistered(
            MBeans.objectName(MBeans.Type.CacheStatistics, "urn.x", "defaultBound")));
  }

  @Test
  void noMaxEntries_keepsEveryEntry() {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory"), null);

    Cache<Integer, Integer> cache = fill(manager, "unbounded", new MutableConfiguration<>());

    assertEquals(PUTS, count(cache));
    assertEquals(0L, statistics(manager, "unbounded").getCacheEvictions());
  }

  @Test
  void twatConfigurationMaxEntries_overridesTheUri() {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory?maxEntries=100"), null);

    Cache<Integer, Integer> cache =
        fill(manager, "tighter", new TwatConfiguration<Integer, Integer>().setMaxEntries(10));

    assertTrue(count(cache) <= 10);
    assertEquals(PUTS, count(cache) + statistics(manager, "tighter").getCacheEvictions());
  }

  @Test
  void twatConfigurationMaxEntriesZero_makesTheCacheUnboundedOnABoundedManager() {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory?maxEntries=100"), null);

    Cache<Integer, Integer> cache =
        fill(manager, "unboundedHere", new TwatConfiguration<Integer, Integer>().setMaxEntries(0));

    assertEquals(PUTS, count(cache));
    assertEquals(0L, statistics(manager, "unboundedHere").getCacheEvictions());
  }

  @Test
  void twatConfigurationInherit_takesTheUrisBound() {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory?maxEntries=100"), null);

    Cache<Integer, Integer> cache = fill(manager, "inherits", new TwatConfiguration<>());

    assertTrue(count(cache) <= 100);
  }

  @Test
  void providerClose_unregistersTheStatisticsBeans() {
    CacheManager manager = provider.getCacheManager(URI.create("twat:memory?maxEntries=100"), null);
    fill(manager, "closing", new MutableConfiguration<>());
    ObjectName name =
        MBeans.objectName(MBeans.Type.CacheStatistics, manager.getURI().toString(), "closing");
    assertTrue(server.isRegistered(name));

    provider.close();

    assertFalse(server.isRegistered(name));
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import io.twat.cache.internal.assembly.StoreAssembler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.CacheStats;
import io.twat.cache.TwatCaches;
import io.twat.cache.internal.config.Environment;
import io.twat.cache.internal.config.ManagerSettings;
import io.twat.cache.internal.core.CacheFacade;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.file.FileStore;
import io.twat.cache.internal.store.tier.Tier;
import io.twat.cache.internal.store.tier.TierFactory;
import io.twat.cache.TierStatistics;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import io.twat.cache.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook through which the db store joins twat:universal, with a file store standing in for
 * it: small values go to it and large ones to the file store; and the fallback when H2 is missing.
 */
class DbTierWiringTest {
  @TempDir
  Path folder;

  private LogCapture log;

  /** A "db" tier that is a file store in the manager's folder, under db-stand-in/<cache>. */
  private static TierFactory standIn(ManagerSettings settings, Path managerFolder) {
    return new TierFactory() {
      @Override
      public <K> Tier<K> create(StoreSpec spec) throws StoreException {
        Path dir = managerFolder.resolve("db-stand-in").resolve(spec.cacheName());
        Store<K> store = FileStore.open(dir, Serializer.allowing(), spec,
            FileStore.Options.defaults());
        return new Tier<>("db", store, Optional.of(dir));
      }
    };
  }

  @BeforeEach
  void listen() {
    log = LogCapture.of(StoreAssembler.class.getName());
  }

  @AfterEach
  void stopListening() {
    log.close();
  }

  private Cache<String, String> cache(TwatCachingProvider provider) {
    return provider
        .getCacheManager(
            URI.create("twat:universal?tiers=memory,db,file&threshold=100&dir=" + folder), null)
        .createCache(
            "split",
            new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  @Test
  void withTheDbStoreAndH2_smallValuesGoToTheDbTier_largeOnesToTheFileTier() {
    TwatCachingProvider provider =
        new TwatCachingProvider(
            Environment.SYSTEM,
            new StoreAssembler(
                Environment.SYSTEM, DbTierWiringTest::standIn, /* h2Present= */ true));
    try {
      Cache<String, String> cache = cache(provider);
      cache.put("small", "s");
      cache.put("large", "L".repeat(1_000));
      cache.put("grows", "g");
      cache.put("grows", "G".repeat(1_000));

      assertEquals("s", cache.get("small"));
      assertEquals(1_000, cache.get("large").length());
      assertEquals(1_000, cache.get("grows").length());
      String backend = cache.unwrap(CacheFacade.class).backend();
      assertTrue(
          backend.startsWith(
                  "heap(caffeine, 10000 entries) -> file(" + folder.resolve("db-stand-in"))
              && backend.endsWith("(split at 100 bytes)"),
          backend);
      CacheStats stats = TwatCaches.stats(cache);
      assertEquals(
          List.of("heap", "db", "file"), stats.tiers().stream().map(TierStatistics::role).toList());
      assertEquals(1, stats.tiers().get(1).entries(), "the db tier holds the one small value");
      assertEquals(2, stats.tiers().get(2).entries(), "the file tier holds the two large ones");
      assertEquals(List.of(), log.warnings());
    } finally {
      provider.close();
    }
  }

  @Test
  void withoutH2_theFileStoreTakesSmallValuesToo_withOneWarningNamingH2() {
    TwatCachingProvider provider =
        new TwatCachingProvider(
            Environment.SYSTEM,
            new StoreAssembler(
                Environment.SYSTEM, DbTierWiringTest::standIn, /* h2Present= */ false));
    try {
      Cache<String, String> cache = cache(provider);
      cache.put("small", "s");

      assertEquals("s", cache.get("small"));
      assertFalse(
          cache.unwrap(CacheFacade.class).backend().contains("|"),
          cache.unwrap(CacheFacade.class).backend());
      List<String> warnings = log.warnings();
      assertEquals(1, warnings.size(), warnings::toString);
      assertTrue(
          warnings.get(0).contains("org.h2.Driver") && warnings.get(0).contains("file store"),
          warnings.get(0));
    } finally {
      provider.close();
    }
  }
}

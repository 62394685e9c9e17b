/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twat.cache.internal.config.FakeEnvironment;
import io.twat.cache.internal.core.CacheFacade;
import io.twat.cache.testing.LogCapture;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * twat:db through the JCache API: where its data goes, reopening, types, credentials and faults.
 */
class DbManagerTest {
  @TempDir
  Path folder;

  private final List<TwatCachingProvider> providers = new ArrayList<>();

  @AfterEach
  void closeProviders() {
    providers.forEach(TwatCachingProvider::close);
  }

  private CacheManager manager(String uri) {
    TwatCachingProvider provider = new TwatCachingProvider();
    providers.add(provider);
    return provider.getCacheManager(URI.create(uri), null);
  }

  private URI dbUri() {
    return URI.create("twat:db?dir=" + folder);
  }

  private static <V> MutableConfiguration<String, V> typed(Class<V> valueType) {
    return new MutableConfiguration<String, V>().setTypes(String.class, valueType);
  }

  @SuppressWarnings("NonApiType") // a Serializable list type, which the cache declares
  private static MutableConfiguration<String, ArrayList<String>> lists() {
    @SuppressWarnings("unchecked")
    Class<ArrayList<String>> listType = (Class<ArrayList<String>>) (Class<?>) ArrayList.class;
    return typed(listType);
  }

  @Test
  void entries_survive_closingTheProviderAndOpeningANewOne() {
    TwatCachingProvider first = new TwatCachingProvider();
    try {
      first.getCacheManager(dbUri(), null).createCache("lists", lists()).put("k",
          new ArrayList<>(List.of("a", "b")));
    } finally {
      first.close();
    }

    Cache<String, ArrayList<String>> reopened =
        manager(dbUri().toString()).createCache("lists", lists());

    assertEquals(List.of("a", "b"), reopened.get("k"));
    String backend = reopened.unwrap(CacheFacade.class).backend();
    assertTrue(backend.startsWith("db(jdbc:h2:retry:" + folder), backend);
    assertTrue(
        Files.exists(folder.resolve("twat-cache.mv.db")),
        "the database file is in the manager's folder");
  }

  @Test
  void defaultFolder_isTheDiskRootSlashDb() {
    FakeEnvironment environment =
        new FakeEnvironment().withProperty("twat.cache.dir", folder.toString());
    TwatCachingProvider provider = new TwatCachingProvider(environment);
    providers.add(provider);

    provider
        .getCacheManager(URI.create("twat:db"), null)
        .createCache("c", typed(String.class))
        .put("k", "v");

    assertTrue(Files.exists(folder.resolve("db").resolve("twat-cache.mv.db")));
  }

  @Test
  void createCache_withOtherTypesOverStoredEntries_failsNamingBothTypes() {
    manager(dbUri().toString()).createCache("typed", typed(Integer.class)).put("k", 1);

    CacheException thrown = assertThrows(CacheException.class,
        () -> manager(dbUri().toString()).createCache("typed", typed(Long.class)));

    assertTrue(thrown.getMessage().contains("java.lang.Integer"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("java.lang.Long"), thrown.getMessage());
  }

  @Test
  void destroyCache_removesTheData_soTheNameTakesOtherTypes() {
    CacheManager manager = manager(dbUri().toString());
    manager.createCache("reused", typed(Integer.class)).put("k", 1);
    manager.destroyCache("reused");

    Cache<String, Long> again = manager.createCache("reused", typed(Long.class));

    assertNull(again.get("k"));
    again.put("k", 2L);
    assertEquals(2L, again.get("k"));
  }

  @Test
  void maxEntriesInTheUri_boundsTheCache_andCountsEvictions() {
    Cache<String, String> cache = manager(dbUri() + "&maxEntries=20").createCache("bounded",
        typed(String.class).setStatisticsEnabled(true));

    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, "v" + i);
    }

    int present = 0;
    for (int i = 0; i < 100; i++) {
      present += cache.containsKey("k" + i) ? 1 : 0;
    }
    assertTrue(present > 0 && present <= 20, "present: " + present);
    assertEquals("v99", cache.get("k99"));
  }

  /** A class the allow-list must name before it can be read back from an untyped cache. */
  static final class Point implements Serializable {
    private static final long serialVersionUID = 1L;
    final int x;

    Point(int x) {
      this.x = x;
    }
  }

  @Test
  void allowSetting_letsAnUntypedCacheReadItsClass_andWithoutIt_theReadIsAMissNamingTheClass() {
    String allowed = dbUri() + "&allow=" + Point.class.getName();
    Cache<Object, Object> cache =
        manager(allowed).createCache("points", new MutableConfiguration<>());
    cache.put("p", new Point(7));
    assertEquals(7, ((Point) cache.get("p")).x);

    Cache<Object, Object> refusing =
        manager(dbUri().toString()).createCache("points", new MutableConfiguration<>());
    List<String> warnings;
    try (LogCapture log = LogCapture.of("io.twat.cache")) {
      assertNull(refusing.get("p"), "a refused value is a miss");
      warnings = log.warnings();
    }

    assertEquals(1, warnings.size(), () -> "warnings: " + warnings);
    assertTrue(warnings.get(0).contains(Point.class.getName()), warnings.get(0));
    assertEquals(7, ((Point) cache.get("p")).x, "the refused row stays for the allowing manager");
  }

  @Test
  void storeByReferenceCache_onTwatDb_keepsReferencesOnTheHeap() {
    Cache<String, ArrayList<String>> cache;
    List<String> warnings;
    try (LogCapture log = LogCapture.of("io.twat.cache")) {
      cache = manager(dbUri().toString()).createCache("refs", lists().setStoreByValue(false));
      warnings = log.warnings();
    }
    assertEquals(1, warnings.size(), () -> "warnings: " + warnings);
    assertTrue(warnings.get(0).contains("store-by-reference"), warnings.get(0));
    ArrayList<String> value = new ArrayList<>(List.of("v"));
    cache.put("k", value);

    assertSame(value, cache.get("k"), "store-by-reference returns the same instance");
    assertTrue(cache.unwrap(CacheFacade.class).backend().startsWith("heap("));
  }

  @Test
  void readOnlyFolder_failsCacheCreationNamingTheFolder() throws Exception {
    Path readOnly = Files.createDirectory(folder.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
    assumeTrue(!Files.isWritable(readOnly), "the user ignores permissions (root)");
    try {
      CacheManager manager = manager("twat:db?dir=" + readOnly.resolve("db"));

      CacheException thrown =
          assertThrows(CacheException.class, () -> manager.createCache("c", typed(String.class)));

      assertTrue(thrown.getMessage().contains(readOnly.toString()), thrown.getMessage());
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void folderThatIsAFile_failsCacheCreationNamingIt() throws Exception {
    Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
    CacheManager manager = manager("twat:db?dir=" + file);

    CacheException thrown =
        assertThrows(CacheException.class, () -> manager.createCache("c", typed(String.class)));

    assertTrue(thrown.getMessage().contains(file.toString()), thrown.getMessage());
  }

  @Test
  void unreachableUrl_failsCacheCreationNamingTheUrl() {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.url", "jdbc:h2:tcp://127.0.0.1:1/nowhere");
    TwatCachingProvider provider = new TwatCachingProvider();
    providers.add(provider);
    CacheManager manager = provider.getCacheManager(URI.create("twat:db"), null, properties);

    CacheException thrown =
        assertThrows(CacheException.class, () -> manager.createCache("c", typed(String.class)));

    assertTrue(
        thrown.getMessage().contains("jdbc:h2:tcp://127.0.0.1:1/nowhere"), thrown.getMessage());
  }

  @Test
  void passwordInTheUri_isRefusedWhenTheManagerIsAskedFor() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> manager("twat:db?password=secret"));

    assertTrue(thrown.getMessage().contains("twat.cache.password"), thrown.getMessage());
  }

  @Test
  void url_withCredentialsFromProperties_reachesAnotherDatabase() throws Exception {
    Path other = folder.resolve("other");
    Properties properties = new Properties();
    properties.setProperty("twat.cache.url", "jdbc:h2:file:" + other.resolve("data"));
    properties.setProperty("twat.cache.user", "app");
    properties.setProperty("twat.cache.password", "s3cret");
    TwatCachingProvider provider = new TwatCachingProvider();
    providers.add(provider);

    Cache<String, String> cache = provider.getCacheManager(URI.create("twat:db"), null, properties)
        .createCache("c", typed(String.class));
    cache.put("k", "v");

    assertEquals("v", cache.get("k"));
    assertTrue(Files.exists(other.resolve("data.mv.db")));
  }
}

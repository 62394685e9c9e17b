/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.spi.TwatCachingProvider;
import io.twat.cache.testing.EmbeddedDatabases;
import io.twat.cache.testing.LogCapture;
import io.twat.cache.testing.Postgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each behaviour test of the facade once per store URI ({@link #stores()}): a
 * fresh provider and manager per test, closed after it, and caches whose clock is {@link #ticker}.
 * The disk stores keep their caches in a folder of the test's own. Cache names are unique per test
 * so that their MXBeans never meet.
 *
 * <p>The JCache semantics live in the facade alone, so every store must show the same behaviour.
 * Where a store may differ (a disk store reads copies back from bytes, and keeps a closed cache's
 * data), the test says so and asks {@link #onHeap()} or {@link #readsValuesFromDisk()}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("stores")
abstract class CacheTestSupport {
  /** The default store, the first every test runs on. */
  static final String MEMORY = "twat:memory";
  /**
   * The run on twat:db over the PostgreSQL server of {@link Postgres}, when one is configured: in a
   * schema of the test's own, dropped after it.
   */
  static final String POSTGRES = "twat:db on PostgreSQL";

  private static final AtomicInteger CACHE_NUMBER = new AtomicInteger();

  protected final FakeTicker ticker = new FakeTicker();
  protected CacheManager manager;
  /** The store URI of this run, without the folder of a disk store. */
  @Parameter
  protected String store;
  @TempDir
  Path folder;
  private CachingProvider provider;
  private String testName;
  /** The schema of a {@link #POSTGRES} run; null on the other stores. */
  private Postgres.Schema schema;
  /** What the provider logs (a disk store warns about store-by-reference caches). */
  private LogCapture log;

  /**
   * Returns the store URIs every test runs on: the five stores, and {@link #POSTGRES} when a
   * PostgreSQL server is configured (a line says so when it is not).
   */
  static List<String> stores() {
    List<String> stores = new ArrayList<>(
        List.of(MEMORY, "twat:memory?policy=lru", "twat:file", "twat:db", "twat:universal"));
    if (Postgres.enabled()) {
      stores.add(POSTGRES);
    } else {
      System.out.println(
          "[postgres] the facade tests skip '" + POSTGRES + "': " + Postgres.MISSING);
    }
    return stores;
  }

  @BeforeEach
  final void openManager(TestInfo info) throws SQLException {
    testName = info.getTestMethod().map(method -> method.getName()).orElse("test");
    log = LogCapture.of("io.twat.cache");
    if (store.equals(POSTGRES)) {
      schema = Postgres.newSchema();
    }
    provider = new TwatCachingProvider();
    manager = provider.getCacheManager(
        URI.create(uri()), getClass().getClassLoader(), managerProperties());
  }

  @AfterEach
  final void closeManager() throws SQLException {
    try {
      provider.close();
      EmbeddedDatabases.shutDown(folder.resolve("data"));
    } finally {
      log.close();
      if (schema != null) {
        schema.close();
      }
    }
  }

  /** Returns the manager's URI: the store's, with a folder of the test's own for a disk store. */
  private String uri() {
    String uri = storeUri();
    if (onHeap()) {
      return uri;
    }
    return uri + (uri.contains("?") ? "&" : "?") + "dir=" + folder.resolve("data");
  }

  /**
   * Returns the URI of this run's store without a folder: {@link #store}, or for {@link #POSTGRES}
   * a twat:db URI on the test's schema.
   */
  protected final String storeUri() {
    return schema == null ? store : schema.twatUri("twat:db");
  }

  /** Returns the Properties a manager of this run's store needs (PostgreSQL's credentials). */
  protected final Properties managerProperties() {
    return schema == null ? new Properties() : Postgres.credentials();
  }

  /** Returns whether this run's store keeps entries on the heap only (a twat:memory store). */
  protected final boolean onHeap() {
    return store.startsWith(MEMORY);
  }

  /**
   * Returns whether this run's store reads every value back from its bytes on disk (twat:file,
   * twat:db), so that no read hands out the instance that was put, immutable or not.
   */
  protected final boolean readsValuesFromDisk() {
    return store.startsWith("twat:file") || store.startsWith("twat:db");
  }

  /** Returns a typed configuration on the fake clock. */
  protected final <K, V> TwatConfiguration<K, V> config(Class<K> keyType, Class<V> valueType) {
    TwatConfiguration<K, V> config = new TwatConfiguration<>();
    config.setTypes(keyType, valueType);
    return config.setTicker(ticker);
  }

  /** Creates a cache with a name of its own. */
  protected final <K, V> Cache<K, V> create(TwatConfiguration<K, V> config) {
    return manager.createCache(testName + "-" + CACHE_NUMBER.incrementAndGet(), config);
  }

  /** Returns what the cache holds, read through its iterator. */
  protected static <K, V> Map<K, V> contents(Cache<K, V> cache) {
    Map<K, V> contents = new HashMap<>();
    for (Cache.Entry<K, V> entry : cache) {
      contents.put(entry.getKey(), entry.getValue());
    }
    return contents;
  }
}

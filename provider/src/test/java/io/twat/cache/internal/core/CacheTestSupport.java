/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.spi.TwatCachingProvider;
import io.twat.cache.testing.EmbeddedDatabases;
import io.twat.cache.testing.LogCapture;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each behaviour test of the facade once per store URI (the {@code @ValueSource} below): a
 * fresh provider and manager per test, closed after it, and caches whose clock is {@link #ticker}.
 * The disk stores keep their caches in a folder of the test's own. Cache names are unique per test
 * so that their MXBeans never meet.
 *
 * <p>The JCache semantics live in the facade alone, so every store must show the same behaviour.
 * Where a store may differ (a disk store reads copies back from bytes, and keeps a closed cache's
 * data), the test says so and asks {@link #onHeap()} or {@link #readsValuesFromDisk()}.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(
    strings = {
      CacheTestSupport.MEMORY,
      "twat:memory?policy=lru",
      "twat:file",
      "twat:db",
      "twat:universal"
    })
abstract class CacheTestSupport {
  /** The default store, the first every test runs on. */
  static final String MEMORY = "twat:memory";

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
  /** What the provider logs (a disk store warns about store-by-reference caches). */
  private LogCapture log;

  @BeforeEach
  final void openManager(TestInfo info) {
    testName = info.getTestMethod().map(method -> method.getName()).orElse("test");
    log = LogCapture.of("io.twat.cache");
    provider = new TwatCachingProvider();
    manager = provider.getCacheManager(URI.create(uri()), getClass().getClassLoader());
  }

  @AfterEach
  final void closeManager() {
    try {
      provider.close();
      EmbeddedDatabases.shutDown(folder.resolve("data"));
    } finally {
      log.close();
    }
  }

  /** Returns the manager's URI: the store's, with a folder of the test's own for a disk store. */
  private String uri() {
    if (onHeap()) {
      return store;
    }
    return store + (store.contains("?") ? "&" : "?") + "dir=" + folder.resolve("data");
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

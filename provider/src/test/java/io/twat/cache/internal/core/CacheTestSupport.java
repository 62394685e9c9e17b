package io.twat.cache.internal.core;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.spi.TwatCachingProvider;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * A fresh provider and {@code twat:memory} manager per test, closed after it, and caches whose
 * clock is {@link #ticker}. Cache names are unique per test so that their MXBeans never meet.
 */
abstract class CacheTestSupport {
  private static final AtomicInteger CACHE_NUMBER = new AtomicInteger();

  protected final FakeTicker ticker = new FakeTicker();
  protected CacheManager manager;
  private CachingProvider provider;
  private String testName;

  @BeforeEach
  final void openManager(TestInfo info) {
    testName = info.getTestMethod().map(method -> method.getName()).orElse("test");
    provider = new TwatCachingProvider();
    manager = provider.getCacheManager(URI.create("twat:memory"), getClass().getClassLoader());
  }

  @AfterEach
  final void closeManager() {
    provider.close();
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

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.spi.TwatCachingProvider;
import io.twat.cache.internal.store.memory.CaffeineStore;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Entries that expire and are never read again must not stay on the heap: the memory store
 * removes them itself and the cache fires their expired events.
 *
 * <p>Runs on {@code twat:memory} (Caffeine) only, unlike the tests on {@link CacheTestSupport}:
 * it tests Caffeine's own clean-up, which a write triggers
 * {@link CaffeineStore#CLEANUP_GRACE_MILLIS} after the deadlines. The built-in store
 * ({@code policy=lru}) keeps expired entries until they are met, evicted or cleared, as the
 * README says, and the disk stores sweep expired entries on a schedule of their own, tested with
 * their stores.
 */
class ExpiredEntryCleanupTest {
  private final TwatCachingProvider provider = new TwatCachingProvider();

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  /** Counts expired events; static state because listener factories copy by serialization. */
  public static final class CountingExpiredListener
      implements CacheEntryExpiredListener<Integer, String>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger EXPIRED = new AtomicInteger();

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends Integer, ? extends String>> events) {
      for (CacheEntryEvent<? extends Integer, ? extends String> event : events) {
        assertEquals("v" + event.getKey(), event.getOldValue());
        EXPIRED.incrementAndGet();
      }
    }
  }

  @Test
  void unboundedCache_whenEntriesExpireUnread_removesThemAndFiresOneExpiredEventEach() {
    AtomicLong now = new AtomicLong(1_000_000L);
    CountingExpiredListener.EXPIRED.set(0);
    CacheManager manager =
        provider.getCacheManager(URI.create("twat:memory"), getClass().getClassLoader());
    TwatConfiguration<Integer, String> config =
        new TwatConfiguration<Integer, String>().setTicker(now::get);
    config
        .setTypes(Integer.class, String.class)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 10)))
        .addCacheEntryListenerConfiguration(
            new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(CountingExpiredListener.class),
                null,
                /* oldValueRequired= */ true,
                /* synchronous= */ true));
    Cache<Integer, String> cache = manager.createCache("expiring", config);
    for (int i = 0; i < 1000; i++) {
      cache.put(i, "v" + i);
    }

    now.addAndGet(10_000L + CaffeineStore.CLEANUP_GRACE_MILLIS);
    cache.put(-1, "v-1"); // any write runs the store's maintenance

    assertEquals(1000, CountingExpiredListener.EXPIRED.get());
    assertFalse(cache.containsKey(0));
    int live = 0;
    for (Cache.Entry<Integer, String> ignored : cache) {
      live++;
    }
    assertEquals(1, live);
  }
}

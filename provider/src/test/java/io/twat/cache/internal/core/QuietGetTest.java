/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.management.MBeans;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.cache.Cache;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.management.JMException;
import javax.management.MBeanServer;
import org.junit.jupiter.api.Test;

/**
 * A get of a cache with statistics off, no listener, no read-through and a policy whose reads
 * change no deadline takes a short path (see {@code CacheFacade.get}). It must behave as the full
 * path: statistics and listeners turned on later are served from the next get on, and an expired
 * entry it meets is removed as the full path removes it.
 */
final class QuietGetTest extends CacheTestSupport {
  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

  private Cache<String, String> cacheExpiringAfter(long seconds) {
    TwatConfiguration<String, String> config = config(String.class, String.class);
    config.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(SECONDS, seconds)));
    return create(config);
  }

  private long stat(Cache<?, ?> cache, String attribute) throws JMException {
    return (Long) SERVER.getAttribute(MBeans.objectName(MBeans.Type.CacheStatistics,
        manager.getURI().toString(), cache.getName()), attribute);
  }

  @Test
  void statisticsTurnedOnAfterUncountedGets_countTheNextHitAndMiss() throws JMException {
    Cache<String, String> cache = create(config(String.class, String.class));
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
    assertNull(cache.get("absent"));

    manager.enableStatistics(cache.getName(), true);
    assertEquals("v", cache.get("k"));
    assertNull(cache.get("absent"));

    assertEquals(1, stat(cache, "CacheHits"), "CacheHits");
    assertEquals(1, stat(cache, "CacheMisses"), "CacheMisses");
  }

  @Test
  void listenerRegisteredAfterQuietGets_hearsTheExpiryALaterGetFinds() {
    Cache<String, String> cache = cacheExpiringAfter(10);
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
    RecordingListener<String, String> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));

    ticker.advance(10, SECONDS);
    assertNull(cache.get("k"));

    assertEquals(List.of(new RecordingListener.Seen<>(EventType.EXPIRED, "k", "v", "v")),
        listener.seen(EventType.EXPIRED));
  }

  @Test
  void expiredEntryMetByAQuietGet_isRemoved() {
    Cache<String, String> cache = cacheExpiringAfter(10);
    cache.put("k", "v");
    ticker.advance(10, SECONDS);
    assertNull(cache.get("k"));

    // had the get left the expired entry in place, the next operation to meet it would report it
    RecordingListener<String, String> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));
    assertNull(cache.get("k"));
    assertFalse(cache.containsKey("k"));

    assertEquals(List.of(), listener.seen(EventType.EXPIRED));
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.core.RecordingListener.Seen;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;
import org.junit.jupiter.api.Test;

/** Cache entry listeners: which events, with which values, when and in which order. */
final class ListenerTest extends CacheTestSupport {

  private Cache<String, Integer> cache() {
    return create(config(String.class, Integer.class));
  }

  private static Seen<String, Integer> event(
      EventType type, String key, Integer value, Integer oldValue) {
    return new Seen<>(type, key, value, oldValue);
  }

  @Test
  void synchronousListener_seesCreatedUpdatedAndRemovedWithOldValues_beforeEachCallReturns() {
    Cache<String, Integer> cache = cache();
    RecordingListener<String, Integer> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));

    cache.put("k", 1);
    assertEquals(List.of(event(EventType.CREATED, "k", 1, null)), listener.seen());

    cache.put("k", 2);
    assertEquals(event(EventType.UPDATED, "k", 2, 1), listener.seen().get(1));

    assertTrue(cache.remove("k"));
    assertEquals(event(EventType.REMOVED, "k", 2, 2), listener.seen().get(2));
    assertEquals(3, listener.seen().size());
  }

  @Test
  void synchronousListener_seesEventsOfEveryWritingOperation() {
    Cache<String, Integer> cache = cache();
    RecordingListener<String, Integer> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));

    cache.putIfAbsent("a", 1);
    cache.getAndPut("a", 2);
    cache.replace("a", 2, 3);
    cache.getAndReplace("a", 4);
    cache.putAll(Map.of("b", 10));
    cache.getAndRemove("a");
    cache.remove("b", 10);

    assertEquals(List.of(
        event(EventType.CREATED, "a", 1, null),
        event(EventType.UPDATED, "a", 2, 1),
        event(EventType.UPDATED, "a", 3, 2),
        event(EventType.UPDATED, "a", 4, 3),
        event(EventType.CREATED, "b", 10, null),
        event(EventType.REMOVED, "a", 4, 4),
        event(EventType.REMOVED, "b", 10, 10)), listener.seen());
  }

  @Test
  void operationsThatChangeNothing_fireNoEvent() {
    Cache<String, Integer> cache = cache();
    cache.put("k", 1);
    RecordingListener<String, Integer> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));

    cache.putIfAbsent("k", 2);
    cache.replace("k", 5, 6);
    cache.replace("absent", 1);
    cache.remove("absent");
    cache.remove("k", 7);
    cache.get("k");

    assertEquals(List.of(), listener.seen());
  }

  @Test
  void removeAll_firesRemovedForEachEntry_butClearFiresNothing() {
    Cache<String, Integer> cache = cache();
    RecordingListener<String, Integer> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));
    cache.putAll(Map.of("a", 1, "b", 2));

    cache.removeAll();
    assertEquals(Set.of(event(EventType.REMOVED, "a", 1, 1), event(EventType.REMOVED, "b", 2, 2)),
        Set.copyOf(listener.seen(EventType.REMOVED)));

    cache.putAll(Map.of("c", 3));
    int before = listener.seen().size();
    cache.clear();
    assertEquals(before, listener.seen().size());
  }

  @Test
  void filter_letsThroughOnlyTheEventsItAccepts() {
    Cache<String, Integer> cache = cache();
    RecordingListener<String, Integer> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(
        event -> event.getKey().startsWith("keep"), /* synchronous= */ true));

    cache.put("keep-1", 1);
    cache.put("drop-1", 2);
    cache.put("keep-1", 3);
    cache.remove("drop-1");

    assertEquals(List.of(
        event(EventType.CREATED, "keep-1", 1, null),
        event(EventType.UPDATED, "keep-1", 3, 1)), listener.seen());
  }

  @Test
  void listenerInTheConfiguration_isRegisteredWhenTheCacheIsCreated() {
    RecordingListener<String, Integer> listener = new RecordingListener<>();
    TwatConfiguration<String, Integer> config = config(String.class, Integer.class);
    config.addCacheEntryListenerConfiguration(listener.configuration(/* synchronous= */ true));
    Cache<String, Integer> cache = create(config);

    cache.put("k", 1);

    assertEquals(List.of(event(EventType.CREATED, "k", 1, null)), listener.seen());
  }

  @Test
  void deregisteredListener_hearsNothingMore() {
    Cache<String, Integer> cache = cache();
    RecordingListener<String, Integer> listener = new RecordingListener<>();
    var registration = listener.configuration(/* synchronous= */ true);
    cache.registerCacheEntryListener(registration);
    cache.put("k", 1);

    cache.deregisterCacheEntryListener(registration);
    cache.put("k", 2);

    assertEquals(1, listener.seen().size());
  }

  @Test
  void registeringTheSameConfigurationTwice_isRejected() {
    Cache<String, Integer> cache = cache();
    var registration =
        new RecordingListener<String, Integer>().configuration(/* synchronous= */ true);
    cache.registerCacheEntryListener(registration);

    assertThrows(
        IllegalArgumentException.class, () -> cache.registerCacheEntryListener(registration));
  }

  @Test
  void synchronousListenerThatThrows_failsTheCallWithCacheEntryListenerException_afterTheChange() {
    Cache<String, Integer> cache = cache();
    CacheEntryCreatedListener<String, Integer> broken = events -> {
      throw new IllegalStateException("listener broke");
    };
    Factory<CacheEntryListener<? super String, ? super Integer>> factory = () -> broken;
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(factory, null,
        /* isOldValueRequired= */ false, /* isSynchronous= */ true));

    assertThrows(CacheEntryListenerException.class, () -> cache.put("k", 1));
    assertEquals(1, cache.get("k"), "listeners are called after the change is made");
  }

  @Test
  void asynchronousListener_receivesTheEventsOfOneKeyInOrder() throws InterruptedException {
    Cache<String, Integer> cache = cache();
    RecordingListener<String, Integer> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ false));
    int puts = 1_000;
    listener.expect(puts);

    for (int i = 0; i < puts; i++) {
      cache.put("k", i);
    }

    assertTrue(listener.await(), "all events arrive; got " + listener.seen().size());
    List<Seen<String, Integer>> expected = new ArrayList<>();
    expected.add(event(EventType.CREATED, "k", 0, null));
    for (int i = 1; i < puts; i++) {
      expected.add(event(EventType.UPDATED, "k", i, i - 1));
    }
    assertEquals(expected, listener.seen());
  }

  @Test
  void asynchronousListener_withConcurrentWriters_seesEachKeysChangesInOrder() throws Exception {
    Cache<String, Integer> cache = cache();
    RecordingListener<String, Integer> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ false));
    int threads = 4;
    int putsPerKey = 500;
    listener.expect(threads * putsPerKey);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String key = "k" + t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < putsPerKey; i++) {
            cache.put(key, i);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<Void> future : done) {
        future.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertTrue(listener.await(), "all events arrive; got " + listener.seen().size());
    for (int t = 0; t < threads; t++) {
      String key = "k" + t;
      List<Integer> values = listener.seen().stream().filter(seen -> seen.key().equals(key))
          .map(Seen::value).toList();
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < putsPerKey; i++) {
        expected.add(i);
      }
      assertEquals(expected, values, "values of " + key + " in delivery order");
    }
  }
}

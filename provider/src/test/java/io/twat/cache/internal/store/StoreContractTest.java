/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import java.util.concurrent.CopyOnWriteArrayList;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the {@link Store} SPI, run against every store by a short subclass that says
 * how to make one. Keys are {@code String}s and {@code Integer}s, values {@code String}s,
 * {@code Integer}s and {@code byte[]}s, so that stores which serialize (database, file) can run
 * it too; values are compared by content, except where the contract promises identity.
 *
 * <p>A subclass implements {@link #newStore}; it may override {@link #cleanUp} to delete what its
 * stores left behind, and {@link #concurrentIncrementsPerThread} if its compute is slow.
 */
public abstract class StoreContractTest {
  /** A deadline long past: the store must keep such entries, as it does not decide expiry. */
  private static final long LONG_AGO = 1L;
  private static final long SOME_DEADLINE = 1_700_000_000_000L;

  private final List<Store<?>> opened = new ArrayList<>();

  /**
   * Makes a new, empty, open store as {@code spec} says.
   *
   * @param spec the cache name, bound and eviction listener
   * @param <K> the type of keys
   * @return the store under test
   * @throws StoreException if the store cannot be opened
   */
  protected abstract <K> Store<K> newStore(StoreSpec spec) throws StoreException;

  /**
   * Runs after every test, once the stores the test opened are closed; deletes what they left
   * behind (files, tables). Does nothing by default.
   *
   * @throws Exception if cleaning up failed
   */
  protected void cleanUp() throws Exception {
  }

  /** Returns how many increments each of the four threads of the atomicity test makes. */
  protected int concurrentIncrementsPerThread() {
    return 10_000;
  }

  @AfterEach
  final void closeStores() throws Exception {
    try {
      for (Store<?> store : opened) {
        store.close();
      }
    } finally {
      opened.clear();
      cleanUp();
    }
  }

  private <K> Store<K> open(long maxEntries, StoreListener listener) throws StoreException {
    Store<K> store = newStore(
        TestSpecs.spec("contract").withMaxEntries(maxEntries).withListener(listener));
    opened.add(store);
    return store;
  }

  private <K> Store<K> unbounded() throws StoreException {
    return open(StoreSpec.UNBOUNDED, StoreListener.NONE);
  }

  private static StoreEntry entry(Object value) {
    return new StoreEntry(value, StoreEntry.NEVER);
  }

  private static <K> StoreEntry put(Store<K> store, K key, StoreEntry entry) throws StoreException {
    return store.compute(key, (k, current) -> entry);
  }

  /** Asserts that {@code actual} holds {@code expected}'s value (by content) and deadline. */
  private static void assertSameContent(StoreEntry expected, StoreEntry actual) {
    assertNotNull(actual, "entry");
    assertEquals(expected.expiresAt(), actual.expiresAt(), "expiresAt");
    if (expected.value() instanceof byte[] bytes) {
      assertArrayEquals(bytes, (byte[]) actual.value(), "value");
    } else {
      assertEquals(expected.value(), actual.value(), "value");
    }
  }

  // ---------------------------------------------------------------- get and compute

  @Test
  void get_whenAbsent_returnsNull() throws StoreException {
    Store<String> store = unbounded();

    assertNull(store.get("absent"));
  }

  @Test
  void compute_whenAbsent_passesNullAndInsertsResult() throws StoreException {
    Store<String> store = unbounded();
    AtomicReference<Object> seenKey = new AtomicReference<>();
    AtomicReference<StoreEntry> seenCurrent = new AtomicReference<>(entry("sentinel"));
    StoreEntry inserted = new StoreEntry("v1", SOME_DEADLINE);

    StoreEntry result = store.compute("k", (k, current) -> {
      seenKey.set(k);
      seenCurrent.set(current);
      return inserted;
    });

    assertEquals("k", seenKey.get());
    assertNull(seenCurrent.get());
    assertSameContent(inserted, result);
    assertSameContent(inserted, store.get("k"));
    assertEquals(1, store.size());
  }

  @Test
  void compute_whenPresent_passesCurrentEntryAndReplacesIt() throws StoreException {
    Store<String> store = unbounded();
    StoreEntry first = new StoreEntry("v1", SOME_DEADLINE);
    StoreEntry second = new StoreEntry("v2", StoreEntry.NEVER);
    put(store, "k", first);
    AtomicReference<StoreEntry> seenCurrent = new AtomicReference<>();

    StoreEntry result = store.compute("k", (k, current) -> {
      seenCurrent.set(current);
      return second;
    });

    assertSameContent(first, seenCurrent.get());
    assertSameContent(second, result);
    assertSameContent(second, store.get("k"));
    assertEquals(1, store.size());
  }

  @Test
  void compute_returningNull_removesEntry() throws StoreException {
    Store<String> store = unbounded();
    put(store, "k", entry("v"));
    put(store, "other", entry("w"));

    StoreEntry result = store.compute("k", (k, current) -> null);

    assertNull(result);
    assertNull(store.get("k"));
    assertSameContent(entry("w"), store.get("other"));
    assertEquals(1, store.size());
  }

  @Test
  void compute_returningNullWhenAbsent_leavesKeyAbsent() throws StoreException {
    Store<String> store = unbounded();

    assertNull(store.compute("k", (k, current) -> null));

    assertNull(store.get("k"));
    assertEquals(0, store.size());
  }

  @Test
  void compute_returningCurrentInstance_leavesEntryAsItIs() throws StoreException {
    Store<String> store = unbounded();
    StoreEntry original = new StoreEntry("v", SOME_DEADLINE);
    put(store, "k", original);

    StoreEntry result = store.compute("k", (k, current) -> current);

    assertSameContent(original, result);
    assertSameContent(original, store.get("k"));
    assertEquals(1, store.size());
  }

  @Test
  void compute_whenFunctionThrowsOnPresentKey_propagatesSameExceptionAndLeavesKeyUnchanged()
      throws StoreException {
    Store<String> store = unbounded();
    StoreEntry original = new StoreEntry("v", SOME_DEADLINE);
    put(store, "k", original);
    IllegalStateException failure = new IllegalStateException("writer failed");

    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> store.compute("k", (k, current) -> {
          throw failure;
        }));

    assertSame(failure, thrown);
    assertSameContent(original, store.get("k"));
    assertEquals(1, store.size());
  }

  @Test
  void compute_whenFunctionThrowsOnAbsentKey_propagatesSameExceptionAndLeavesKeyAbsent()
      throws StoreException {
    Store<String> store = unbounded();
    CustomFailure failure = new CustomFailure();

    CustomFailure thrown = assertThrows(CustomFailure.class,
        () -> store.compute("k", (k, current) -> {
          throw failure;
        }));

    assertSame(failure, thrown);
    assertNull(store.get("k"));
    assertEquals(0, store.size());
  }

  @Test
  void compute_callsFunctionExactlyOncePerCall() throws StoreException {
    Store<String> store = unbounded();
    AtomicInteger calls = new AtomicInteger();

    store.compute("k", (k, current) -> {
      calls.incrementAndGet();
      return entry("v1");
    });
    store.compute("k", (k, current) -> {
      calls.incrementAndGet();
      return entry("v2");
    });
    store.compute("k", (k, current) -> {
      calls.incrementAndGet();
      return null;
    });

    assertEquals(3, calls.get());
  }

  @Test
  void compute_fromManyThreadsOnOneKey_appliesEveryIncrementExactlyOnce() throws Exception {
    Store<String> store = unbounded();
    int threads = 4;
    int increments = concurrentIncrementsPerThread();
    AtomicLong calls = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < increments; i++) {
            store.compute("counter", (k, current) -> {
              calls.incrementAndGet();
              int count = current == null ? 0 : (Integer) current.value();
              return entry(count + 1);
            });
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<Void> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(threads * increments, store.get("counter").value());
    assertEquals((long) threads * increments, calls.get());
  }

  @Test
  void keysAndValues_ofEverySupportedKind_roundTrip() throws StoreException {
    Store<Object> store = unbounded();
    StoreEntry text = new StoreEntry("text", SOME_DEADLINE);
    StoreEntry number = new StoreEntry(42, StoreEntry.NEVER);
    StoreEntry bytes = new StoreEntry(new byte[] {0, 1, -1, 127, -128}, SOME_DEADLINE + 1);

    put(store, "string key", text);
    put(store, 7, number);
    put(store, "bytes", bytes);

    assertSameContent(text, store.get("string key"));
    assertSameContent(number, store.get(7));
    assertSameContent(bytes, store.get("bytes"));
    assertNull(store.get("7"), "the Integer key 7 and the String key \"7\" are different keys");
  }

  @Test
  void get_withEqualButNotIdenticalKey_findsEntry() throws StoreException {
    Store<String> store = unbounded();
    put(store, "key", entry("v"));

    String equalKey = new String(new char[] {'k', 'e', 'y'});

    assertSameContent(entry("v"), store.get(equalKey));
  }

  // ---------------------------------------------------------------- expiry is not the store's
  // business
  // (in a store asked not to track deadlines: StoreSpec.expiring() == false)

  @Test
  void get_whenEntryDeadlineHasPassed_stillReturnsEntry() throws StoreException {
    Store<String> store = unbounded();
    StoreEntry expired = new StoreEntry("old", LONG_AGO);
    put(store, "k", expired);

    assertSameContent(expired, store.get("k"));
    assertEquals(1, store.size());
  }

  @Test
  void compute_whenEntryDeadlineHasPassed_passesTheExpiredEntry() throws StoreException {
    Store<String> store = unbounded();
    StoreEntry expired = new StoreEntry("old", LONG_AGO);
    put(store, "k", expired);
    AtomicReference<StoreEntry> seenCurrent = new AtomicReference<>();

    store.compute("k", (k, current) -> {
      seenCurrent.set(current);
      return current;
    });

    assertSameContent(expired, seenCurrent.get());
  }

  @Test
  void iterator_includesEntriesWhoseDeadlineHasPassed() throws StoreException {
    Store<String> store = unbounded();
    put(store, "expired", new StoreEntry("old", LONG_AGO));
    put(store, "live", entry("new"));

    assertEquals(Map.of("expired", "old", "live", "new"), valuesOf(store));
  }

  @Test
  void expiringStore_whenDeadlinePasses_keepsTheEntryOrReportsItExpiredExactlyOnce()
      throws StoreException {
    AtomicLong now = new AtomicLong(1_000_000L);
    List<Object> expiredKeys = new CopyOnWriteArrayList<>();
    StoreListener listener = new StoreListener() {
      @Override
      public void onEvicted(int count) {
      }

      @Override
      public void onExpired(Object key, StoreEntry entry) {
        assertEquals("v", entry.value());
        expiredKeys.add(key);
      }
    };
    Store<String> store = newStore(TestSpecs.spec("contract").withListener(listener)
        .withTicker(now::get).withExpiring(/* expiring= */ true));
    opened.add(store);
    put(store, "k", new StoreEntry("v", now.get() + 10));
    put(store, "live", entry("w"));
    assertEquals("v", store.get("k").value());

    now.addAndGet(10);
    store.get("k");
    put(store, "other", entry("x")); // a write lets a store do its upkeep
    StoreEntry after = store.get("k");

    if (after == null) {
      assertEquals(
          List.of("k"), expiredKeys, "a store that drops an expired entry reports it once");
    } else {
      assertEquals(
          List.of(), expiredKeys, "a store that keeps an expired entry does not report it");
      assertEquals("v", after.value());
    }
    assertEquals("w", store.get("live").value());
  }

  // ---------------------------------------------------------------- iteration

  @Test
  void iterator_whenEmpty_hasNoNext() throws StoreException {
    Store<String> store = unbounded();

    Iterator<Map.Entry<String, StoreEntry>> iterator = store.iterator();

    assertFalse(iterator.hasNext());
    assertThrows(NoSuchElementException.class, iterator::next);
  }

  @Test
  void iterator_seesEveryEntryOnce() throws StoreException {
    Store<Integer> store = unbounded();
    Map<Integer, Object> expected = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      put(store, i, entry("v" + i));
      expected.put(i, "v" + i);
    }

    assertEquals(expected, valuesOf(store));
  }

  @Test
  void iterator_whenStoreChangesDuringIteration_doesNotThrowAndSeesUntouchedEntriesOnce()
      throws StoreException {
    Store<Integer> store = unbounded();
    for (int i = 0; i < 200; i++) {
      put(store, i, entry(i));
    }
    Map<Integer, Integer> seen = new HashMap<>();

    Iterator<Map.Entry<Integer, StoreEntry>> iterator = store.iterator();
    boolean changed = false;
    while (iterator.hasNext()) {
      Map.Entry<Integer, StoreEntry> next = iterator.next();
      seen.merge(next.getKey(), 1, Integer::sum);
      if (!changed) {
        changed = true;
        for (int i = 100; i < 200; i++) {
          store.compute(i, (k, current) -> null);
        }
        for (int i = 200; i < 300; i++) {
          put(store, i, entry(i));
        }
      }
    }

    for (int i = 0; i < 100; i++) {
      assertEquals(1, seen.getOrDefault(i, 0), "times key " + i + " was seen");
    }
    for (Map.Entry<Integer, Integer> times : seen.entrySet()) {
      assertEquals(1, times.getValue(), "times key " + times.getKey() + " was seen");
    }
  }

  @Test
  void iterator_remove_isUnsupportedAndRemovesNothing() throws StoreException {
    Store<String> store = unbounded();
    put(store, "k", entry("v"));

    Iterator<Map.Entry<String, StoreEntry>> iterator = store.iterator();
    iterator.next();

    assertThrows(UnsupportedOperationException.class, iterator::remove);
    assertSameContent(entry("v"), store.get("k"));
  }

  // ---------------------------------------------------------------- size, clear, describe

  @Test
  void size_countsEntriesAsTheyComeAndGo() throws StoreException {
    Store<String> store = unbounded();
    assertEquals(0, store.size());

    put(store, "a", entry(1));
    put(store, "b", entry(2));
    put(store, "a", entry(3));
    assertEquals(2, store.size());

    store.compute("a", (k, current) -> null);
    assertEquals(1, store.size());
  }

  @Test
  void clear_removesEveryEntry() throws StoreException {
    Store<String> store = unbounded();
    for (int i = 0; i < 50; i++) {
      put(store, "k" + i, entry(i));
    }

    store.clear();

    assertEquals(0, store.size());
    assertNull(store.get("k0"));
    assertFalse(store.iterator().hasNext());
  }

  @Test
  void clear_ofBoundedStore_reportsNoEviction() throws StoreException {
    AtomicLong evicted = new AtomicLong();
    Store<String> store = open(10, count -> evicted.addAndGet(count));
    for (int i = 0; i < 5; i++) {
      put(store, "k" + i, entry(i));
    }

    store.clear();

    assertEquals(0, store.size());
    assertEquals(0, evicted.get());
  }

  @Test
  void clear_leavesStoreUsable() throws StoreException {
    Store<String> store = unbounded();
    put(store, "k", entry("v1"));
    store.clear();

    put(store, "k", entry("v2"));

    assertSameContent(entry("v2"), store.get("k"));
  }

  @Test
  void describe_ofUnboundedAndBoundedStores_isNotBlank() throws StoreException {
    assertFalse(unbounded().describe().isBlank());
    assertFalse(open(10, StoreListener.NONE).describe().isBlank());
  }

  // ---------------------------------------------------------------- bounds and evictions

  @Test
  void boundedStore_afterManyInserts_keepsAtMostMaxEntriesAndReportsEveryEviction()
      throws StoreException {
    int maxEntries = 10;
    int inserted = 1_000;
    AtomicLong evicted = new AtomicLong();
    List<Integer> counts = new ArrayList<>();
    Store<Integer> store = open(maxEntries, count -> {
      synchronized (counts) {
        counts.add(count);
      }
      evicted.addAndGet(count);
    });

    for (int i = 0; i < inserted; i++) {
      put(store, i, entry("v" + i));
    }

    long size = store.size();
    assertTrue(size <= maxEntries, "size " + size + " exceeds maxEntries " + maxEntries);
    assertTrue(size > 0, "a bounded store must keep recent entries, size was " + size);
    assertEquals(inserted - size, evicted.get(), "evictions reported");
    assertEquals(size, valuesOf(store).size(), "entries the iterator sees");
    synchronized (counts) {
      assertTrue(
          counts.stream().allMatch(count -> count >= 1),
          "each report counts at least one: " + counts);
    }
  }

  @Test
  void boundedStore_belowItsBound_evictsNothing() throws StoreException {
    AtomicLong evicted = new AtomicLong();
    Store<Integer> store = open(100, count -> evicted.addAndGet(count));

    for (int i = 0; i < 100; i++) {
      put(store, i, entry(i));
    }

    assertEquals(100, store.size());
    assertEquals(0, evicted.get());
  }

  @Test
  void unboundedStore_neverEvicts() throws StoreException {
    AtomicLong evicted = new AtomicLong();
    Store<Integer> store = open(StoreSpec.UNBOUNDED, count -> evicted.addAndGet(count));

    for (int i = 0; i < 5_000; i++) {
      put(store, i, entry(i));
    }

    assertEquals(5_000, store.size());
    assertEquals(0, evicted.get());
  }

  // ---------------------------------------------------------------- helpers

  private static <K> Map<K, Object> valuesOf(Store<K> store) throws StoreException {
    Map<K, Object> values = new HashMap<>();
    for (Iterator<Map.Entry<K, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
      Map.Entry<K, StoreEntry> next = it.next();
      Object previous = values.put(next.getKey(), next.getValue().value());
      assertNull(previous, "the iterator returned key " + next.getKey() + " twice");
    }
    return values;
  }

  /** An exception type of the test's own, so that no store can produce it by accident. */
  private static final class CustomFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }
}

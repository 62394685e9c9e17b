/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.TierStatistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.CoarseClockAccess;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.internal.store.memory.CaffeineStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a heap tier and its authority work together: fills, evictions, events, staleness. */
final class TieredStoreTest {
  private static final long MAX_STALE = 1_000;

  @TempDir
  Path temp;

  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
  private final List<String> events = new ArrayList<>();
  private final List<TieredStore<?>> opened = new ArrayList<>();

  private final StoreListener listener = new StoreListener() {
    @Override
    public void onEvicted(int count) {
      events.add("evicted " + count);
    }

    @Override
    public void onExpired(Object key, StoreEntry entry) {
      events.add("expired " + key);
    }
  };

  @AfterEach
  void close() {
    opened.forEach(TieredStore::close);
  }

  private TieredStore<String> open(String folder, long heapEntries, long maxEntries)
      throws StoreException {
    StoreSpec spec = TestSpecs.spec("tiers").withMaxEntries(maxEntries).withListener(listener)
        .withTicker(now::get).withExpiring(/* expiring= */ true);
    TieredStore<String> store = TieredStore.open(spec, CaffeineStore::create, heapEntries,
        TestTiers.file(temp.resolve(folder)), new CopyingForm(), MAX_STALE);
    opened.add(store);
    return store;
  }

  private static StoreEntry entry(Object value) {
    return new StoreEntry(value, StoreEntry.NEVER);
  }

  private static void put(TieredStore<String> store, String key, Object value)
      throws StoreException {
    store.compute(key, (k, current) -> entry(value));
  }

  private static TierStatistics heap(TieredStore<?> store) {
    return store.tierStatistics().get(0);
  }

  private static TierStatistics disk(TieredStore<?> store) {
    return store.tierStatistics().get(1);
  }

  @Test
  void get_afterWrite_isAnsweredByTheHeapTier() throws StoreException {
    TieredStore<String> store = open("a", 10, StoreSpec.UNBOUNDED);
    put(store, "k", "v");

    assertEquals("v", store.get("k").value());

    assertEquals(1, heap(store).hits());
    assertEquals(0, disk(store).hits() + disk(store).misses());
  }

  @Test
  void get_ofEntryOnlyOnDisk_readsTheAuthorityOnceThenTheHeap() throws StoreException {
    TieredStore<String> writer = open("shared", 10, StoreSpec.UNBOUNDED);
    put(writer, "k", "v");
    TieredStore<String> reader = open("shared", 10, StoreSpec.UNBOUNDED);

    assertEquals("v", reader.get("k").value());
    assertEquals("v", reader.get("k").value());

    assertEquals(1, disk(reader).hits());
    assertEquals(1, heap(reader).misses());
    assertEquals(1, heap(reader).hits());
    assertEquals(1, heap(reader).entries());
  }

  @Test
  void heapEviction_keepsEveryEntryOnDisk_andReportsNothing() throws StoreException {
    TieredStore<String> store = open("a", 5, StoreSpec.UNBOUNDED);
    for (int i = 0; i < 100; i++) {
      put(store, "k" + i, "v" + i);
    }

    for (int i = 0; i < 100; i++) {
      assertEquals("v" + i, store.get("k" + i).value(), "key k" + i);
    }
    assertEquals(100, store.size());
    assertTrue(heap(store).entries() <= 5, "heap entries " + heap(store).entries());
    assertTrue(heap(store).evictions() >= 95, "heap evictions " + heap(store).evictions());
    assertEquals(List.of(), events, "heap evictions lose nothing, so nothing is reported");
  }

  @Test
  void authorityEviction_isReportedOnce_andTheHeapTierDoesNotServeTheEvictedEntries()
      throws StoreException {
    TieredStore<String> store = open("a", 1_000, /* maxEntries= */ 10);
    for (int i = 0; i < 30; i++) {
      put(store, "k" + i, "v" + i);
    }

    long evicted =
        events.stream()
            .filter(e -> e.startsWith("evicted "))
            .mapToLong(e -> Long.parseLong(e.substring(8)))
            .sum();
    assertTrue(evicted >= 20, "evictions reported: " + events);
    long readable = 0;
    for (int i = 0; i < 30; i++) {
      if (store.get("k" + i) != null) {
        readable++;
      }
    }
    assertEquals(30 - evicted, readable, "entries readable after " + evicted + " evictions");
    assertEquals(evicted, disk(store).evictions());
  }

  @Test
  void authorityEviction_dropsTheHeapCopiesOfTheEvictedKeysOnly() throws StoreException {
    TieredStore<String> store = open("a", 1_000, /* maxEntries= */ 10);
    for (int i = 0; i < 30; i++) {
      put(store, "k" + i, "v" + i);
    }
    long kept = store.size();
    assertTrue(disk(store).evictions() >= 20, "evictions " + disk(store).evictions());
    assertEquals(kept, heap(store).entries(), "a heap copy of every entry the authority kept");

    long diskReads = disk(store).hits() + disk(store).misses();
    long readable = 0;
    for (int i = 0; i < 30; i++) {
      if (store.get("k" + i) != null) {
        readable++;
      }
    }
    assertEquals(kept, readable);
    assertEquals(diskReads + 30 - kept, disk(store).hits() + disk(store).misses(),
        "the kept entries are heap hits; only the evicted keys are looked for on disk");
  }

  @Test
  void write_updatesTheHeapTier_andRemoveDropsIt() throws StoreException {
    TieredStore<String> store = open("a", 10, StoreSpec.UNBOUNDED);
    put(store, "k", "v1");
    put(store, "k", "v2");
    assertEquals("v2", store.get("k").value());

    store.compute("k", (k, current) -> null);

    assertNull(store.get("k"));
    assertEquals(0, heap(store).entries());
    assertEquals(0, store.size());
  }

  @Test
  @SuppressWarnings("UnnecessaryStringBuilder") // a mutable value, on purpose
  void heapHit_handsOutAFreshObjectEachTime() throws StoreException {
    TieredStore<String> store = open("a", 10, StoreSpec.UNBOUNDED);
    put(store, "k", new StringBuilder("v"));

    Object first = store.get("k").value();
    ((StringBuilder) first).append("-changed by the caller");
    Object second = store.get("k").value();

    assertNotSame(first, second);
    assertEquals("v", second.toString());
  }

  @Test
  void compute_seesTheAuthoritysValue_notAStaleHeapCopy() throws StoreException {
    TieredStore<String> mine = open("shared", 10, StoreSpec.UNBOUNDED);
    TieredStore<String> other = open("shared", 10, StoreSpec.UNBOUNDED);
    put(mine, "n", 1);
    assertEquals(1, mine.get("n").value());
    other.compute("n", (k, current) -> entry((Integer) current.value() + 1));

    StoreEntry after = mine.compute("n", (k, current) -> entry((Integer) current.value() + 1));

    assertEquals(3, after.value(), "mine's heap copy said 1, the authority 2");
    assertEquals(2, other.get("n").value(), "the other tier's heap copy answers within maxStale");
    now.addAndGet(MAX_STALE);
    assertEquals(3, other.get("n").value(), "after maxStale the other tier reads the authority");
  }

  @Test
  void get_mayBeStaleByAtMostMaxStale() throws StoreException {
    TieredStore<String> mine = open("shared", 10, StoreSpec.UNBOUNDED);
    TieredStore<String> other = open("shared", 10, StoreSpec.UNBOUNDED);
    put(mine, "k", "old");
    assertEquals("old", mine.get("k").value());

    put(other, "k", "new");

    now.addAndGet(MAX_STALE - 1);
    assertEquals("old", mine.get("k").value(), "within maxStale the heap copy answers");
    now.addAndGet(1);
    assertEquals("new", mine.get("k").value(), "after maxStale the authority is read again");
  }

  private TieredStore<String> openShared(String folder) throws StoreException {
    StoreSpec spec = TestSpecs.spec("tiers").withListener(listener).withTicker(now::get)
        .withExpiring(/* expiring= */ true);
    TieredStore<String> store = TieredStore.open(spec, CaffeineStore::create, 10,
        TestTiers.file(temp.resolve(folder)), HeapForm.SHARED, MAX_STALE);
    opened.add(store);
    return store;
  }

  @Test
  void staleCopy_confirmedByTheAuthority_isRenewedInPlace_andAChangedOneIsReplaced()
      throws StoreException {
    TieredStore<String> mine = openShared("renew");
    TieredStore<String> other = openShared("renew");
    put(mine, "k", "v");
    StoreEntry copy = mine.get("k");

    now.addAndGet(MAX_STALE);
    assertEquals("v", mine.get("k").value(), "a stale copy reads the authority");
    assertEquals(1, disk(mine).hits());
    assertSame(
        copy, mine.get("k"), "the confirmed copy answers again, renewed rather than replaced");
    assertEquals(1, disk(mine).hits(), "and it is fresh for another maxStale");

    put(other, "k", "w");
    now.addAndGet(MAX_STALE);
    assertEquals("w", mine.get("k").value(), "a copy the authority contradicts is replaced");
    StoreEntry replaced = mine.get("k");
    assertEquals("w", replaced.value());
    assertNotSame(copy, replaced);
    assertEquals(2, disk(mine).hits());
  }

  @Test
  void expiry_throughTheTiers_isReportedOnceByTheFacadeOnly() throws StoreException {
    TieredStore<String> store = open("a", 10, StoreSpec.UNBOUNDED);
    store.compute("k", (k, current) -> new StoreEntry("v", now.get() + 100));
    assertEquals("v", store.get("k").value());

    now.addAndGet(100 + CaffeineStore.CLEANUP_GRACE_MILLIS + 1);
    put(store, "other", "w"); // lets the heap tier clean up

    StoreEntry expired = store.get("k");
    assertTrue(
        expired != null && expired.isExpired(now.get()),
        "the authority keeps the expired entry for the facade");
    assertEquals(List.of(), events, "the heap tier's own cleanup is not an event");
  }

  @Test
  void describe_namesTheChain() throws StoreException {
    TieredStore<String> store = open("a", 10, StoreSpec.UNBOUNDED);

    assertEquals(
        "heap(caffeine, 10 entries) -> file(" + temp.resolve("a") + ", unbounded)",
        store.describe());
    assertEquals(temp.resolve("a"), store.folder().orElseThrow());
  }

  @Test
  void tierStatistics_countBytesOnDisk() throws StoreException {
    TieredStore<String> store = open("a", 10, StoreSpec.UNBOUNDED);
    put(store, "k", "x".repeat(10_000));

    assertEquals(0, heap(store).bytesOnDisk());
    assertTrue(disk(store).bytesOnDisk() > 10_000, "bytes on disk " + disk(store).bytesOnDisk());
    assertEquals(1, disk(store).entries());
  }

  /** Holds a StringBuilder's text and makes a new one per read; other values as they are. */
  @Test
  void onTheSystemClock_heapHitsNeedNoClockRead_andCloseReleasesTheCoarseClock()
      throws StoreException {
    int before = CoarseClockAccess.users();
    StoreSpec spec = TestSpecs.spec("tiers").withListener(listener);
    TieredStore<String> store = TieredStore.open(spec, CaffeineStore::create, 10,
        TestTiers.file(temp.resolve("system")), HeapForm.SHARED, MAX_STALE);
    assertEquals(
        before + 1,
        CoarseClockAccess.users(),
        "a store on the system clock holds the coarse clock");
    try {
      put(store, "k", "v");
      StoreEntry first = store.get("k");
      StoreEntry second = store.get("k");

      assertEquals("v", first.value());
      assertSame(first, second, "a shared-form hit hands out the kept entry, allocating nothing");
      assertEquals(2, heap(store).hits(), "a copy just written is fresh by the coarse clock too");
      assertEquals(0, disk(store).hits() + disk(store).misses());
    } finally {
      store.close();
      store.close();
    }
    assertEquals(
        before,
        CoarseClockAccess.users(),
        "closing the store (even twice) releases its clock once");
  }

  private static final class CopyingForm implements HeapForm {
    private record Text(String text) {
    }

    @Override
    public Object toHeap(Object value) {
      return value instanceof StringBuilder builder ? new Text(builder.toString()) : value;
    }

    @Override
    @SuppressWarnings("UnnecessaryStringBuilder") // a mutable value, on purpose
    public Object fromHeap(Object held) {
      return held instanceof Text text ? new StringBuilder(text.text) : held;
    }
  }
}

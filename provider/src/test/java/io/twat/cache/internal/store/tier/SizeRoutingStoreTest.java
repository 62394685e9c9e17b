/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.TierStatistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.internal.store.memory.CaffeineStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values split by size between two stores, one copy per key, moving as they grow and shrink. */
final class SizeRoutingStoreTest {
  private static final long THRESHOLD = 100;

  @TempDir
  Path temp;

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable store : opened) {
      store.close();
    }
  }

  private SizeRoutingStore<String> open() throws StoreException {
    SizeRoutingStore<String> store =
        SizeRoutingStore.open(
            spec(),
            TestTiers.file(temp.resolve("small")),
            TestTiers.file(temp.resolve("large")),
            THRESHOLD,
            TestTiers::serializedLength);
    opened.add(store);
    return store;
  }

  private static StoreSpec spec() {
    return TestSpecs.spec("routing");
  }

  private static void put(SizeRoutingStore<String> store, String key, String value)
      throws StoreException {
    store.compute(key, (k, current) -> new StoreEntry(value, StoreEntry.NEVER));
  }

  private static long entries(SizeRoutingStore<String> store, int tier) {
    return store.tierStatistics().get(tier).entries();
  }

  @Test
  void smallValues_goToTheSmallStore_largeOnesToTheLargeStore() throws StoreException {
    SizeRoutingStore<String> store = open();

    put(store, "small", "x");
    put(store, "large", "x".repeat(500));

    assertEquals(1, entries(store, 0));
    assertEquals(1, entries(store, 1));
    assertEquals("x", store.get("small").value());
    assertEquals(500, ((String) store.get("large").value()).length());
    assertEquals(2, store.size());
  }

  @Test
  void aValueCrossingTheThreshold_movesAndKeepsOneCopy() throws StoreException {
    SizeRoutingStore<String> store = open();
    put(store, "k", "x");

    put(store, "k", "y".repeat(500));
    assertEquals(0, entries(store, 0), "moved out of the small store");
    assertEquals(1, entries(store, 1));
    assertEquals(500, ((String) store.get("k").value()).length());

    store.compute(
        "k",
        (k, current) ->
            new StoreEntry(((String) current.value()).substring(0, 3), StoreEntry.NEVER));
    assertEquals(1, entries(store, 0));
    assertEquals(0, entries(store, 1), "moved back out of the large store");
    assertEquals("yyy", store.get("k").value());

    store.compute("k", (k, current) -> null);
    assertNull(store.get("k"));
    assertEquals(0, store.size());
  }

  @Test
  void aFailingFunction_leavesTheKeyWhereItWas() throws StoreException {
    SizeRoutingStore<String> store = open();
    put(store, "k", "z".repeat(500));

    assertThrows(IllegalStateException.class, () -> store.compute("k", (k, current) -> {
      throw new IllegalStateException("refused");
    }));

    assertEquals(0, entries(store, 0));
    assertEquals(1, entries(store, 1));
  }

  @Test
  void iterator_seesEachKeyOnce_acrossBothStores() throws StoreException {
    SizeRoutingStore<String> store = open();
    for (int i = 0; i < 20; i++) {
      put(store, "k" + i, i % 2 == 0 ? "s" : "L".repeat(500));
    }

    List<String> keys = new ArrayList<>();
    for (Iterator<Map.Entry<String, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
      keys.add(it.next().getKey());
    }

    assertEquals(20, keys.size());
    assertEquals(20, keys.stream().distinct().count());
  }

  @Test
  void underAHeapTier_describesTheWholeChain() throws StoreException {
    TieredStore<String> tiered =
        TieredStore.open(
            spec(),
            CaffeineStore::create,
            /* heapEntries= */ 5,
            new TierFactory() {
              @Override
              public <K> Tier<K> create(StoreSpec spec) throws StoreException {
                return new Tier<>(
                    "authority",
                    SizeRoutingStore.open(
                        spec,
                        TestTiers.file(temp.resolve("db")),
                        TestTiers.file(temp.resolve("files")),
                        THRESHOLD,
                        TestTiers::serializedLength),
                    java.util.Optional.empty());
              }
            },
            HeapForm.SHARED,
            /* maxStaleMillis= */ 1_000);
    opened.add(tiered);
    tiered.compute("k", (k, current) -> new StoreEntry("v", StoreEntry.NEVER));

    assertEquals("heap(caffeine, 5 entries) -> file(" + temp.resolve("db") + ", unbounded) | file("
        + temp.resolve("files") + ", unbounded) (split at 100 bytes)", tiered.describe());
    assertEquals(
        List.of("heap", "file", "file"),
        tiered.tierStatistics().stream().map(TierStatistics::role).toList());
    assertEquals(temp.resolve("db"), tiered.folder().orElseThrow());
    assertTrue(tiered.tierStatistics().get(1).bytesOnDisk() > 0);
  }
}

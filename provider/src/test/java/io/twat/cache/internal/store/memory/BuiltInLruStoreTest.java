/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreContractTest;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Store contract, and least-recently-used eviction, for the built-in store. */
class BuiltInLruStoreTest extends StoreContractTest {

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) {
    return new BuiltInStore<>(spec, BuiltInStore.Policy.LRU);
  }

  static StoreEntry entry(String value) {
    return new StoreEntry(value, StoreEntry.NEVER);
  }

  @Test
  void whenFull_evictsTheEntryUsedLeastRecently() throws StoreException {
    AtomicInteger evicted = new AtomicInteger();
    StoreListener listener = evicted::addAndGet;
    StoreSpec spec = TestSpecs.spec("lru").withMaxEntries(3).withListener(listener);
    try (Store<String> store = newStore(spec)) {
      store.compute("a", (k, current) -> entry("1"));
      store.compute("b", (k, current) -> entry("2"));
      store.compute("c", (k, current) -> entry("3"));
      store.get("a");

      store.compute("d", (k, current) -> entry("4"));

      assertNotNull(store.get("a"));
      assertNull(store.get("b"));
      assertEquals(3, store.size());
      assertEquals(1, evicted.get());
      assertEquals("heap(built-in lru, 3 entries)", store.describe());
    }
  }
}

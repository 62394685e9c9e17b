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
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import org.junit.jupiter.api.Test;

/** The Store contract, and first-in-first-out eviction, for the built-in store. */
class BuiltInFifoStoreTest extends StoreContractTest {

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) {
    return new BuiltInStore<>(spec, BuiltInStore.Policy.FIFO);
  }

  @Test
  void whenFull_evictsTheOldestEntry_evenIfItWasReadSinceAndUpdated() throws StoreException {
    try (Store<String> store = newStore(TestSpecs.spec("fifo").withMaxEntries(3))) {
      store.compute("a", (k, current) -> BuiltInLruStoreTest.entry("1"));
      store.compute("b", (k, current) -> BuiltInLruStoreTest.entry("2"));
      store.compute("c", (k, current) -> BuiltInLruStoreTest.entry("3"));
      store.get("a");
      store.compute("a", (k, current) -> BuiltInLruStoreTest.entry("1 again"));

      store.compute("d", (k, current) -> BuiltInLruStoreTest.entry("4"));

      assertNull(store.get("a"));
      assertNotNull(store.get("b"));
      assertEquals(3, store.size());
      assertEquals("heap(built-in fifo, 3 entries)", store.describe());
    }
  }
}

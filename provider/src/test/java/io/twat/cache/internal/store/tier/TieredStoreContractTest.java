/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreContractTest;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.memory.CaffeineStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the Store contract against a Caffeine heap tier of 50 entries over a file store. */
final class TieredStoreContractTest extends StoreContractTest {
  @TempDir
  Path temp;

  private int stores;

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) throws StoreException {
    return TieredStore.open(
        spec,
        CaffeineStore::create,
        /* heapEntries= */ 50,
        TestTiers.file(temp.resolve("store-" + stores++)),
        HeapForm.SHARED,
        /* maxStaleMillis= */ 1_000);
  }

  @Override
  protected int concurrentIncrementsPerThread() {
    return 1_000;
  }
}

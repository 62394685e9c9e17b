/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreContractTest;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Store contract against a size-routing authority over two file stores, split at 8
 * serialized bytes so that the contract's short and long values land in different stores.
 */
final class SizeRoutingStoreContractTest extends StoreContractTest {
  @TempDir
  Path temp;

  private int stores;

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) throws StoreException {
    int n = stores++;
    return SizeRoutingStore.open(
        spec,
        TestTiers.file(temp.resolve("small-" + n)),
        TestTiers.file(temp.resolve("large-" + n)),
        /* threshold= */ 8,
        TestTiers::serializedLength);
  }

  @Override
  protected int concurrentIncrementsPerThread() {
    return 500;
  }
}

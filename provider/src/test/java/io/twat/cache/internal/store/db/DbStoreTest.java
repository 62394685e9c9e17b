/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreContractTest;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Store contract against {@link DbStore}, each store in an embedded H2 database of its
 * own.
 */
final class DbStoreTest extends StoreContractTest {
  @TempDir
  Path temp;

  private int stores;

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) throws StoreException {
    return DbStore.openEmbedded(
        temp.resolve("db-" + stores++), Serializer.allowing(), spec, DbStore.Options.defaults());
  }

  @Override
  protected int concurrentIncrementsPerThread() {
    return 500;
  }
}

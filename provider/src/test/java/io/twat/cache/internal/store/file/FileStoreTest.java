/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreContractTest;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the Store contract against {@link FileStore}, each store in a folder of its own. */
final class FileStoreTest extends StoreContractTest {
  @TempDir
  Path temp;

  private int stores;

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) throws StoreException {
    return FileStore.open(
        temp.resolve("store-" + stores++),
        Serializer.allowing(),
        spec,
        FileStore.Options.defaults());
  }

  @Override
  protected int concurrentIncrementsPerThread() {
    return 1_000;
  }
}

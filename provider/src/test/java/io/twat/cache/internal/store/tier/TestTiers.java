/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.file.FileStore;
import java.nio.file.Path;
import java.util.Optional;

/** Tier factories for the tests of this package. */
final class TestTiers {
  private TestTiers() {
  }

  /** A file store in {@code folder}. */
  static TierFactory file(Path folder) {
    return new TierFactory() {
      @Override
      public <K> Tier<K> create(StoreSpec spec) throws StoreException {
        Store<K> store =
            FileStore.open(folder, Serializer.allowing(), spec, FileStore.Options.defaults());
        return new Tier<>("file", store, Optional.of(folder));
      }
    };
  }

  /** Measures a value by its serialized length, as the provider does. */
  static long serializedLength(Object value) {
    return Serializer.allowing().toBytes(value).length;
  }
}

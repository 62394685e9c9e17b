/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreContractTest;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Runs the Store contract against {@link CaffeineStore}. */
final class CaffeineStoreTest extends StoreContractTest {

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) {
    return CaffeineStore.create(spec);
  }

  @Test
  void describe_namesCaffeineAndTheBound() {
    try (Store<String> bounded = CaffeineStore.create(TestSpecs.spec("c").withMaxEntries(10));
        Store<String> unbounded = CaffeineStore.create(TestSpecs.spec("c"))) {
      assertEquals("heap(caffeine, 10 entries)", bounded.describe());
      assertEquals("heap(caffeine, unbounded)", unbounded.describe());
    }
  }

  @Test
  void compute_returningCurrentInstance_keepsTheInstanceThatGetReturns() {
    // A property of this on-heap store, not of the Store contract: a disk store hands out a fresh
    // StoreEntry per read, and the facade no longer relies on identity across reads.
    try (CaffeineStore<String> store = CaffeineStore.create(TestSpecs.spec("c"))) {
      store.compute("k", (k, current) -> new StoreEntry("v", StoreEntry.NEVER));
      StoreEntry held = store.get("k");
      AtomicReference<StoreEntry> seenCurrent = new AtomicReference<>();

      StoreEntry result = store.compute("k", (k, current) -> {
        seenCurrent.set(current);
        return current;
      });

      assertSame(held, seenCurrent.get(), "compute must pass the instance get returned");
      assertSame(held, result);
      assertSame(held, store.get("k"));
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.twat.cache.internal.store.StampedEntry;
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
  void compute_returningCurrentInstance_keepsTheInstanceThatGetReturns_forAnEntryWithADeadline() {
    // A property of this on-heap store, not of the Store contract: a disk store hands out a fresh
    // StoreEntry per read, and the facade no longer relies on identity across reads. An entry
    // with a deadline, and a tier's StampedEntry (TieredStore compares its copies by identity),
    // is kept and handed out as it is.
    for (StoreEntry stored : new StoreEntry[] {
        new StoreEntry("v", 1_000_000L), new StampedEntry("v", StoreEntry.NEVER, 7L, true)}) {
      try (CaffeineStore<String> store = CaffeineStore.create(TestSpecs.spec("c"))) {
        store.compute("k", (k, current) -> stored);
        StoreEntry held = store.get("k");
        AtomicReference<StoreEntry> seenCurrent = new AtomicReference<>();

        StoreEntry result = store.compute("k", (k, current) -> {
          seenCurrent.set(current);
          return current;
        });

        assertSame(stored, held);
        assertSame(held, seenCurrent.get(), "compute must pass the instance get returned");
        assertSame(held, result);
        assertSame(held, store.get("k"));
      }
    }
  }

  @Test
  void anEntryThatNeverExpires_isKeptAsItsValue_andReadBackAsAnEntryOfThatValue() {
    Object value = new Object();
    try (CaffeineStore<String> store = CaffeineStore.create(TestSpecs.spec("c"))) {
      StoreEntry stored = new StoreEntry(value, StoreEntry.NEVER);
      assertSame(stored, store.compute("k", (k, current) -> stored),
          "compute returns what its function returned");

      StoreEntry read = store.get("k");
      StoreEntry passed = store.compute("k", (k, current) -> current);

      assertSame(value, read.value());
      assertEquals(StoreEntry.NEVER, read.expiresAt());
      assertSame(value, passed.value(), "the same value, kept when the function returns it");
      assertSame(value, store.get("k").value());
      assertSame(value, store.iterator().next().getValue().value());
    }
  }

  @Test
  void aValueThatIsItselfAnEntry_isNotTakenForTheEntryAroundIt() {
    StoreEntry inner = new StoreEntry("inner", 5L);
    try (CaffeineStore<String> store = CaffeineStore.create(TestSpecs.spec("c"))) {
      store.compute("k", (k, current) -> new StoreEntry(inner, StoreEntry.NEVER));

      StoreEntry read = store.get("k");

      assertSame(inner, read.value());
      assertEquals(StoreEntry.NEVER, read.expiresAt());
    }
  }
}

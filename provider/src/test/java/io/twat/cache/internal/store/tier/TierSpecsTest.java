/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.twat.cache.Ticker;
import io.twat.cache.internal.crypto.Keyring;
import io.twat.cache.internal.crypto.TestKeys;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreFactory;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.memory.BuiltInStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The tiers hand the stores below them the cache's whole spec, changing only what they must (the
 * listener; for the heap tier its bound and expiry), so no store silently loses the cache's byte
 * bound, encryption keys, types or clock.
 */
final class TierSpecsTest {
  private final Ticker ticker = () -> 1_000L;
  private final StoreListener listener = count -> { };
  /** A spec in which no setting has its default value. */
  private final StoreSpec spec = new StoreSpec("all-set", 50, listener, ticker,
      /* expiring= */ true, String.class, Integer.class, 4_096, Keyring.of(TestKeys.newKey()));
  private final List<StoreSpec> given = new ArrayList<>();

  private StoreFactory recordingHeap() {
    return new StoreFactory() {
      @Override
      public <K> Store<K> create(StoreSpec asked) {
        given.add(asked);
        return new BuiltInStore<>(asked, BuiltInStore.Policy.LRU);
      }
    };
  }

  private TierFactory recordingTier(String role) {
    return new TierFactory() {
      @Override
      public <K> Tier<K> create(StoreSpec asked) {
        given.add(asked);
        Store<K> store = new BuiltInStore<>(asked, BuiltInStore.Policy.LRU);
        return new Tier<>(role, store, Optional.empty());
      }
    };
  }

  @Test
  void tieredStore_givesTheAuthorityTheWholeSpec_andTheHeapTierItsBoundWithoutExpiry()
      throws Exception {
    Store<String> store = TieredStore.open(spec, recordingHeap(), /* heapEntries= */ 7,
        recordingTier("file"), HeapForm.SHARED, /* maxStaleMillis= */ 0);
    try {
      StoreSpec heap = given.get(0);
      StoreSpec authority = given.get(1);
      assertEquals(spec.withMaxEntries(7).withExpiring(/* expiring= */ false)
          .withListener(heap.listener()), heap);
      assertEquals(spec.withListener(authority.listener()), authority);
      assertNotSame(listener, authority.listener(), "the tier hears the authority's evictions");
    } finally {
      store.close();
    }
  }

  @Test
  void sizeRoutingStore_givesBothStoresTheWholeSpec() throws Exception {
    Store<String> store = SizeRoutingStore.open(spec, recordingTier("db"),
        recordingTier("file"), /* threshold= */ 8, TestTiers::serializedLength);
    try {
      assertEquals(2, given.size());
      for (StoreSpec asked : given) {
        assertEquals(spec.withListener(asked.listener()), asked);
      }
    } finally {
      store.close();
    }
  }

  @Test
  void universalChain_givesTheDiskStoresTheWholeSpec() throws Exception {
    TierFactory authority = new TierFactory() {
      @Override
      public <K> Tier<K> create(StoreSpec asked) throws StoreException {
        return new Tier<>("authority", SizeRoutingStore.open(asked, recordingTier("db"),
            recordingTier("file"), /* threshold= */ 8, TestTiers::serializedLength),
            Optional.empty());
      }
    };
    Store<String> store = TieredStore.open(spec, recordingHeap(), /* heapEntries= */ 7,
        authority, HeapForm.SHARED, /* maxStaleMillis= */ 0);
    try {
      assertEquals(3, given.size());
      for (StoreSpec asked : given.subList(1, 3)) {
        assertEquals(spec.withListener(asked.listener()), asked);
      }
    } finally {
      store.close();
    }
  }
}

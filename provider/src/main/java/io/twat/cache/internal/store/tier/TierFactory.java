/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.util.List;
import java.util.Map;

/** Makes one tier of a chain: a store and where it keeps its data. Thread-safe. */
public interface TierFactory {
  /**
   * Creates the tier's store as {@code spec} says.
   *
   * @param spec the cache, bound, listener and clock of the store
   * @param <K> the type of keys
   * @return a new, open tier
   * @throws StoreException if the store cannot be opened
   */
  <K> Tier<K> create(StoreSpec spec) throws StoreException;

  /**
   * Returns the caches whose data this tier keeps on disk for later managers (see
   * {@link io.twat.cache.internal.store.StoreFactory#persistedCaches()}); none by default.
   *
   * @return the caches, by name and recorded types
   * @throws StoreException if the disk cannot be read
   */
  default List<PersistedCache> persistedCaches() throws StoreException {
    return List.of();
  }

  /**
   * Records settings with the data this tier keeps for a cache; see
   * {@link io.twat.cache.internal.store.StoreFactory#recordSettings}. Records nothing by default.
   *
   * @param cacheName the cache's name
   * @param settings the settings, by name
   * @return whether they were recorded
   * @throws StoreException if they cannot be written
   */
  default boolean recordSettings(String cacheName, Map<String, String> settings)
      throws StoreException {
    return false;
  }

  /**
   * Deletes the data this tier keeps for a cache no store has open; see
   * {@link io.twat.cache.internal.store.StoreFactory#destroyPersisted(String)}.
   *
   * @param cacheName the cache's name
   * @return whether there was data to delete
   * @throws StoreException if the data cannot be deleted
   */
  default boolean destroyPersisted(String cacheName) throws StoreException {
    return false;
  }
}

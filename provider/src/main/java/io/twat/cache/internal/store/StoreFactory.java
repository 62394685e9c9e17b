/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import java.util.List;
import java.util.Map;

/**
 * Makes the stores of one kind. A factory is chosen once per cache manager; it is thread-safe.
 */
@FunctionalInterface
public interface StoreFactory {
  /**
   * Creates a store.
   *
   * @param spec what the store must be
   * @param <K> the type of keys
   * @return a new, open store
   * @throws StoreException if the store cannot be opened
   */
  <K> Store<K> create(StoreSpec spec) throws StoreException;

  /**
   * Returns whether the stores keep values as copies of their own (by serializing them), so that
   * the facade need not copy values for store-by-value caches.
   */
  default boolean copiesValues() {
    return false;
  }

  /**
   * Returns whether the stores never hold the caller's key objects (they keep serialized keys
   * only), so that a store-by-value facade need not copy keys either. Meaningful only when
   * {@link #copiesValues()} is true; a store with a heap tier that holds key objects says false.
   */
  default boolean copiesKeys() {
    return copiesValues();
  }

  /**
   * Returns the caches whose data this factory's stores keep from earlier managers (of this or
   * another JVM), with the types and settings recorded for them, so that a manager can list and
   * reopen them.
   * Stores that keep nothing beyond their manager (the heap stores) return none.
   *
   * @throws StoreException if the stores' place cannot be read
   */
  default List<PersistedCache> persistedCaches() throws StoreException {
    return List.of();
  }

  /**
   * Returns whether this factory's stores keep their caches for later managers, so that
   * {@link #recordSettings} is worth calling; false for the heap stores.
   */
  default boolean keepsCaches() {
    return false;
  }

  /**
   * Records {@code settings} with the data of the cache {@code cacheName}, whose store this
   * factory has opened, replacing the settings recorded before; {@link #persistedCaches()}
   * returns them from then on, also to managers of other JVMs. The store keeps them as they are
   * (see {@link PersistedCache#isValidSetting}), without interpreting them.
   *
   * @return whether they were recorded (false for stores that keep nothing beyond their manager,
   *     or when the cache has no record any more)
   * @throws StoreException if the record cannot be written
   * @throws IllegalArgumentException if a setting is not one a store can keep
   */
  default boolean recordSettings(String cacheName, Map<String, String> settings)
      throws StoreException {
    return false;
  }

  /**
   * Deletes the data a persistent store keeps for {@code cacheName} while no store of this
   * manager has it open; {@code destroyCache} of a cache that was not reopened calls it.
   *
   * @return whether there was data to delete
   * @throws StoreException if the data cannot be deleted
   */
  default boolean destroyPersisted(String cacheName) throws StoreException {
    return false;
  }
}

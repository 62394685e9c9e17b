package io.twat.cache.internal.store;

import java.util.List;

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
   * Returns the caches whose data this factory's stores keep from earlier managers (of this or
   * another JVM), with the types recorded for them, so that a manager can list and reopen them.
   * Stores that keep nothing beyond their manager (the heap stores) return none.
   *
   * @throws StoreException if the stores' place cannot be read
   */
  default List<PersistedCache> persistedCaches() throws StoreException {
    return List.of();
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

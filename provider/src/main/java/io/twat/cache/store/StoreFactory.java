package io.twat.cache.store;

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
}

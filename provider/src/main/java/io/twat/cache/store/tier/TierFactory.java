package io.twat.cache.store.tier;

import io.twat.cache.store.StoreException;
import io.twat.cache.store.StoreSpec;

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
}

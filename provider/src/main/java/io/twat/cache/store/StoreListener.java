package io.twat.cache.store;

/**
 * Hears about entries a store drops on its own, to keep within its bounds. Called on the thread
 * that caused the eviction; implementations must be fast and must not call back into the store.
 */
@FunctionalInterface
public interface StoreListener {
  /** A listener that ignores everything. */
  StoreListener NONE = count -> { };

  /**
   * Some entries were evicted to respect a size bound.
   *
   * @param count how many entries were evicted, at least one
   */
  void onEvicted(int count);
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import java.util.function.Predicate;

/**
 * Hears about entries a store drops on its own: evicted to keep within its bound, or expired and
 * cleaned up by the store. Called on the thread that caused it (for {@code onExpired}, while the
 * store still holds the key, so the facade can queue the expired event in order with the key's
 * other changes). Implementations must be fast and must not call back into the store.
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

  /**
   * Some entries were evicted to respect a size bound, and the store can tell which: {@code
   * evicted} accepts the key of each (and may, as rarely as two keys' 64-bit hashes collide,
   * accept another). For a tier above the store, to drop only those keys' copies. The default
   * reports the count alone.
   *
   * @param count how many entries were evicted, at least one
   * @param evicted whether a key was among them
   */
  default void onEvicted(int count, Predicate<Object> evicted) {
    onEvicted(count);
  }

  /**
   * The store removed an entry whose deadline had passed. The default ignores it, for listeners
   * that only count evictions.
   *
   * @param key the entry's key
   * @param entry the removed entry
   */
  default void onExpired(Object key, StoreEntry entry) {
  }

  /**
   * Another process (another host) changed or removed the key in a store shared with it, so a
   * copy of it kept above the store (a heap tier) is stale. Called on the store's own thread,
   * after the change was committed; the default ignores it.
   *
   * @param key the key
   */
  default void onChangedElsewhere(Object key) {
  }

  /**
   * Another process changed the whole cache (cleared it), or the store may have missed some of
   * their changes: every copy kept above the store is stale. The default ignores it.
   */
  default void onAllChangedElsewhere() {
  }
}

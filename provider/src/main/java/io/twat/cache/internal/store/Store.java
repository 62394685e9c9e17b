/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import io.twat.cache.TierStatistics;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Per-key atomic storage of {@link StoreEntry} values: the one thing each twat-cache store
 * implements. A store knows nothing of JCache: it neither decides expiry nor fires events nor
 * keeps statistics, all of which the facade does once for every store. It may evict entries on
 * its own to respect a size bound, and it may remove entries whose deadline has passed (against
 * {@link StoreSpec#ticker()}), reporting both to its {@link StoreListener}; an expired entry it
 * has not removed yet it returns like any other, and the facade treats it as a miss.
 *
 * <p>Implementations are thread-safe. {@link #compute} is atomic per key: while the function runs
 * for a key, no other change to that key is made, in this process or (for stores shared between
 * processes) in another one. The function is called exactly once per call of {@code compute}; if
 * it returns normally, its result is the new state of the key once {@code compute} returns, and
 * if it throws, the key is unchanged and the exception reaches the caller as it was thrown.
 *
 * <p>Keys are the caller's objects and must have stable {@code equals}/{@code hashCode}.
 *
 * @param <K> the type of keys
 */
public interface Store<K> extends AutoCloseable {

  /**
   * Returns the entry of {@code key}, or null if there is none; an expired entry the store has
   * not removed yet is returned.
   *
   * @throws StoreException if the store cannot be read
   */
  StoreEntry get(K key) throws StoreException;

  /** What {@link #liveValue} returns for an entry whose deadline has passed. */
  Object EXPIRED = new Object() {
    @Override
    public String toString() {
      return "EXPIRED";
    }
  };

  /**
   * Returns the stored form of the value of {@code key} if its entry has not expired at {@code
   * nowMillis}, {@link #EXPIRED} if it has, or null if there is none: a {@link #get} for the
   * cache's plainest read, which a store may answer without making an entry object.
   *
   * @throws StoreException if the store cannot be read
   */
  default Object liveValue(K key, long nowMillis) throws StoreException {
    StoreEntry entry = get(key);
    return entry == null ? null : entry.liveValue(nowMillis);
  }

  /**
   * Atomically replaces the entry of {@code key} by what {@code function} returns for the current
   * one (null when absent). Returning null removes the entry; returning the current instance leaves
   * it as it is.
   *
   * @return the entry the key has afterwards, or null
   * @throws StoreException if the store cannot be read or written; the key is then unchanged
   */
  StoreEntry compute(
      K key, BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function)
      throws StoreException;

  /**
   * Returns a weakly consistent iterator over the entries, expired ones possibly included. It never
   * throws {@link java.util.ConcurrentModificationException}; its {@code remove} is not supported
   * (the facade removes through {@link #compute}).
   *
   * @throws StoreException if the store cannot be read
   */
  Iterator<Map.Entry<K, StoreEntry>> iterator() throws StoreException;

  /** Returns the number of entries, expired ones included; an estimate while others write. */
  long size() throws StoreException;

  /**
   * Removes every entry without notifying anyone.
   *
   * @throws StoreException if the store cannot be written
   */
  void clear() throws StoreException;

  /**
   * Removes every entry and whatever else the store keeps about its cache (a disk store's record
   * of the cache), so that the cache is gone for new managers too; for {@code destroyCache}.
   *
   * @throws StoreException if the store cannot be written
   */
  default void destroy() throws StoreException {
    clear();
  }

  /**
   * Describes the backend for people: its kind and bounds, e.g. {@code heap(caffeine, unbounded)}.
   */
  String describe();

  /**
   * Returns the folder this store keeps its data in: empty for a store on the heap or in a
   * database the store does not own a folder of.
   */
  default Optional<Path> folder() {
    return Optional.empty();
  }

  /**
   * Returns the figures of each tier, top first, for a store that chains others; empty for a
   * single store, which the cache reports as one tier with its own statistics.
   */
  default List<TierStatistics> tierStatistics() {
    return List.of();
  }

  /**
   * Turns on or off the counting of each tier's reads (the hits and misses of {@link
   * #tierStatistics}), which a cache does while its statistics are enabled, so that a read of a
   * cache without statistics counts nothing; a single store, which counts nothing itself, ignores
   * it. A chain counts from its creation until this turns it off.
   */
  default void countReads(boolean on) {
  }

  /** Releases the store's resources; the data of a persistent store stays where it is. */
  @Override
  void close();
}

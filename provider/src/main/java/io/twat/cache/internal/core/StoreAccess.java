/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.internal.event.EventDispatcher;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiFunction;
import javax.cache.CacheException;

/**
 * The store of one cache as the facade uses it: a {@link StoreException} becomes the
 * {@link CacheException} JCache callers expect, naming the cache and its manager, and every
 * change goes through {@link EventDispatcher#queuedOnSuccess}, so that the events a change
 * publishes are queued only if it succeeds.
 *
 * <p>Thread-safe, as the store is.
 *
 * @param <K> the type of keys
 */
final class StoreAccess<K> {
  private final Store<K> store;
  private final EventDispatcher<K, ?> events;
  /** Names the cache in failures: {@code Cache "name" on uri}. */
  private final String cacheLabel;

  /**
   * Wraps a store.
   *
   * @param store the cache's store
   * @param events the cache's listeners, which queue the events of successful changes
   * @param cacheLabel names the cache and its manager in failure messages
   */
  StoreAccess(Store<K> store, EventDispatcher<K, ?> events, String cacheLabel) {
    this.store = store;
    this.events = events;
    this.cacheLabel = cacheLabel;
  }

  /** Returns the entry of {@code key}, expired or not, or null; see {@link Store#get}. */
  StoreEntry get(K key) {
    try {
      return store.get(key);
    } catch (StoreException e) {
      throw failure(e);
    }
  }

  /**
   * Changes the entry of {@code key} atomically, queuing the events {@code function} publishes
   * if it returns normally; see {@link Store#compute}.
   */
  StoreEntry compute(K key,
      BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function) {
    try {
      return store.compute(key, events.queuedOnSuccess(function));
    } catch (StoreException e) {
      throw failure(e);
    }
  }

  /** Returns a weakly consistent iterator over the entries; see {@link Store#iterator}. */
  Iterator<Map.Entry<K, StoreEntry>> iterator() {
    try {
      return store.iterator();
    } catch (StoreException e) {
      throw failure(e);
    }
  }

  /** Removes every entry without notifying anyone. */
  void clear() {
    try {
      store.clear();
    } catch (StoreException e) {
      throw failure(e);
    }
  }

  /** Removes every entry and the store's record of the cache; for {@code destroyCache}. */
  void destroy() {
    try {
      store.destroy();
    } catch (StoreException e) {
      throw failure(e);
    }
  }

  /** Closes the store. */
  void close() {
    store.close();
  }

  private CacheException failure(StoreException e) {
    return new CacheException(cacheLabel + ": " + e.getMessage(), e);
  }
}

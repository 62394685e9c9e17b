/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.internal.copy.CheckingCopier;
import io.twat.cache.internal.copy.Copier;
import io.twat.cache.internal.event.EventDispatcher;
import io.twat.cache.internal.serial.SerializationException;
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
 * <p>On a store-by-value cache a key that cannot be serialized fails every operation with the
 * {@link IllegalArgumentException} that {@code put} gives it (naming its class and the fix), on
 * every store: a disk store cannot serialize it to look it up (its failure is translated here),
 * and on the heap it can never have been stored, so it is checked when the store finds no entry
 * for it, before a change's function runs ({@link #computeCopied} skips the check for a key the
 * copier made, which it checked). A key that serializes costs nothing on a hit; on a miss, a key
 * of a type the disk serializer writes raw or of an immutable type costs nothing either, any
 * other one serialization into nothing.
 *
 * <p>Thread-safe, as the store is.
 *
 * @param <K> the type of keys
 */
final class StoreAccess<K> {
  private final Store<K> store;
  private final EventDispatcher<K, ?> events;
  /** Throws if a key cannot be serialized; null for a store-by-reference cache. */
  private final Copier keyCheck;
  /** Names the cache in failures: {@code Cache "name" on uri}. */
  private final String cacheLabel;

  /**
   * Wraps a store.
   *
   * @param store the cache's store
   * @param events the cache's listeners, which queue the events of successful changes
   * @param copier the cache's copier: {@link Copier#IDENTITY} for a store-by-reference cache,
   *     whose keys need not serialize
   * @param cacheLabel names the cache and its manager in failure messages
   */
  StoreAccess(Store<K> store, EventDispatcher<K, ?> events, Copier copier, String cacheLabel) {
    this.store = store;
    this.events = events;
    this.keyCheck = copier == Copier.IDENTITY ? null : new CheckingCopier();
    this.cacheLabel = cacheLabel;
  }

  /**
   * Returns the stored value of {@code key}, {@link Store#EXPIRED}, or null; see {@link
   * Store#liveValue}.
   *
   * @throws IllegalArgumentException if the cache stores by value and the key does not serialize
   */
  Object liveValue(K key, long nowMillis) {
    Object value;
    try {
      value = store.liveValue(key, nowMillis);
    } catch (StoreException e) {
      throw failure(key, e);
    }
    if (value == null) {
      requireSerializable(key);
    }
    return value;
  }

  /**
   * Returns the entry of {@code key}, expired or not, or null; see {@link Store#get}.
   *
   * @throws IllegalArgumentException if the cache stores by value and the key does not serialize
   */
  StoreEntry get(K key) {
    StoreEntry entry;
    try {
      entry = store.get(key);
    } catch (StoreException e) {
      throw failure(key, e);
    }
    if (entry == null) {
      requireSerializable(key);
    }
    return entry;
  }

  /**
   * Changes the entry of {@code key} atomically, queuing the events {@code function} publishes
   * if it returns normally; see {@link Store#compute}.
   *
   * @throws IllegalArgumentException if the cache stores by value and the key does not serialize;
   *     {@code function} is then not called
   */
  StoreEntry compute(K key,
      BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function) {
    BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> checked = keyCheck == null
        ? function : (k, current) -> {
          if (current == null) {
            requireSerializable(key);
          }
          return function.apply(k, current);
        };
    return computeCopied(key, checked);
  }

  /**
   * Changes the entry of {@code storeKey} as {@link #compute} does, for a key that the cache's
   * copier returned ({@link Copier#copyKey}), so that it is known to serialize.
   */
  StoreEntry computeCopied(K storeKey,
      BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function) {
    try {
      return store.compute(storeKey, events.queuedOnSuccess(function));
    } catch (StoreException e) {
      throw failure(storeKey, e);
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

  /** Throws the {@link IllegalArgumentException} of {@code put} if the key does not serialize. */
  private void requireSerializable(K key) {
    if (keyCheck != null) {
      keyCheck.copyKey(key);
    }
  }

  /**
   * Returns the failure of an operation on {@code key}: the {@link IllegalArgumentException} of a
   * key that does not serialize, thrown here, or the {@link CacheException} of the store's
   * failure.
   */
  private CacheException failure(K key, StoreException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SerializationException) {
        requireSerializable(key);
        break;
      }
    }
    return failure(e);
  }

  private CacheException failure(StoreException e) {
    return new CacheException(cacheLabel + ": " + e.getMessage(), e);
  }
}

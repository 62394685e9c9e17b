/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.cache.Cache;

/**
 * A {@link CompletableFuture} view of a twat-cache {@link Cache}: the same entries, expiry,
 * listeners and statistics, with every operation run on an {@link Executor} so that no store I/O
 * happens on the caller's thread. Get one with
 * {@code TwatCaches.async(cache)}.
 *
 * <pre>{@code
 * AsyncCache<String, User> users = TwatCaches.async(cache);
 * CompletableFuture<User> user = users.get("42", id -> userService.fetch(id));
 * }</pre>
 *
 * <p><b>Single flight.</b> {@link #get(Object, Function)} calls the loader at most once at a time
 * per key: concurrent callers that miss the same key share that one load. A failed load is not
 * cached and its exception reaches every caller that shared it. Each caller gets its own future:
 * cancelling it, or letting it time out ({@link CompletableFuture#orTimeout}), leaves the load and
 * the other callers alone.
 *
 * <p><b>Arguments and failures.</b> A null key, value, set, map or loader is refused at once with a
 * {@link NullPointerException}; everything else is reported through the returned future: the
 * cache's own exceptions (a {@code ClassCastException} for a key of the wrong type, a
 * {@code CacheWriterException}, ...) as the future's cause. When the cache or its manager closes,
 * every future still pending completes exceptionally with an {@link IllegalStateException} that
 * says so, and later calls return such a failed future.
 *
 * <p>Thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public interface AsyncCache<K, V> {

  /**
   * Returns the value of {@code key}, or null, as {@link Cache#get} does (read-through included).
   *
   * @param key the key, not null
   * @return a future of the value or null; it fails with what {@code get} would throw
   */
  CompletableFuture<V> get(K key);

  /**
   * Returns the value of {@code key}; on a miss, completes with what {@code loader} yields and
   * stores it (a miss plus a put in the statistics; not written through). Concurrent calls for the
   * same missing key share one call of the loader. A loader that yields null stores nothing.
   *
   * @param key the key
   * @param loader makes the value of a missing key; called on the executor, not the caller's thread
   * @return a future of the cached or loaded value (null if the loader yields null); it fails with
   *     the loader's exception, which every caller sharing the load sees and which is not cached
   */
  CompletableFuture<V> get(
      K key, Function<? super K, ? extends CompletableFuture<? extends V>> loader);

  /**
   * Returns the values of the keys that have one, as {@link Cache#getAll} does.
   *
   * @param keys the keys, none of them null
   * @return a future of a map from each key that has a value to its value
   */
  CompletableFuture<Map<K, V>> getAll(Set<? extends K> keys);

  /**
   * Returns whether {@code key} has a value, as {@link Cache#containsKey} does.
   *
   * @param key the key, not null
   * @return a future of whether the key has a live value
   */
  CompletableFuture<Boolean> containsKey(K key);

  /**
   * Stores {@code value} under {@code key}, as {@link Cache#put} does (written through).
   *
   * @param key the key, not null
   * @param value the value, not null
   * @return a future that completes when the value is stored
   */
  CompletableFuture<Void> put(K key, V value);

  /**
   * Stores every entry of {@code map}, as {@link Cache#putAll} does.
   *
   * @param map the entries, no key or value null
   * @return a future that completes when every entry is stored
   */
  CompletableFuture<Void> putAll(Map<? extends K, ? extends V> map);

  /**
   * Removes {@code key}, as {@link Cache#remove(Object)} does.
   *
   * @param key the key, not null
   * @return a future of whether the key had a value
   */
  CompletableFuture<Boolean> remove(K key);

  /**
   * Returns the synchronous cache this view works on.
   *
   * @return the cache
   */
  Cache<K, V> synchronous();

  /**
   * Returns the executor this view runs its operations on.
   *
   * @return the manager's shared pool, or the executor given to {@code async(executor)}
   */
  Executor executor();
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.cache.Cache;

/**
 * A twat-cache {@link Cache} with what JCache does not give: a {@code CompletableFuture} view,
 * the cache's figures and where it keeps its data. Every cache of twat-cache's provider is one;
 * get it typed with {@link TwatCaches#of(Cache)}, no cast needed:
 *
 * <pre>{@code
 * TwatCache<String, User> users = TwatCaches.of(cache);
 * CompletableFuture<User> user = users.async().get("42", id -> userService.fetch(id));
 * CacheStats stats = users.stats();
 * }</pre>
 *
 * <p>Thread-safe, like the cache itself.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public interface TwatCache<K, V> extends Cache<K, V> {
  /**
   * Returns the {@link AsyncCache} view of this cache on the manager's shared pool of daemon
   * threads (at most twice the number of processors, at least four). Every call returns the same
   * view, so single flight holds across all its users.
   *
   * @return the shared asynchronous view
   * @throws IllegalStateException if the cache is closed
   */
  AsyncCache<K, V> async();

  /**
   * Returns a new {@link AsyncCache} view of this cache whose operations run on {@code executor},
   * e.g. {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21+. Single flight holds
   * within one view. The executor stays the caller's to shut down.
   *
   * @param executor runs the view's operations
   * @return a new asynchronous view
   * @throws NullPointerException if {@code executor} is null
   * @throws IllegalStateException if the cache is closed
   */
  AsyncCache<K, V> async(Executor executor);

  /**
   * Returns the figures of this cache now (what the Python {@code get_stats} gave).
   *
   * @return an immutable snapshot of its counts and of each tier's figures
   * @throws IllegalStateException if the cache is closed
   */
  CacheStats stats();

  /**
   * Returns the folder this cache keeps its data in (what the Python {@code get_cache_path}
   * gave).
   *
   * @return the folder, or empty for a cache on the heap or in a database server
   */
  Optional<Path> folder();

  /**
   * Returns the chain of stores behind this cache, as logged when it was created, e.g.
   * {@code heap(caffeine, 10000 entries) -> file(/path, unbounded)}.
   *
   * @return the description of its stores
   */
  String backend();
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.AsyncCache;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.cache.Cache;

/**
 * The {@link AsyncCache} of a {@link CacheFacade}: each operation is the synchronous one, run on
 * the executor; {@code get(key, loader)} adds single-flight loading.
 *
 * <p>How single flight holds: a load is registered in {@code flights} before its owner checks the
 * cache once more, and it leaves {@code flights} only after its value is stored. A caller that
 * missed either finds the flight and joins it, or comes after it and finds the stored value.
 *
 * <p>Every future handed out is tracked until it completes, so that {@link #close()} can fail the
 * pending ones with a clear message when the cache or its manager closes.
 *
 * <p>Thread-safe.
 */
final class TwatAsyncCache<K, V> implements AsyncCache<K, V> {
  private final CacheFacade<K, V> cache;
  private final Executor executor;
  private final ConcurrentMap<K, CompletableFuture<V>> flights = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  TwatAsyncCache(CacheFacade<K, V> cache, Executor executor) {
    this.cache = cache;
    this.executor = executor;
  }

  @Override
  public CompletableFuture<V> get(K key) {
    Objects.requireNonNull(key, "A cache key must not be null");
    return run(() -> cache.get(key));
  }

  @Override
  public CompletableFuture<V> get(
      K key, Function<? super K, ? extends CompletableFuture<? extends V>> loader) {
    Objects.requireNonNull(key, "A cache key must not be null");
    Objects.requireNonNull(loader, "get(key, loader) needs a loader, not null");
    CompletableFuture<V> result = track(new CompletableFuture<>());
    CompletableFuture<V> flight = flights.get(key);
    if (flight != null) {
      relay(flight, result);
      return result;
    }
    execute(result, () -> {
      V hit = cache.get(key);
      if (hit != null) {
        result.complete(hit);
      } else {
        relay(join(key, loader), result);
      }
    });
    return result;
  }

  /** Returns the load of {@code key} in flight, starting it if there is none. */
  private CompletableFuture<V> join(
      K key, Function<? super K, ? extends CompletableFuture<? extends V>> loader) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> existing = flights.putIfAbsent(key, mine);
    if (existing != null) {
      return existing;
    }
    try {
      V stored = cache.peek(key);
      if (stored != null) {
        land(key, mine, stored, /* store= */ false, null);
        return mine;
      }
      CompletableFuture<? extends V> loading =
          Objects.requireNonNull(
              loader.apply(key),
              "The loader of get(key, loader) returned null; return a CompletableFuture (of null"
                  + " for no value)");
      CompletableFuture<?> unused = loading.whenCompleteAsync(
          (value, failure) -> land(key, mine, value, /* store= */ true, failure), executor);
    } catch (RuntimeException | Error e) {
      land(key, mine, null, /* store= */ false, e);
    }
    return mine;
  }

  /** Ends a flight: stores its value, lets the next caller in, then tells the waiters. */
  private void land(K key, CompletableFuture<V> flight, V value, boolean store, Throwable failure) {
    Throwable outcome = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (outcome == null && store && value != null) {
      try {
        cache.putLoaded(key, value);
      } catch (RuntimeException e) {
        outcome = e;
      }
    }
    flights.remove(key, flight);
    if (outcome == null) {
      flight.complete(value);
    } else {
      flight.completeExceptionally(outcome);
    }
  }

  @Override
  public CompletableFuture<Map<K, V>> getAll(Set<? extends K> keys) {
    Objects.requireNonNull(keys, "The set of keys must not be null");
    return run(() -> cache.getAll(keys));
  }

  @Override
  public CompletableFuture<Boolean> containsKey(K key) {
    Objects.requireNonNull(key, "A cache key must not be null");
    return run(() -> cache.containsKey(key));
  }

  @Override
  public CompletableFuture<Void> put(K key, V value) {
    Objects.requireNonNull(key, "A cache key must not be null");
    Objects.requireNonNull(
        value, "A cache value must not be null; use remove(key) to remove an entry");
    return run(() -> {
      cache.put(key, value);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> putAll(Map<? extends K, ? extends V> map) {
    Objects.requireNonNull(map, "putAll(null) is not allowed; pass a map of entries");
    return run(() -> {
      cache.putAll(map);
      return null;
    });
  }

  @Override
  public CompletableFuture<Boolean> remove(K key) {
    Objects.requireNonNull(key, "A cache key must not be null");
    return run(() -> cache.remove(key));
  }

  @Override
  public Cache<K, V> synchronous() {
    return cache;
  }

  @Override
  public Executor executor() {
    return executor;
  }

  /** Fails every pending future and every later call: the cache has closed. */
  void close() {
    closed = true;
    IllegalStateException closedException = closedException();
    for (CompletableFuture<?> future : pending) {
      future.completeExceptionally(closedException);
    }
    for (CompletableFuture<V> flight : flights.values()) {
      flight.completeExceptionally(closedException);
    }
    flights.clear();
  }

  private <T> CompletableFuture<T> run(Supplier<T> operation) {
    CompletableFuture<T> result = track(new CompletableFuture<>());
    execute(result, () -> result.complete(operation.get()));
    return result;
  }

  /** Runs {@code task} on the executor; whatever it throws fails {@code result}. */
  private void execute(CompletableFuture<?> result, Runnable task) {
    if (result.isDone()) {
      return;
    }
    try {
      executor.execute(() -> {
        if (result.isDone()) {
          return;
        }
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closed ? closedException()
          : new IllegalStateException("The executor of the async view of cache \"" + cache.getName()
              + "\" refused the operation; is it shut down?", e));
    }
  }

  // A future's equality is its identity, which is what the set of pending futures needs.
  @SuppressWarnings("CollectionUndefinedEquality")
  private <T> CompletableFuture<T> track(CompletableFuture<T> future) {
    if (closed) {
      future.completeExceptionally(closedException());
      return future;
    }
    pending.add(future);
    CompletableFuture<?> unused = future.whenComplete((value, failure) -> pending.remove(future));
    if (closed) {
      future.completeExceptionally(closedException());
    }
    return future;
  }

  private static <T> void relay(CompletableFuture<T> from, CompletableFuture<T> to) {
    CompletableFuture<T> unused =
        from.whenComplete(
            (value, failure) -> {
              if (failure == null) {
                to.complete(value);
              } else {
                to.completeExceptionally(
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure);
              }
            });
  }

  private IllegalStateException closedException() {
    return new IllegalStateException(
        "Cache \""
            + cache.getName()
            + "\" on "
            + cache.getCacheManager().getURI()
            + " was closed; its async operations that were still pending are cancelled");
  }
}

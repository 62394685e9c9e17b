/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The async views of one cache: the default view, made on first use on the manager's async
 * pool, and every view made on an executor of the caller's, all kept so that {@link #closeAll}
 * can fail their pending operations when the cache closes. A view made while or after the cache
 * closes is closed at once.
 *
 * <p>Thread-safe: the views are a copy-on-write list; the default view is made once under a
 * lock. The cache marks itself closed before it calls {@link #closeAll}, and a new view is
 * listed before it checks whether the cache is closed, so no view outlives the cache open.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class AsyncViews<K, V> {
  private final CacheFacade<K, V> cache;
  private final Supplier<Executor> defaultExecutor;
  private final List<TwatAsyncCache<K, V>> views = new CopyOnWriteArrayList<>();
  private volatile TwatAsyncCache<K, V> defaultView;

  /**
   * Creates the views of a cache.
   *
   * @param cache the cache whose operations the views run
   * @param defaultExecutor the pool of the default view, asked for on its first use
   */
  AsyncViews(CacheFacade<K, V> cache, Supplier<Executor> defaultExecutor) {
    this.cache = cache;
    this.defaultExecutor = defaultExecutor;
  }

  /** Returns the default view, on the manager's async pool, making it on first use. */
  TwatAsyncCache<K, V> defaultView() {
    TwatAsyncCache<K, V> view = defaultView;
    if (view == null) {
      synchronized (views) {
        view = defaultView;
        if (view == null) {
          view = newView(defaultExecutor.get());
          defaultView = view;
        }
      }
    }
    return view;
  }

  /** Returns a new view whose operations run on {@code executor}. */
  TwatAsyncCache<K, V> newView(Executor executor) {
    TwatAsyncCache<K, V> view = new TwatAsyncCache<>(cache, executor);
    views.add(view);
    if (cache.isClosed()) {
      view.close();
    }
    return view;
  }

  /** Closes every view, failing its pending operations; for when the cache closes. */
  void closeAll() {
    for (TwatAsyncCache<K, V> view : views) {
      view.close();
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.integration;

import java.util.Map;
import java.util.Objects;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * Read-through as the facade calls it: the user's {@link CacheLoader} with its failures turned
 * into {@link CacheLoaderException}, or {@link #disabled()} for a cache without one.
 *
 * <p>Thread-safe if the user's loader is.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class Loader<K, V> {
  @SuppressWarnings("rawtypes")
  private static final Loader DISABLED = new Loader<>(null);

  private final CacheLoader<K, V> loader;

  private Loader(CacheLoader<K, V> loader) {
    this.loader = loader;
  }

  /** Returns a loader that calls {@code loader}. */
  public static <K, V> Loader<K, V> of(CacheLoader<K, V> loader) {
    return new Loader<>(Objects.requireNonNull(loader, "loader"));
  }

  /** Returns the loader of a cache without one: it loads nothing. */
  @SuppressWarnings("unchecked")
  public static <K, V> Loader<K, V> disabled() {
    return (Loader<K, V>) DISABLED;
  }

  /** Returns whether this loader loads anything. */
  public boolean isEnabled() {
    return loader != null;
  }

  /** Loads one value, or returns null if there is none or no loader. */
  public V load(K key) {
    if (loader == null) {
      return null;
    }
    try {
      return loader.load(key);
    } catch (RuntimeException e) {
      throw wrap(e);
    }
  }

  /** Loads values; the map holds no entry (or a null value) for a key without one. */
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    if (loader == null) {
      return Map.of();
    }
    try {
      Map<K, V> loaded = loader.loadAll(keys);
      return loaded == null ? Map.of() : loaded;
    } catch (RuntimeException e) {
      throw wrap(e);
    }
  }

  /** Closes the user's loader if it is closeable. */
  public void close() {
    Closeables.closeQuietly(loader);
  }

  private static CacheLoaderException wrap(RuntimeException e) {
    return e instanceof CacheLoaderException cle ? cle
        : new CacheLoaderException("The CacheLoader failed: " + e, e);
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import javax.cache.Cache;

/**
 * An immutable key-value pair, as the cache's iterator and write-through hand them out.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class TwatEntry<K, V> implements Cache.Entry<K, V> {
  private final K key;
  private final V value;

  /**
   * Creates an entry.
   *
   * @param key the key
   * @param value the value
   */
  public TwatEntry(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A cache entry unwraps only to " + TwatEntry.class.getName()
        + " or its supertypes, not to " + clazz.getName());
  }

  @Override
  public String toString() {
    return "TwatEntry[" + key + "=" + value + "]";
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import java.util.Objects;
import java.util.Set;

/**
 * The argument checks of one cache's operations: keys and values must not be null and must
 * have the cache's configured types. Each failure names the cache and says what was wrong,
 * with the exception type JCache prescribes ({@link NullPointerException} or
 * {@link ClassCastException}).
 *
 * <p>Thread-safe: immutable.
 */
final class ArgumentChecks {
  private final String cacheName;
  private final Class<?> keyType;
  private final Class<?> valueType;

  /**
   * Creates the checks of a cache.
   *
   * @param cacheName the cache's name, for the messages
   * @param keyType the cache's key type
   * @param valueType the cache's value type
   */
  ArgumentChecks(String cacheName, Class<?> keyType, Class<?> valueType) {
    this.cacheName = cacheName;
    this.keyType = keyType;
    this.valueType = valueType;
  }

  /** Throws if {@code key} is null or not of the key type. */
  void requireKey(Object key) {
    if (key == null) {
      throw new NullPointerException("A cache key must not be null");
    }
    if (!keyType.isInstance(key)) {
      throw new ClassCastException("Cache \"" + cacheName + "\" has keys of type "
          + keyType.getName() + ", not " + key.getClass().getName());
    }
  }

  /** Throws if {@code value} is null or not of the value type. */
  void requireValue(Object value) {
    if (value == null) {
      throw new NullPointerException(
          "A cache value must not be null; use remove(key) to remove an entry");
    }
    if (!valueType.isInstance(value)) {
      throw new ClassCastException("Cache \"" + cacheName + "\" has values of type "
          + valueType.getName() + ", not " + value.getClass().getName());
    }
  }

  /** Throws if {@code keys} is null or holds a key {@link #requireKey} refuses. */
  void requireKeys(Set<?> keys) {
    Objects.requireNonNull(keys, "The set of keys must not be null");
    for (Object key : keys) {
      requireKey(key);
    }
  }
}

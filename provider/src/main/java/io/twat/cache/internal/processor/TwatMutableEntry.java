/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.processor;

import io.twat.cache.internal.integration.Loader;
import java.util.Objects;
import javax.cache.processor.MutableEntry;

/**
 * The entry an {@link javax.cache.processor.EntryProcessor} works on. It changes nothing by
 * itself: it records the net {@link Action} of the processor, which the cache then applies
 * atomically (write-through, expiry, events, statistics).
 *
 * <p>Not thread-safe: it lives for one call of one processor, while the key is held.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class TwatMutableEntry<K, V> implements MutableEntry<K, V> {
  /** What the processor did to the entry, as a whole. */
  public enum Action {
    /** Nothing, or changes that cancel out (created then removed). */
    NONE,
    /** Read the value of an existing entry. */
    ACCESS,
    /** Read a missing entry, whose value the read-through loader supplied. */
    LOAD,
    /** Set a value where there was no entry. */
    CREATE,
    /** Set a new value on an existing entry. */
    UPDATE,
    /** Removed the entry. */
    REMOVE
  }

  private final K key;
  private final boolean existed;
  private final Class<?> valueType;
  private final Loader<K, V> readThrough;
  private V value;
  private Action action = Action.NONE;

  /**
   * Creates an entry.
   *
   * @param key the key
   * @param value the current value, or null if the entry does not exist
   * @param valueType the cache's value type, checked by {@link #setValue}
   * @param readThrough loads a missing value on {@link #getValue}, or is disabled
   */
  public TwatMutableEntry(K key, V value, Class<?> valueType, Loader<K, V> readThrough) {
    this.key = key;
    this.value = value;
    this.existed = value != null;
    this.valueType = valueType;
    this.readThrough = readThrough;
  }

  /** Returns the net action of the processor. */
  public Action action() {
    return action;
  }

  /** Returns whether the entry existed before the processor ran. */
  public boolean existed() {
    return existed;
  }

  /** Returns the value the entry holds now, or null. */
  public V currentValue() {
    return value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public boolean exists() {
    return value != null;
  }

  @Override
  public V getValue() {
    if (action == Action.NONE) {
      if (existed) {
        action = Action.ACCESS;
      } else if (readThrough.isEnabled()) {
        V loaded = readThrough.load(key);
        if (loaded != null) {
          value = loaded;
          action = Action.LOAD;
        }
      }
    }
    return value;
  }

  @Override
  public void remove() {
    value = null;
    action = existed ? Action.REMOVE
        : (action == Action.CREATE || action == Action.LOAD) ? Action.NONE : Action.REMOVE;
  }

  @Override
  public void setValue(V newValue) {
    Objects.requireNonNull(
        newValue, "MutableEntry.setValue(null) is not allowed; call remove() to remove the entry");
    if (!valueType.isInstance(newValue)) {
      throw new ClassCastException("The cache holds values of type " + valueType.getName()
          + ", not " + newValue.getClass().getName());
    }
    value = newValue;
    action = existed ? Action.UPDATE : Action.CREATE;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A MutableEntry unwraps only to " + getClass().getName()
        + " or its supertypes, not to " + clazz.getName());
  }
}

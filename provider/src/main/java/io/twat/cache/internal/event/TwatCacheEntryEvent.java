/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.event;

import io.twat.cache.internal.copy.Copier;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * One change of one entry, as listeners see it. Values are held in the store's form and copied
 * out on each read, so a listener of a store-by-value cache cannot change what the cache holds.
 * For removed and expired events both the value and the old value are the value that was removed.
 *
 * <p>Immutable; safe to hand to several listeners and threads.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class TwatCacheEntryEvent<K, V> extends CacheEntryEvent<K, V> {
  private static final long serialVersionUID = 1L;

  private final transient K key;
  private final transient Object value;
  private final transient Object oldValue;
  private final transient Copier copier;

  /**
   * Creates an event.
   *
   * @param source the cache where the change happened
   * @param type what happened
   * @param key the key of the entry
   * @param value the stored form of the new value (of the removed value for removals and expiries)
   * @param oldValue the stored form of the value before the change, or null if there was none
   * @param copier turns stored forms into values for the listener
   */
  public TwatCacheEntryEvent(Cache<K, V> source, EventType type, K key, Object value,
      Object oldValue, Copier copier) {
    super(source, type);
    this.key = key;
    this.value = value;
    this.oldValue = oldValue;
    this.copier = copier;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V getValue() {
    return value == null ? null : (V) copier.fromStore(value);
  }

  @Override
  @SuppressWarnings("unchecked")
  public V getOldValue() {
    return oldValue == null ? null : (V) copier.fromStore(oldValue);
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldValue != null;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A cache entry event unwraps only to "
        + TwatCacheEntryEvent.class.getName() + " or its supertypes, not to " + clazz.getName());
  }

  @Override
  public String toString() {
    return "TwatCacheEntryEvent[" + getEventType() + " " + key + "]";
  }
}

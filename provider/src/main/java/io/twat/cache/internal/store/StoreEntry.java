/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import java.util.Objects;

/**
 * An immutable stored value and the wall-clock instant (epoch milliseconds) at which it expires.
 *
 * <p>The value is in the store's form: a private copy or serialized bytes for a store-by-value
 * cache, the caller's object for store-by-reference. A store may hand out the instance it holds
 * (memory) or a fresh one per read (disk); the facade relies on neither, except that a
 * {@link Store#compute} function returning the very instance it was given means "no change".
 *
 * <p>Instances are immutable and safe to share between threads. The one subclass,
 * {@link StampedEntry}, adds a number a store keeps for itself.
 */
public sealed class StoreEntry permits StampedEntry {
  /** The deadline of an entry that never expires. */
  public static final long NEVER = Long.MAX_VALUE;

  private final Object value;
  private final long expiresAt;

  /**
   * Creates an entry.
   *
   * @param value the stored form of the value, never null
   * @param expiresAt epoch milliseconds at which the entry expires, or {@link #NEVER}
   */
  public StoreEntry(Object value, long expiresAt) {
    this.value = Objects.requireNonNull(value, "value");
    this.expiresAt = expiresAt;
  }

  /** Returns the stored form of the value. */
  public Object value() {
    return value;
  }

  /** Returns the epoch milliseconds at which the entry expires, or {@link #NEVER}. */
  public long expiresAt() {
    return expiresAt;
  }

  /** Returns whether the entry has expired at {@code nowMillis}: the deadline is inclusive. */
  public boolean isExpired(long nowMillis) {
    return nowMillis >= expiresAt;
  }

  /**
   * Returns the value if the entry has not expired at {@code nowMillis}, else {@link
   * Store#EXPIRED}: what {@link Store#liveValue} answers for this entry.
   */
  public Object liveValue(long nowMillis) {
    return isExpired(nowMillis) ? Store.EXPIRED : value;
  }

  /** Returns an entry with the same value and another deadline. */
  public StoreEntry withExpiresAt(long newExpiresAt) {
    return newExpiresAt == expiresAt ? this : new StoreEntry(value, newExpiresAt);
  }

  @Override
  public String toString() {
    return "StoreEntry[expiresAt="
        + (expiresAt == NEVER ? "never" : Long.toString(expiresAt))
        + "]";
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

/**
 * An entry that carries, besides its value and deadline, a stamp its store keeps for itself (a
 * heap tier: when its copy was read, and whether readers may share the value), so that a store
 * layered over another finds its bookkeeping in the entry it looked up rather than one object
 * further away. The facade sees an ordinary {@link StoreEntry}.
 *
 * <p>Safe to share between threads. The value and deadline never change; the stamp may be
 * renewed by the store that made the entry ({@link #renew}), and readers see the renewal.
 */
public final class StampedEntry extends StoreEntry {
  private volatile long stamp;
  private final boolean shared;

  /**
   * Creates an entry.
   *
   * @param value the stored form of the value, never null
   * @param expiresAt epoch milliseconds at which the entry expires, or {@link #NEVER}
   * @param stamp the store's number for this entry
   * @param shared whether readers may be handed this entry and its value as they are
   */
  public StampedEntry(Object value, long expiresAt, long stamp, boolean shared) {
    super(value, expiresAt);
    this.stamp = stamp;
    this.shared = shared;
  }

  /**
   * Returns the store's number for this entry.
   *
   * @return the stamp given at creation
   */
  public long stamp() {
    return stamp;
  }

  /**
   * Replaces the stamp: for the store that made this entry, when it confirmed the entry again.
   *
   * @param newStamp the store's new number for this entry
   */
  public void renew(long newStamp) {
    stamp = newStamp;
  }

  /**
   * Returns whether readers may be handed this entry and its value as they are.
   *
   * @return the flag given at creation
   */
  public boolean shared() {
    return shared;
  }
}

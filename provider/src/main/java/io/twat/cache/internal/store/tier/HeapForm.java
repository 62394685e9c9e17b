/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

/**
 * How a heap tier holds the values of a store that keeps copies of its own (a disk store hands
 * out a fresh object per read): {@link #toHeap} turns a value into a form nobody else can reach
 * (serialized bytes, or the value itself when it is immutable), {@link #fromHeap} makes a fresh
 * object from that form for each read, so a caller changing what it read never changes the tier.
 *
 * <p>Implementations are thread-safe and stateless per call.
 */
public interface HeapForm {
  /** Holds values as they are: for tests and values known to be immutable. */
  HeapForm SHARED = new HeapForm() {
    @Override
    public Object toHeap(Object value) {
      return value;
    }

    @Override
    public Object fromHeap(Object held) {
      return held;
    }

    @Override
    public boolean sharesAsIs(Object held) {
      return true;
    }

    @Override
    public boolean sameHeld(Object a, Object b) {
      return a.equals(b);
    }
  };

  /**
   * Returns the form the heap tier keeps of {@code value}.
   *
   * @throws RuntimeException if the value cannot be converted; the tier then does not keep it
   */
  Object toHeap(Object value);

  /** Returns a value for one reader, made from a form {@link #toHeap} returned. */
  Object fromHeap(Object held);

  /**
   * Returns whether {@link #fromHeap} hands out {@code held} itself (an immutable value), so that
   * every reader may get the same object and a hit need not make anything.
   *
   * @param held a form {@link #toHeap} returned
   * @return true if readers may share {@code held}
   */
  default boolean sharesAsIs(Object held) {
    return false;
  }

  /**
   * Returns whether two forms {@link #toHeap} returned hold the same value, so that a heap copy
   * the authority confirmed may stay as it is. False when unsure: the copy is then replaced.
   *
   * @param a a held form
   * @param b another held form
   * @return true only if readers could not tell the two apart
   */
  default boolean sameHeld(Object a, Object b) {
    return false;
  }
}

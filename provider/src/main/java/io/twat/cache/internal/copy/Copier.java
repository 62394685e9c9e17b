/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.copy;

/**
 * Moves values between the caller's world and the store's. For store-by-reference both ways are
 * the identity; for store-by-value the store holds a form the caller cannot change and every
 * read hands out an object the caller may change freely.
 *
 * <p>Implementations are thread-safe and stateless per call.
 */
public interface Copier {
  /** The store-by-reference copier: both directions return their argument. */
  Copier IDENTITY = new Copier() {
    @Override
    public Object toStore(Object value) {
      return value;
    }

    @Override
    public Object fromStore(Object stored) {
      return stored;
    }

    @Override
    public Object copyKey(Object key) {
      return key;
    }
  };

  /**
   * Returns the form in which the store keeps {@code value}.
   *
   * @throws IllegalArgumentException if the value cannot be copied (it is not serializable)
   */
  Object toStore(Object value);

  /** Returns a value for the caller made from the stored form {@code stored}. */
  Object fromStore(Object stored);

  /**
   * Returns a key equal to {@code key} that the caller cannot change afterwards.
   *
   * @throws IllegalArgumentException if the key cannot be copied (it is not serializable)
   */
  Object copyKey(Object key);
}

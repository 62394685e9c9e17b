/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

/**
 * A store could not do what it was asked: an I/O error, a database error, a corrupt record that
 * could not be skipped. The facade turns it into a {@code javax.cache.CacheException}; it is never
 * used for the caller's own exceptions (a writer's or an entry processor's), which pass through
 * a store untouched.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed and, where known, how to fix it
   * @param cause the underlying failure, or null
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception without a cause.
   *
   * @param message what failed and, where known, how to fix it
   */
  public StoreException(String message) {
    super(message);
  }
}

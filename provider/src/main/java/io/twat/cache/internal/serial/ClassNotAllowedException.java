/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

/**
 * Bytes were refused before any object of them was created: they name a class outside the
 * allow-list and do not carry the cache's valid signature (they were planted, changed, written by
 * an installation with another trust key, or written without one), or they exceed one of the
 * safety limits (depth, array length, references). The message names the class and says why.
 *
 * <p>A store treats it like damaged data: the entry is a miss, counted and logged; it never means
 * that the store itself is broken.
 */
public final class ClassNotAllowedException extends SerializationException {
  private static final long serialVersionUID = 1L;

  private final String className;

  /**
   * Creates an exception.
   *
   * @param className the refused class, or null if a limit (not a class) was the reason
   * @param message what was refused and how to allow it
   * @param cause the stream's own report of the refusal
   */
  ClassNotAllowedException(String className, String message, Throwable cause) {
    super(message, cause);
    this.className = className;
  }

  /** Returns the name of the refused class, or null if a safety limit was exceeded instead. */
  public String className() {
    return className;
  }
}

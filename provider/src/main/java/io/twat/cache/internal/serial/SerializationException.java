/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

/**
 * A key or value could not be turned into bytes, or bytes could not be turned back into an
 * object: the class is not serializable, not visible, refused by the allow-list, or the bytes are
 * not what a {@link Serializer} wrote.
 */
public class SerializationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what failed and, where known, how to fix it
   * @param cause the underlying failure, or null
   */
  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}

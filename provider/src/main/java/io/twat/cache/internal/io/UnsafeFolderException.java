/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.io;

import java.io.IOException;

/**
 * A cache folder that cannot be made or used safely: it is a file, belongs to another user, is
 * writable by others, or cannot be created. The message says which and how to fix it.
 */
public final class UnsafeFolderException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the folder and how to fix it
   */
  public UnsafeFolderException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what is wrong with the folder and how to fix it
   * @param cause the file system's error
   */
  public UnsafeFolderException(String message, Throwable cause) {
    super(message, cause);
  }
}

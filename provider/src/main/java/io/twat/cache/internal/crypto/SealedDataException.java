/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

/**
 * Sealed bytes could not be opened: they were changed, moved to another entry, sealed with a key
 * that is not configured, or are not sealed bytes at all. The caller treats the data as corrupt.
 */
public final class SealedDataException extends Exception {
  private static final long serialVersionUID = 1L;

  SealedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}

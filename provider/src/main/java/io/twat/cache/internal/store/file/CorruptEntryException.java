/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

/** An entry file is not a whole, intact file of a known format: the store treats it as a miss. */
final class CorruptEntryException extends Exception {
  private static final long serialVersionUID = 1L;

  CorruptEntryException(String message) {
    super(message, null, false, false);
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

/**
 * What one change of a key found and did: the change function fills it in while the store holds
 * the key, and the operation reads it after the store has let the key go, to count statistics
 * and answer its caller. Each function that fills it in sets every field it reports on each
 * call, so a store that calls the function again leaves the answer of the last call.
 *
 * <p>Not thread-safe: it belongs to the one operation that made it.
 */
final class KeyChange {
  /** The stored form of the live value the key held before the change, or null if none. */
  Object previous;
  /** Whether the live value equalled the expected one, so that the change was applied. */
  boolean matched;
  /** Whether the change stored a value (an entry that expires at once is not stored). */
  boolean written;

  /** Returns whether the key held a live value before the change. */
  boolean found() {
    return previous != null;
  }
}

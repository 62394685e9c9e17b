/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

/**
 * Waits for the listing a file store starts when it opens, so that a test's counts are exact.
 *
 * <p>Stateless.
 */
final class OpenScans {
  private OpenScans() {
  }

  /**
   * Waits until {@code store}'s open scan is done; an interrupt fails the test, with the thread's
   * interrupt status kept.
   */
  static void await(FileStore<?> store) {
    try {
      store.awaitOpenScan();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import io.twat.cache.Ticker;

/**
 * Specs for store tests. {@link StoreSpec} has only its canonical constructor, so a test starts
 * from {@link #spec} (every setting named here, nothing bounded, nothing encrypted) and changes
 * what it tests with the spec's withers: {@code TestSpecs.spec("c").withMaxEntries(10)}.
 *
 * <p>Stateless.
 */
public final class TestSpecs {
  private TestSpecs() {
  }

  /**
   * Returns the spec of an untyped cache without bounds, listener, expiry or keys of its own, on
   * the system clock.
   *
   * @param cacheName the name of the cache
   * @return the spec
   */
  public static StoreSpec spec(String cacheName) {
    return new StoreSpec(
        cacheName,
        StoreSpec.UNBOUNDED,
        StoreListener.NONE,
        Ticker.SYSTEM,
        /* expiring= */ false,
        Object.class,
        Object.class,
        StoreSpec.UNBOUNDED,
        /* keyring= */ null);
  }
}

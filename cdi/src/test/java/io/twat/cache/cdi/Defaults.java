/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/** {@code @CacheDefaults} for the class, and {@code @CacheResult} on the class itself. */
@ApplicationScoped
@CacheDefaults(cacheName = "defaulted", cacheKeyGenerator = CaseInsensitiveKeyGenerator.class)
@CacheResult
public class Defaults {
  @Inject
  Calls calls;

  /**
   * Cached by the class-level {@code @CacheResult}, in the default cache, with the default key
   * generator.
   */
  public String inherited(String text) {
    calls.increment();
    return text + "!";
  }

  /** Its own name wins over the default; the default key generator still applies. */
  @CacheResult(cacheName = "own")
  public String own(String text) {
    calls.increment();
    return text + "?";
  }

  /** Its own annotation replaces the class-level {@code @CacheResult}. */
  @CacheRemoveAll
  public void clear() {
    calls.increment();
  }
}

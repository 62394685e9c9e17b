/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheResult;

/** A read whose resolver factory comes from {@code @CacheDefaults}. */
@ApplicationScoped
@CacheDefaults(cacheResolverFactory = RecordingResolverFactory.class)
public class RoutedByDefaults {

  @CacheResult
  public String read(String key) {
    return key + "!";
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * An expiry policy of the application's own, made by {@code FactoryBuilder.factoryOf(Class)} in the
 * tests of reopened caches: entries live ten minutes after each write, reads change nothing.
 * Stateless and thread-safe.
 */
public final class TenMinutesAfterWrite implements ExpiryPolicy {
  /** The duration of every entry after a write. */
  public static final Duration TEN_MINUTES = new Duration(TimeUnit.MINUTES, 10);

  /** Makes the policy; public, as {@code FactoryBuilder.ClassFactory} needs. */
  public TenMinutesAfterWrite() {
  }

  @Override
  public Duration getExpiryForCreation() {
    return TEN_MINUTES;
  }

  @Override
  public Duration getExpiryForAccess() {
    return null;
  }

  @Override
  public Duration getExpiryForUpdate() {
    return TEN_MINUTES;
  }
}

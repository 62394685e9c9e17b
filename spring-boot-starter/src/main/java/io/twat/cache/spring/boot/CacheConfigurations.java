/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import io.twat.cache.TwatConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * Turns one cache's properties into the {@link TwatConfiguration} it is created with: bounds,
 * statistics, store-by-value and one of JCache's standard expiry policies ({@code
 * expire-after-write}: {@link ModifiedExpiryPolicy}, {@code expire-after-access}: {@link
 * TouchedExpiryPolicy}, {@code expire-after-create}: {@link CreatedExpiryPolicy}), which a disk
 * store records with the cache and restores on reopening. Stateless.
 */
final class CacheConfigurations {
  private CacheConfigurations() {}

  /**
   * Returns the configuration of a cache.
   *
   * @throws IllegalArgumentException naming the properties if more than one expiry is given
   */
  static TwatConfiguration<Object, Object> of(
      String name, TwatCacheProperties.CacheProperties cache, boolean statistics) {
    TwatConfiguration<Object, Object> configuration = new TwatConfiguration<>();
    configuration.setStatisticsEnabled(
        cache.getStatistics() == null ? statistics : cache.getStatistics());
    configuration.setStoreByValue(cache.isStoreByValue());
    if (cache.getMaxEntries() != null) {
      configuration.setMaxEntries(cache.getMaxEntries());
    }
    if (cache.getMaxBytes() != null) {
      configuration.setMaxBytes(cache.getMaxBytes().toBytes());
    }
    Factory<ExpiryPolicy> expiry = expiry(name, cache);
    if (expiry != null) {
      configuration.setExpiryPolicyFactory(expiry);
    }
    return configuration;
  }

  private static Factory<ExpiryPolicy> expiry(
      String name, TwatCacheProperties.CacheProperties cache) {
    List<String> given = new ArrayList<>();
    Factory<ExpiryPolicy> factory = null;
    if (cache.getExpireAfterWrite() != null) {
      given.add("expire-after-write");
      factory = ModifiedExpiryPolicy.factoryOf(duration(cache.getExpireAfterWrite()));
    }
    if (cache.getExpireAfterAccess() != null) {
      given.add("expire-after-access");
      factory = TouchedExpiryPolicy.factoryOf(duration(cache.getExpireAfterAccess()));
    }
    if (cache.getExpireAfterCreate() != null) {
      given.add("expire-after-create");
      factory = CreatedExpiryPolicy.factoryOf(duration(cache.getExpireAfterCreate()));
    }
    if (given.size() > 1) {
      throw new IllegalArgumentException("twat.cache.caches." + name + " sets " + given
          + "; a cache has one expiry policy: keep one of them");
    }
    return factory;
  }

  private static Duration duration(java.time.Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      // A zero JCache duration means "expire at once"; refuse it, it is almost always a typo.
      throw new IllegalArgumentException("An expiry of " + duration + " is not positive; give a "
          + "duration such as 10m or 30s, or leave the property out for no expiry");
    }
    return new Duration(TimeUnit.MILLISECONDS, duration.toMillis());
  }
}

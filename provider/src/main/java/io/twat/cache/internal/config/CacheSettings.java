/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import io.twat.cache.TwatConfiguration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * What a manager's configuration file says about one cache ({@link CacheSetting}), applied to the
 * configuration of each cache of that name the manager creates or reopens, where that
 * configuration does not say otherwise: frameworks create caches with a plain
 * {@code new MutableConfiguration<>()}, and the file bounds them and makes them expire.
 *
 * <p>A configuration "does not say otherwise" when its {@code maxEntries} or {@code maxBytes} is
 * {@link TwatConfiguration#INHERIT} (always so for a plain {@code MutableConfiguration}), when its
 * expiry policy is eternal (the JCache default: an explicitly eternal policy cannot be told apart
 * from it, and is replaced too), and when statistics or management are off (a file can turn them
 * on, not off).
 *
 * <p>Immutable and thread-safe.
 */
public final class CacheSettings {
  /** No settings: applying it changes nothing. */
  public static final CacheSettings NONE = new CacheSettings(new EnumMap<>(CacheSetting.class));

  private final Map<CacheSetting, Object> values;

  private CacheSettings(Map<CacheSetting, Object> values) {
    this.values = Collections.unmodifiableMap(new EnumMap<>(values));
  }

  /**
   * Returns the settings of one cache.
   *
   * @param values each setting's value, parsed by its {@link CacheSetting#type()}
   */
  static CacheSettings of(Map<CacheSetting, Object> values) {
    return values.isEmpty() ? NONE : new CacheSettings(values);
  }

  /** Returns whether there are none. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /**
   * Gives {@code configuration} the settings it leaves open.
   *
   * @param configuration the cache's own copy of its configuration, changed in place
   */
  public void applyTo(TwatConfiguration<?, ?> configuration) {
    value(CacheSetting.MAX_ENTRIES, Long.class)
        .filter(max -> configuration.getMaxEntries() == TwatConfiguration.INHERIT)
        .ifPresent(configuration::setMaxEntries);
    value(CacheSetting.MAX_BYTES, Long.class)
        .filter(max -> configuration.getMaxBytes() == TwatConfiguration.INHERIT)
        .ifPresent(configuration::setMaxBytes);
    Optional<Factory<ExpiryPolicy>> expiry = expiryPolicy();
    if (expiry.isPresent()
        && configuration.getExpiryPolicyFactory().create() instanceof EternalExpiryPolicy) {
      configuration.setExpiryPolicyFactory(expiry.get());
    }
    if (value(CacheSetting.STATISTICS_ENABLED, Boolean.class).orElse(false)) {
      configuration.setStatisticsEnabled(true);
    }
    if (value(CacheSetting.MANAGEMENT_ENABLED, Boolean.class).orElse(false)) {
      configuration.setManagementEnabled(true);
    }
  }

  /** The expiry policy of {@code expireAfterWrite} or {@code expireAfterAccess} (never both). */
  private Optional<Factory<ExpiryPolicy>> expiryPolicy() {
    Optional<Factory<ExpiryPolicy>> afterWrite = value(CacheSetting.EXPIRE_AFTER_WRITE,
        java.time.Duration.class).map(duration -> ModifiedExpiryPolicy.factoryOf(jcache(duration)));
    Optional<Factory<ExpiryPolicy>> afterAccess = value(CacheSetting.EXPIRE_AFTER_ACCESS,
        java.time.Duration.class).map(duration -> TouchedExpiryPolicy.factoryOf(jcache(duration)));
    return afterWrite.or(() -> afterAccess);
  }

  private static Duration jcache(java.time.Duration duration) {
    return new Duration(TimeUnit.MILLISECONDS, duration.toMillis());
  }

  private <T> Optional<T> value(CacheSetting setting, Class<T> type) {
    return Optional.ofNullable(values.get(setting)).map(type::cast);
  }

  /** Returns the settings as {@code {key=value, ...}}. */
  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>();
    values.forEach((setting, value) -> shown.put(setting.key(), value));
    return shown.toString();
  }
}

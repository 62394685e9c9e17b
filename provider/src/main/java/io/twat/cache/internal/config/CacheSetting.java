/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings a configuration file can give one cache, as
 * {@code twat.cache.caches.<cache name>.<key>}: the per-cache settings of
 * {@link io.twat.cache.TwatConfiguration} and its JCache superclass that text can carry. They
 * apply to the caches of that name which the manager creates and whose configuration does not set
 * them (see {@link CacheSettings}). A cache's ticker and encryption keys are code only.
 */
enum CacheSetting implements SettingKey {
  /** The most entries of the cache. */
  MAX_ENTRIES("maxEntries", Setting.MAX_ENTRIES.allowed(), ValueTypes.COUNT,
      Setting.MAX_ENTRIES.kinds(),
      "Bounds this cache to this many entries; 0 means unbounded. Wins over the manager's "
          + "maxEntries; a TwatConfiguration's own setMaxEntries wins over it."),

  /** The most bytes of the cache on disk. */
  MAX_BYTES("maxBytes", Setting.MAX_BYTES.allowed(), ValueTypes.SIZE, Setting.MAX_BYTES.kinds(),
      "Bounds this cache's bytes on disk; 0 means unbounded. Wins over the manager's maxBytes; a "
          + "TwatConfiguration's own setMaxBytes wins over it."),

  /** Expiry after creation or update. */
  EXPIRE_AFTER_WRITE("expireAfterWrite", "a positive ISO-8601 duration, e.g. PT10M, PT30S or P1D",
      ValueTypes.DURATION, EnumSet.allOf(StoreKind.class),
      "Entries expire this long after they were created or last updated (JCache's "
          + "ModifiedExpiryPolicy), when the cache's configuration has the default, eternal "
          + "expiry."),

  /** Expiry after creation, read or update. */
  EXPIRE_AFTER_ACCESS("expireAfterAccess", "a positive ISO-8601 duration, e.g. PT10M, PT30S or P1D",
      ValueTypes.DURATION, EnumSet.allOf(StoreKind.class),
      "Entries expire this long after they were created, last read or last updated (JCache's "
          + "TouchedExpiryPolicy), when the cache's configuration has the default, eternal "
          + "expiry."),

  /** Statistics on. */
  STATISTICS_ENABLED("statisticsEnabled", "true or false", ValueTypes.BOOLEAN,
      EnumSet.allOf(StoreKind.class),
      "true turns the cache's statistics (and its statistics MXBean) on; false leaves the "
          + "configuration's choice."),

  /** Management on. */
  MANAGEMENT_ENABLED("managementEnabled", "true or false", ValueTypes.BOOLEAN,
      EnumSet.allOf(StoreKind.class),
      "true registers the cache's configuration MXBean; false leaves the configuration's choice.");

  /** The prefix of per-cache property names; the cache's name and the key follow it. */
  static final String PREFIX = Setting.PROPERTY_PREFIX + "caches.";

  private final String key;
  private final String allowed;
  @SuppressWarnings("ImmutableEnumChecker") // the value types are stateless parsers
  private final ValueType<?> type;
  @SuppressWarnings("ImmutableEnumChecker") // an unmodifiable copy
  private final Set<StoreKind> kinds;
  private final String description;

  CacheSetting(String key, String allowed, ValueType<?> type, Set<StoreKind> kinds,
      String description) {
    this.key = key;
    this.allowed = allowed;
    this.type = type;
    this.kinds = Set.copyOf(kinds);
    this.description = description;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String allowed() {
    return allowed;
  }

  /** Returns the type of its values. */
  ValueType<?> type() {
    return type;
  }

  /** Returns the store kinds it applies to. */
  Set<StoreKind> kinds() {
    return kinds;
  }

  /** Returns what it does, for people. */
  String description() {
    return description;
  }

  /** Returns the property name of this setting for the cache {@code cacheName}. */
  String propertyName(String cacheName) {
    return PREFIX + cacheName + "." + key;
  }

  /** Returns the per-cache setting with key {@code key}, if there is one. */
  static Optional<CacheSetting> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  /** Returns the keys of the per-cache settings of {@code kind}, comma-separated. */
  static String keysOf(StoreKind kind) {
    return Arrays.stream(values()).filter(s -> s.kinds.contains(kind)).map(CacheSetting::key)
        .collect(Collectors.joining(", "));
  }
}

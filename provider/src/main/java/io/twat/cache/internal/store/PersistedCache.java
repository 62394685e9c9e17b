/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

/**
 * A cache whose data a persistent store keeps where a new cache manager (in this or another JVM)
 * finds it, with the types its data was written with, as recorded by the store, and the settings
 * the cache manager recorded for it ({@link StoreFactory#recordSettings}).
 *
 * <p>The settings are plain names and values that the store keeps for the cache manager without
 * interpreting them: the cache manager decides what they mean (and must treat them as untrusted
 * text, since they come from disk). A record written before settings were kept has none.
 *
 * @param cacheName the cache's name
 * @param keyType the binary name of the declared key type ({@code java.lang.Object} if untyped)
 * @param valueType the binary name of the declared value type
 * @param settings the recorded settings by name, in the order given; empty if none were recorded
 */
public record PersistedCache(String cacheName, String keyType, String valueType,
    Map<String, String> settings) {
  /** The most settings a record holds. */
  public static final int MAX_SETTINGS = 64;
  /** The longest name of a setting. */
  public static final int MAX_NAME_LENGTH = 100;
  /** The longest value of a setting. */
  public static final int MAX_VALUE_LENGTH = 2000;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_NAME_LENGTH + "}");

  /**
   * Checks the arguments and copies the settings.
   *
   * @throws IllegalArgumentException if a setting's name or value is not one that
   *     {@link #isValidSetting} accepts, or if there are more than {@link #MAX_SETTINGS}
   */
  public PersistedCache {
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(settings, "settings");
    if (settings.size() > MAX_SETTINGS) {
      throw new IllegalArgumentException("A cache record holds at most " + MAX_SETTINGS
          + " settings, not " + settings.size());
    }
    settings.forEach((name, value) -> {
      if (!isValidSetting(name, value)) {
        throw new IllegalArgumentException("Not a valid recorded setting: " + name + "=" + value
            + "; names are 1 to " + MAX_NAME_LENGTH + " letters, digits or . _ -, values at most "
            + MAX_VALUE_LENGTH + " characters");
      }
    });
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** A record without settings: what a store records when it opens for a cache. */
  public PersistedCache(String cacheName, String keyType, String valueType) {
    this(cacheName, keyType, valueType, Map.of());
  }

  /**
   * Returns whether a store can keep this setting: its name is 1 to {@link #MAX_NAME_LENGTH}
   * ASCII letters, digits or {@code . _ -}, and its value is at most {@link #MAX_VALUE_LENGTH}
   * characters. Stores drop what fails this when they read a record back.
   */
  public static boolean isValidSetting(String name, String value) {
    return name != null && value != null && NAME.matcher(name).matches()
        && value.length() <= MAX_VALUE_LENGTH;
  }

  /** Returns whether {@code other} records the same cache with the same types. */
  public boolean sameCacheAndTypes(PersistedCache other) {
    return cacheName.equals(other.cacheName) && keyType.equals(other.keyType)
        && valueType.equals(other.valueType);
  }

  /** Returns this record with other settings. */
  public PersistedCache withSettings(Map<String, String> newSettings) {
    return new PersistedCache(cacheName, keyType, valueType, newSettings);
  }
}

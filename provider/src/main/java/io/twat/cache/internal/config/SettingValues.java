/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values of a manager's settings, each parsed once, by the {@link ValueType} of its setting,
 * when its source was read: a source of higher precedence replaces the value of a lower one. A
 * setting no source gave has its default, parsed when first asked for.
 *
 * <p>Immutable and thread-safe once built; its {@link Builder} is not thread-safe.
 */
final class SettingValues {
  private final Map<Setting, Object> values;
  private final Map<Setting, String> texts;

  private SettingValues(Map<Setting, Object> values, Map<Setting, String> texts) {
    this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    this.texts = Collections.unmodifiableMap(new EnumMap<>(texts));
  }

  /** Returns the one type of the values of {@code setting}. */
  static ValueType<?> typeOf(Setting setting) {
    return switch (setting) {
      case MAX_ENTRIES, MAX_STALE_MILLIS -> ValueTypes.COUNT;
      case HEAP_ENTRIES -> ValueTypes.POSITIVE_COUNT;
      case MAX_BYTES -> ValueTypes.SIZE;
      case THRESHOLD -> ValueTypes.POSITIVE_SIZE;
      case POLICY -> ValueTypes.MEMORY_POLICY;
      case DIR, KEY_FILE, KEY_STORE -> ValueTypes.ABSOLUTE_PATH;
      case FSYNC -> ValueTypes.BOOLEAN;
      case COMPRESS -> ValueTypes.COMPRESSION;
      case DURABILITY -> ValueTypes.DURABILITY;
      case ALLOW -> ValueTypes.CLASS_PATTERNS;
      case URL -> ValueTypes.JDBC_URL;
      case USER, PASSWORD -> ValueTypes.TEXT;
      case KEY_STORE_PASSWORD -> ValueTypes.NON_BLANK_TEXT;
      case KEY_ALIAS -> ValueTypes.NAMES;
      case TIERS -> ValueTypes.TIERS;
      // refused as text by the secret rules before it is parsed; objects come from the Properties
      case ENCRYPTION_KEY -> ValueTypes.TEXT;
    };
  }

  /**
   * Returns the value a source gave {@code setting}, if one did.
   *
   * @param type the setting's type, {@link #typeOf(Setting)}
   */
  <T> Optional<T> find(Setting setting, ValueType<T> type) {
    if (typeOf(setting) != type) {
      throw new IllegalStateException(setting + " is not read with that value type");
    }
    @SuppressWarnings("unchecked") // every value of the setting was parsed by this type
    T value = (T) values.get(setting);
    return Optional.ofNullable(value);
  }

  /**
   * Returns the value a source gave {@code setting}, else its default.
   *
   * @param type the setting's type, {@link #typeOf(Setting)}
   */
  <T> T get(Setting setting, ValueType<T> type) {
    return find(setting, type)
        .orElseGet(() -> type.parse(setting, setting.defaultValue(),
            "the default of " + setting.key()));
  }

  /** Returns the texts of the values sources gave, trimmed, for people. */
  Map<Setting, String> texts() {
    return texts;
  }

  /** Gathers values, each replacing the one before it for its setting. Not thread-safe. */
  static final class Builder {
    private final Map<Setting, Object> values = new EnumMap<>(Setting.class);
    private final Map<Setting, String> texts = new EnumMap<>(Setting.class);

    /**
     * Parses {@code text} as the value of {@code setting}, replacing any value it had.
     *
     * @throws IllegalArgumentException if the text is not a value of the setting's type
     */
    Builder put(Setting setting, String text, String source) {
      values.put(setting, typeOf(setting).parse(setting, text, source));
      texts.put(setting, text.trim());
      return this;
    }

    SettingValues build() {
      return new SettingValues(values, texts);
    }
  }
}

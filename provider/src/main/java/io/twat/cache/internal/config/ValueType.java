/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

/**
 * One type of setting value: how its text becomes a typed value. A value is parsed once, when its
 * source is read; a bad one fails with an {@link IllegalArgumentException} naming the setting,
 * the text as written, where it was written and what is allowed.
 *
 * <p>Implementations are stateless and thread-safe; {@link ValueTypes} holds them all.
 *
 * @param <T> the type of the parsed value
 */
@FunctionalInterface
interface ValueType<T> {
  /**
   * Parses the text of a setting.
   *
   * @param setting the setting, for the message
   * @param text the text as written (surrounding whitespace is ignored)
   * @param source where it was written, for the message, e.g. {@code URI twat:memory?maxEntries=x}
   * @return the value
   * @throws IllegalArgumentException if the text is not a value of this type
   */
  T parse(SettingKey setting, String text, String source);
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

/**
 * A setting as messages name it: its key and, for people, what values it allows. Both the
 * manager's settings ({@link Setting}) and a cache's settings in a configuration file
 * ({@link CacheSetting}) are parsed by the same {@link ValueType}s through it.
 */
interface SettingKey {
  /** Returns the key, as written in a URI query or after a property prefix. */
  String key();

  /** Returns what values are allowed, for people. */
  String allowed();
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

/**
 * Where a setting was written. The secret rules depend on it: what a URI, a system property or a
 * file others can read may not carry, a private file or the {@code Properties} may.
 */
enum Origin {
  /** A system property: any process of the user can list it. */
  SYSTEM,
  /** The {@code Properties} given to {@code getCacheManager}: code. */
  PROPERTIES,
  /**
   * A configuration file that others may read: one on the class path or in a jar (they travel
   * with the application), or a {@code file:} file its group or others have permissions on.
   */
  SHARED_FILE,
  /**
   * A {@code file:} configuration file only its owner may read or change (POSIX {@code 0600} or
   * {@code 0400}).
   */
  PRIVATE_FILE,
  /** A URI query: URIs end up in logs, JMX names and process lists. */
  URI
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

/**
 * The {@code durability} setting: what a database write has survived when it returns. The
 * assembly maps it to the db store's own type, so that configuration does not depend on a store.
 */
public enum Durability {
  /** A write that returned survives a killed process. */
  PROCESS,
  /** A write that returned also survives a power loss: an fsync per write. */
  FSYNC,
  /** Writes reach the file within about half a second, for speed. */
  RELAXED
}

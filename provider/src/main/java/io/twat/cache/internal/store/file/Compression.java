/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

/** How the file store compresses values at or above its threshold. */
public enum Compression {
  /** Values are stored as they are. */
  NONE,
  /** Values are deflated (fastest level) when that makes them smaller. */
  DEFLATE
}

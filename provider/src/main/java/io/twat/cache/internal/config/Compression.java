/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

/**
 * The {@code compress} setting: how the disk stores keep large values. The assembly maps it to
 * the file store's own type, so that configuration does not depend on a store.
 */
public enum Compression {
  /** Values are stored as they are. */
  NONE,
  /** Values of 4 KiB and more are deflated. */
  DEFLATE
}

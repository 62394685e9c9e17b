/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The file-per-entry store: one checksummed file per entry, written by atomic rename and locked per
 * key across processes; the on-disk format is described in {@link
 * io.twat.cache.internal.store.file.FileStore} and {@code docs/file-format.md}.
 */
package io.twat.cache.internal.store.file;

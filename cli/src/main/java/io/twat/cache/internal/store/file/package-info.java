/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The command line's access to the file store's package-private entry format (see
 * {@link io.twat.cache.internal.store.file.EntryCheck}); the rest of the package is the provider's.
 */
package io.twat.cache.internal.store.file;

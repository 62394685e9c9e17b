/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The on-heap stores: Caffeine (W-TinyLFU) and, later, a built-in fallback. */
package io.twat.cache.internal.store.memory;

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Store-by-value: copiers that keep the cache's values apart from the caller's objects. */
package io.twat.cache.internal.copy;

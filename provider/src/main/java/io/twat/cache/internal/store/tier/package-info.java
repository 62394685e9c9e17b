/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Chains of stores: a bounded heap tier caching an authoritative store, and an authority that
 * routes values by size to one of two stores. Knows only the {@link
 * io.twat.cache.internal.store.Store} SPI.
 */
package io.twat.cache.internal.store.tier;

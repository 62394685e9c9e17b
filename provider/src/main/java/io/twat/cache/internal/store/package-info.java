/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Store SPI: per-key atomic storage of values with an expiry deadline, free of any
 * {@code javax.cache} type, so that every store (memory, database, file, tiered) plugs in under
 * the one facade that implements the JCache contract.
 */
package io.twat.cache.internal.store;

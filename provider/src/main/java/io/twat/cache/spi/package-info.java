/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The entry point: the JCache {@code CachingProvider} that {@code Caching.getCachingProvider()}
 * finds.
 */
package io.twat.cache.spi;

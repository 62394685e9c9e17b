/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * twat-cache's public API beside JCache; it depends on the JDK and {@code javax.cache} only.
 * {@link io.twat.cache.TwatCaches#of} gives a cache as a {@link io.twat.cache.TwatCache} (its
 * {@link io.twat.cache.AsyncCache} view, its {@link io.twat.cache.CacheStats}, its folder);
 * {@link io.twat.cache.TwatConfiguration} adds twat-cache's settings to a JCache configuration,
 * and {@link io.twat.cache.Ticker} is the clock tests inject. Everything under
 * {@code io.twat.cache.internal} is not API and may change in any release.
 */
package io.twat.cache;

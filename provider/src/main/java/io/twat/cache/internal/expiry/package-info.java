/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * JCache expiry policies turned into deadlines against the cache's {@link io.twat.cache.Ticker}.
 */
package io.twat.cache.internal.expiry;

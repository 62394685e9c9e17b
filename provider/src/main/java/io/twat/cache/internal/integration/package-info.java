/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Read-through and write-through: adapters over the user's CacheLoader and CacheWriter. */
package io.twat.cache.internal.integration;

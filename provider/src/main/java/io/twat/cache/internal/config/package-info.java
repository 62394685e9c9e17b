/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Configuration: cache manager URIs and configuration files, the settings they carry, where
 * secrets may come from, and the per-cache settings applied to a
 * {@link io.twat.cache.TwatConfiguration}.
 */
package io.twat.cache.internal.config;

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** Micrometer meters for twat-cache caches, read from their statistics rather than over JMX. */
package io.twat.cache.micrometer;

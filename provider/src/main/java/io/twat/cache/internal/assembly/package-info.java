/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Turns a manager's settings into stores: the one place that knows the store kinds, their
 * fallbacks when an optional library is missing, the tiers of {@code twat:universal} and the
 * keyrings and serializers each store gets.
 */
package io.twat.cache.internal.assembly;

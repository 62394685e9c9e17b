/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Cache entry events: listener registrations, per-listener ordered delivery, synchronous waits. */
package io.twat.cache.internal.event;

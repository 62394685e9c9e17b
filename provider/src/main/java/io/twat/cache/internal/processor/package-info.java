/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Entry processors: the {@code MutableEntry} that records what a processor did. */
package io.twat.cache.internal.processor;

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** Checks of the TCK run itself, beside the TCK's own tests. */
package io.twat.cache.tck;

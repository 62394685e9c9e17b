/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The application's entry point: it uses every store and reports what it got. */
package io.twat.moduletest.app;

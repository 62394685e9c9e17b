/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Runnable examples of twat-cache; the README's snippets are cut from them and checked by a test.
 */
package io.twat.cache.examples;

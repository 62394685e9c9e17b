/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Test support shared by the provider's tests: real child JVMs for tests of several processes,
 * captured log lines, and a file system that fails on demand.
 */
package io.twat.cache.testing;

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * What the framework integration tests share: the disk stores they run on, each in a test's own
 * folder, and a capture of what the provider logs.
 */
package io.twat.cache.it;

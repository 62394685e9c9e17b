/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The JSR-107 annotations in a Jakarta CDI container (Weld SE with the twat-cache-cdi module) on
 * the disk stores, across a restart of the container and of the default cache manager.
 */
package io.twat.cache.it.cdi;

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Spring's cache abstraction ({@code @Cacheable} through {@code JCacheCacheManager}, and the
 * JSR-107 annotations as Spring runs them) on the disk stores, across a restart of the context.
 */
package io.twat.cache.it.spring;

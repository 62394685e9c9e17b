/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Spring Boot's cache auto-configuration on the disk stores, configured by a twat-cache
 * properties file on the class path ({@code spring.cache.jcache.config}), across a restart of the
 * application.
 */
package io.twat.cache.it.boot;

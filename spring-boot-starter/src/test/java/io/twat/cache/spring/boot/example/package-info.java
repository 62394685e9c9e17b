/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** A small Spring Boot application that caches through the starter, for the tests. */
package io.twat.cache.spring.boot.example;

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */

/** Spring Boot auto-configuration of twat-cache from {@code twat.cache.*} properties. */
package io.twat.cache.spring.boot;

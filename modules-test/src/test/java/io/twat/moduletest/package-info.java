/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The module path test: real JVMs running the application module against the built jars. */
package io.twat.moduletest;

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The {@code javax.cache.annotation} annotations as Jakarta CDI 4 interceptors: a portable
 * extension that declares them interceptor bindings, and one interceptor per annotation.
 */
package io.twat.cache.cdi;

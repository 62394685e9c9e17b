/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** JMX: the JCache statistics and configuration MXBeans and their registration. */
package io.twat.cache.internal.management;

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * twat-cache's own JMX view, beside the JCache MXBeans of {@code javax.cache.management}: the
 * {@link io.twat.cache.management.CacheTiersMXBean} of each cache whose management or statistics
 * is enabled, and the figures it shows. JMX calls these interfaces by reflection, so they live
 * in an exported package (on the module path as on the class path).
 */
package io.twat.cache.management;

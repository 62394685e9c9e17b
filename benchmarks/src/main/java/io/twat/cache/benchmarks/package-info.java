/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * JMH benchmarks of twat-cache against other JCache providers and raw maps, and the report that
 * turns their results into a table and a chart.
 */
package io.twat.cache.benchmarks;

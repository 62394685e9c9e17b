/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Boot without the starter. Surefire's execution {@code without-starter} runs it on a class path
 * without the starter, whose manager would take the place of the one Boot makes here; a
 * {@code -Dtest=...} run that brings it into the other class path skips it.
 */
class SpringBootExampleTest {

  @Test
  void bootConfiguresOurProvider_andTheForecastIsComputedOnce() {
    assumeTrue(
        SpringBootExampleTest.class.getResource(
                "/io/twat/cache/spring/boot/TwatCacheAutoConfiguration.class")
            == null,
        "the starter is on the class path: this test runs in the execution without-starter");
    assertEquals(1, SpringBootExample.run());
  }
}

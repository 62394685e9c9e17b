/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HibernateExampleTest {

  @Test
  void entityReadInASecondSession_isASecondLevelCacheHit() {
    assertEquals(1, HibernateExample.run());
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CdiExampleTest {

  @Test
  void lookUpsAreCached_untilTheRemove() {
    assertEquals(2, CdiExample.run());
  }
}

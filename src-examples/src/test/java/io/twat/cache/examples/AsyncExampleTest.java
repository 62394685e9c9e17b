/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AsyncExampleTest {

  @Test
  void hundredConcurrentCallers_causeOneLoad() {
    assertEquals(1, AsyncExample.run());
  }
}

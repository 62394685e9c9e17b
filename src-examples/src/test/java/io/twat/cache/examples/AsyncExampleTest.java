package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AsyncExampleTest {

  @Test
  void hundredConcurrentCallers_causeOneLoad() {
    assertEquals(1, AsyncExample.run());
  }
}

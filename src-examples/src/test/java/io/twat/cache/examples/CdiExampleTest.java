package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CdiExampleTest {

  @Test
  void lookUpsAreCached_untilTheRemove() {
    assertEquals(2, CdiExample.run());
  }
}

package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpringExampleTest {

  @Test
  void cacheableMethod_computesEachPriceOnce() {
    assertEquals(2, SpringExample.run());
  }
}

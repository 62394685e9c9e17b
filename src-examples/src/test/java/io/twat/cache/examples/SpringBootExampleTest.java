package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpringBootExampleTest {

  @Test
  void bootConfiguresOurProvider_andTheForecastIsComputedOnce() {
    assertEquals(1, SpringBootExample.run());
  }
}

package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HibernateExampleTest {

  @Test
  void entityReadInASecondSession_isASecondLevelCacheHit() {
    assertEquals(1, HibernateExample.run());
  }
}

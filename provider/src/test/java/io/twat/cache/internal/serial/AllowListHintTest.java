/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The patterns a refusal suggests: ones the allow setting accepts and that allow the class. */
class AllowListHintTest {
  @Test
  void classOfTheUnnamedPackage_isSuggestedByItsNameAlone() throws Exception {
    Class<?> type = Class.forName("UnnamedPackageValue");

    String hint = AllowList.patternsAllowing(type);

    assertEquals("the class (UnnamedPackageValue)", hint);
    assertFalse(hint.contains("(.*)"), hint);
    assertTrue(AllowList.of(List.of("UnnamedPackageValue")).allows(type));
  }

  @Test
  void classOfAPackage_isSuggestedByItsNameOrItsPackage() {
    String hint = AllowList.patternsAllowing(AllowListHintTest[].class);

    assertEquals("the class (io.twat.cache.internal.serial.AllowListHintTest) or its package "
        + "(io.twat.cache.internal.serial.*)", hint);
    assertTrue(AllowList.of(List.of("io.twat.cache.internal.serial.*"))
        .allows(AllowListHintTest.class));
  }
}

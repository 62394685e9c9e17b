/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingTest {

  @Test
  void byKey_maxEntries_isMaxEntries() {
    assertEquals(Optional.of(Setting.MAX_ENTRIES), Setting.byKey("maxEntries"));
  }

  @Test
  void byKey_isCaseSensitive() {
    assertEquals(Optional.empty(), Setting.byKey("MAXENTRIES"));
  }

  @Test
  void byKey_unknownKey_isEmpty() {
    assertEquals(Optional.empty(), Setting.byKey("nosuch"));
  }

  @Test
  void propertyName_isThePrefixPlusTheKey() {
    assertEquals("twat.cache.maxEntries", Setting.MAX_ENTRIES.propertyName());
  }

  @Test
  void everySetting_hasAParseableDefault_andAppliesToAKind() {
    for (Setting setting : Setting.values()) {
      assertFalse(setting.kinds().isEmpty(), setting::key);
      assertTrue(!setting.allowed().isEmpty() && !setting.description().isEmpty(), setting::key);
    }
    assertEquals(
        0L,
        ManagerSettings.parseCount(
            Setting.MAX_ENTRIES, Setting.MAX_ENTRIES.defaultValue(), "test"));
  }

  @Test
  void keysOf_memory_listsEveryMemorySetting() {
    assertEquals("maxEntries, policy", Setting.keysOf(StoreKind.MEMORY));
  }
}

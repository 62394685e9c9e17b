/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed values parsed once, by one shared type per kind of value. */
class SettingValuesTest {

  @Test
  void everyNonEmptyDefault_parsesWithItsSettingsType() {
    for (Setting setting : Setting.values()) {
      if (!setting.defaultValue().isEmpty()) {
        SettingValues.typeOf(setting).parse(setting, setting.defaultValue(), "test");
      }
    }
  }

  @Test
  void aLaterSource_replacesTheValueOfAnEarlierOne() {
    SettingValues values = new SettingValues.Builder().put(Setting.MAX_ENTRIES, "10", "first")
        .put(Setting.MAX_ENTRIES, " 2_000 ", "second").build();

    assertEquals(2_000L, values.get(Setting.MAX_ENTRIES, ValueTypes.COUNT));
    assertEquals("2_000", values.texts().get(Setting.MAX_ENTRIES));
  }

  @Test
  void aSettingNoSourceGave_hasItsDefault_orNothing() {
    SettingValues values = new SettingValues.Builder().build();

    assertEquals(10_000L, values.get(Setting.HEAP_ENTRIES, ValueTypes.POSITIVE_COUNT));
    assertEquals(Optional.empty(), values.find(Setting.DIR, ValueTypes.ABSOLUTE_PATH));
  }

  @Test
  void readingASettingWithAnotherType_isAProgrammingError() {
    SettingValues values = new SettingValues.Builder().put(Setting.DIR, "/var/x", "test").build();

    assertEquals(Optional.of(Path.of("/var/x")),
        values.find(Setting.DIR, ValueTypes.ABSOLUTE_PATH));
    assertThrows(IllegalStateException.class, () -> values.find(Setting.DIR, ValueTypes.TEXT));
  }

  @Test
  void oneTypeServesEverySettingOfIt_withTheSettingsNameInTheMessage() {
    IllegalArgumentException maxEntries = assertThrows(IllegalArgumentException.class,
        () -> ValueTypes.COUNT.parse(Setting.MAX_ENTRIES, "-1", "somewhere"));
    IllegalArgumentException stale = assertThrows(IllegalArgumentException.class,
        () -> ValueTypes.COUNT.parse(Setting.MAX_STALE_MILLIS, "x", "somewhere"));

    assertEquals("Invalid value maxEntries=-1 in somewhere; allowed: "
        + Setting.MAX_ENTRIES.allowed(), maxEntries.getMessage());
    assertTrue(stale.getMessage().startsWith("Invalid value maxStaleMillis=x in somewhere"),
        stale::getMessage);
  }

  @Test
  void choices_ignoreCase_andListWhatIsAllowed() {
    assertEquals(Durability.RELAXED,
        ValueTypes.DURABILITY.parse(Setting.DURABILITY, " Relaxed ", "t"));
    assertEquals(Compression.DEFLATE,
        ValueTypes.COMPRESSION.parse(Setting.COMPRESS, "DEFLATE", "t"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> ValueTypes.COMPRESSION.parse(Setting.COMPRESS, "zstd", "t"));
    assertTrue(bad.getMessage().contains("none or deflate"), bad::getMessage);
  }

  @Test
  void names_skipEmptyItems_butRefuseABlankValue() {
    assertEquals(List.of("a", "b"), ValueTypes.NAMES.parse(Setting.KEY_ALIAS, " a, ,b ", "t"));
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
        () -> ValueTypes.NAMES.parse(Setting.KEY_ALIAS, "  ", "t"));
    assertTrue(blank.getMessage().startsWith("Empty value for keyAlias in t"), blank::getMessage);
  }
}

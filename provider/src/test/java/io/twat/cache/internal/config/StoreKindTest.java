/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StoreKindTest {

  @Test
  void fromUriName_memory_isMemory() {
    assertEquals(StoreKind.MEMORY, StoreKind.fromUriName("memory", "twat:memory"));
  }

  @Test
  void fromUriName_ignoresCase() {
    assertEquals(StoreKind.MEMORY, StoreKind.fromUriName("Memory", "twat:Memory"));
  }

  @Test
  void fromUriName_unknownName_failsNamingNameUriAndValidKinds() {
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class, () -> StoreKind.fromUriName("ram", "twat:ram"));

    assertTrue(thrown.getMessage().contains("'ram'"), thrown::getMessage);
    assertTrue(thrown.getMessage().contains("twat:ram"), thrown::getMessage);
    assertTrue(thrown.getMessage().contains("memory"), thrown::getMessage);
  }

  @Test
  void names_listsEveryKind() {
    assertEquals("memory, db, file, universal", StoreKind.names());
  }

  @Test
  void uriName_isTheLowerCaseNameInTheUri() {
    assertEquals("memory", StoreKind.MEMORY.uriName());
    assertEquals("db", StoreKind.DB.uriName());
    assertEquals("file", StoreKind.FILE.uriName());
    assertEquals("universal", StoreKind.UNIVERSAL.uriName());
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.db.Journal.Kind;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The payload of a journal record about one row. */
final class JournalRowTest {
  private static final byte[] KEY = {1, 2, 3};
  private static final byte[] VALUE = {9, 8, 7, 6, 5};

  @Test
  void aRowWritten_readsBackAsItWas() throws Exception {
    JournalRow row = new JournalRow(4, -77L, KEY, VALUE, 0x1234, 1_000L, 2_000L, 8L);

    JournalRow read = JournalRow.decode(Kind.ROW, row.encode());

    assertTrue(read.written());
    assertEquals(4, read.cacheId());
    assertEquals(-77L, read.keyHash());
    assertArrayEquals(KEY, read.key());
    assertArrayEquals(VALUE, read.value());
    assertEquals(0x1234, read.checksum());
    assertEquals(1_000L, read.expiresAt());
    assertEquals(2_000L, read.accessedAt());
    assertEquals(8L, read.size());
  }

  @Test
  void aRowDeleted_readsBackAsItWas() throws Exception {
    JournalRow read = JournalRow.decode(Kind.DELETE, JournalRow.deleted(4, 5L, KEY).encode());

    assertFalse(read.written());
    assertNull(read.value());
    assertEquals(4, read.cacheId());
    assertEquals(5L, read.keyHash());
    assertArrayEquals(KEY, read.key());
  }

  @Test
  void aPayloadCutShortOrTooLong_isRefused_neverReadAsAnotherRow() {
    byte[] written = new JournalRow(4, 5L, KEY, VALUE, 1, 2, 3, 8).encode();
    byte[] deleted = JournalRow.deleted(4, 5L, KEY).encode();

    for (int length = 0; length < written.length; length++) {
      byte[] cut = Arrays.copyOf(written, length);
      assertThrows(IOException.class, () -> JournalRow.decode(Kind.ROW, cut), length + " bytes");
    }
    byte[] longer = Arrays.copyOf(written, written.length + 1);
    assertThrows(IOException.class, () -> JournalRow.decode(Kind.ROW, longer));
    assertThrows(IOException.class, () -> JournalRow.decode(Kind.DELETE, written),
        "a written row is longer than a deleted one");
    for (int length = 0; length < deleted.length; length++) {
      byte[] cut = Arrays.copyOf(deleted, length);
      assertThrows(IOException.class, () -> JournalRow.decode(Kind.DELETE, cut), length + " bytes");
    }
    assertThrows(IllegalArgumentException.class, () -> JournalRow.decode(Kind.ABORT, deleted));
  }
}

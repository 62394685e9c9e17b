/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

final class EntryFormatTest {
  private static final byte[] KEY = {1, 'k', 'e', 'y'};

  private static byte[] valueOf(EntryFormat.Decoded decoded) {
    return Arrays.copyOfRange(
        decoded.valueArray(), decoded.valueOffset(), decoded.valueOffset() + decoded.valueLength());
  }

  @Test
  void encodeThenDecode_givesBackKeyValueAndDeadline() throws Exception {
    byte[] value = {2, 9, 8, 7};

    EntryFormat.Decoded decoded =
        EntryFormat.decode(EntryFormat.encode(KEY, value, 1234L, Compression.NONE, 0));

    assertTrue(decoded.hasKey(KEY));
    assertFalse(decoded.hasKey(new byte[] {1, 'k', 'e', 'x'}));
    assertArrayEquals(value, valueOf(decoded));
    assertEquals(1234L, decoded.expiresAt());
    assertEquals(0, decoded.flags());
  }

  @Test
  void deflate_isUsedOnlyWhenItSavesBytes() throws Exception {
    byte[] compressible = new byte[10_000];
    byte[] random = new byte[10_000];
    new java.util.Random(42).nextBytes(random);

    byte[] small = EntryFormat.encode(KEY, compressible, 1L, Compression.DEFLATE, 100);
    byte[] incompressible = EntryFormat.encode(KEY, random, 1L, Compression.DEFLATE, 100);

    assertTrue(small.length < 1_000, "deflated file of " + small.length + " bytes");
    assertArrayEquals(compressible, valueOf(EntryFormat.decode(small)));
    assertEquals(EntryFormat.FLAG_DEFLATE, EntryFormat.decode(small).flags());
    assertEquals(0, EntryFormat.decode(incompressible).flags());
    assertArrayEquals(random, valueOf(EntryFormat.decode(incompressible)));
  }

  @Test
  void unknownFlagsAndVersions_areCorrupt_evenWithAValidChecksum() {
    byte[] file = EntryFormat.encode(KEY, new byte[] {2}, 1L, Compression.NONE, 0);

    assertThrows(
        CorruptEntryException.class,
        () -> EntryFormat.decode(resigned(file, 5, EntryFormat.FLAG_ENCRYPTED)));
    assertThrows(
        CorruptEntryException.class, () -> EntryFormat.decode(resigned(file, 4, (byte) 3)));
  }

  @Test
  void inflatedLengthOtherThanRecorded_isCorrupt() {
    byte[] file = EntryFormat.encode(KEY, new byte[5_000], 1L, Compression.DEFLATE, 0);
    byte[] lying = file.clone();
    ByteBuffer.wrap(lying).putInt(24, 4_999);

    assertThrows(CorruptEntryException.class, () -> EntryFormat.decode(resign(lying)));
  }

  @Test
  void plainEncodingInParts_isTheSameFileAsTheWholeEncoding() {
    io.twat.cache.internal.serial.Serializer serializer =
        io.twat.cache.internal.serial.Serializer.allowing();
    for (Object value :
        new Object[] {
          new byte[] {1, 2, 3},
          java.nio.ByteBuffer.wrap(new byte[] {4, 5}),
          "text",
          new double[] {1.5}
        }) {
      ByteBuffer[] parts = EntryFormat.encodePlain(KEY, serializer.toBuffers(value), 99L);
      ByteBuffer joined =
          ByteBuffer.allocate(Arrays.stream(parts).mapToInt(ByteBuffer::remaining).sum());
      for (ByteBuffer part : parts) {
        joined.put(part);
      }

      assertArrayEquals(
          EntryFormat.encode(KEY, serializer.toBytes(value), 99L, Compression.NONE, 0),
          joined.array());
    }
  }

  @Test
  void extraBytesAtTheEnd_areCorrupt() {
    byte[] file = EntryFormat.encode(KEY, new byte[] {2, 3}, 1L, Compression.NONE, 0);

    assertThrows(
        CorruptEntryException.class,
        () -> EntryFormat.decode(Arrays.copyOf(file, file.length + 1)));
  }

  private static byte[] resigned(byte[] file, int offset, byte newValue) {
    byte[] copy = file.clone();
    copy[offset] = newValue;
    return resign(copy);
  }

  /** Recomputes the checksum, as a file written by another format or a buggy writer would have. */
  static byte[] resign(byte[] file) {
    CRC32C crc = new CRC32C();
    crc.update(file, 0, file.length - 4);
    ByteBuffer.wrap(file).putInt(file.length - 4, (int) crc.getValue());
    return file;
  }
}

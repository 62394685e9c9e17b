/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The slotted entry file on its own: slots written one after the other round-trip, the newest
 * sequence wins, a slot torn at any byte (cut short, or overwritten with anything) leaves the
 * previous record the newest and never yields garbage, and a damaged file header is corruption.
 */
final class SlottedFileTest {
  private static final long SEED = 20_261_205L;

  // ---------------------------------------------------------------- helpers for other tests

  /** Returns the bytes of a new slotted file holding {@code record} in slot 0, sequence 1. */
  static byte[] fileOf(byte[] record) {
    return concat(SlottedFile.newFile(new ByteBuffer[] {ByteBuffer.wrap(record)}));
  }

  /**
   * Returns {@code file} with {@code record} written into slot {@code slot} with sequence {@code
   * sequence}, as one positioned write does (the file grows if the slot ends beyond it).
   */
  static byte[] withSlot(byte[] file, int slot, long sequence, byte[] record) {
    int slotSize = ByteBuffer.wrap(file).getInt(8);
    ByteBuffer contents = SlottedFile.slot(sequence, new ByteBuffer[] {ByteBuffer.wrap(record)});
    int at = (int) SlottedFile.slotOffset(slotSize, slot);
    byte[] out = Arrays.copyOf(file, Math.max(file.length, at + contents.remaining()));
    contents.get(out, at, contents.remaining());
    return out;
  }

  private static byte[] concat(ByteBuffer[] parts) {
    ByteBuffer out = ByteBuffer.allocate(SlottedFile.length(parts));
    for (ByteBuffer part : parts) {
      out.put(part.duplicate());
    }
    return out.array();
  }

  private static byte[] record(int length, int seed) {
    byte[] record = new byte[length];
    new Random(seed).nextBytes(record);
    return record;
  }

  private static int slotSizeOf(byte[] file) {
    return ByteBuffer.wrap(file).getInt(8);
  }

  // ---------------------------------------------------------------- round trips

  @Test
  void newFile_holdsItsRecordInSlot0_withSequence1_behindAWholeHeader() throws Exception {
    byte[] first = record(100, 1);

    byte[] file = fileOf(first);

    assertEquals(SlottedFile.FILE_HEADER + SlottedFile.SLOT_HEADER + first.length, file.length);
    assertEquals(SlottedFile.MAGIC, ByteBuffer.wrap(file).getInt(0));
    assertEquals(SlottedFile.VERSION, file[4]);
    assertEquals(SlottedFile.slotSizeFor(first.length), slotSizeOf(file));
    assertTrue(SlottedFile.isSlotted(file));
    SlottedFile.Newest newest = SlottedFile.newest(file);
    assertEquals(new SlottedFile.Newest(0, 1, SlottedFile.FILE_HEADER + SlottedFile.SLOT_HEADER,
        first.length, slotSizeOf(file)), newest);
    assertEquals(1, newest.spare());
    assertArrayEquals(first, SlottedFile.recordOf(file));
  }

  @Test
  void slotWrites_intoTheSpareSlot_roundTrip_andEachIsTheNewest() throws Exception {
    byte[] file = fileOf(record(200, 0));
    int capacity = slotSizeOf(file) - SlottedFile.SLOT_HEADER;
    Random random = new Random(SEED);
    int expectedLength = file.length;
    for (int change = 1; change <= 50; change++) {
      SlottedFile.Newest before = SlottedFile.newest(file);
      byte[] next = record(1 + random.nextInt(capacity), change);

      file = withSlot(file, before.spare(), before.sequence() + 1, next);

      SlottedFile.Newest after = SlottedFile.newest(file);
      assertEquals(before.spare(), after.slot(), "change " + change);
      assertEquals(change + 1, after.sequence());
      assertArrayEquals(next, SlottedFile.recordOf(file), "change " + change);
      expectedLength = Math.max(expectedLength, (int) SlottedFile.slotOffset(slotSizeOf(file),
          after.slot()) + SlottedFile.SLOT_HEADER + next.length);
      assertEquals(expectedLength, file.length, "the file grows into slot 1 only");
      assertTrue(file.length <= SlottedFile.FILE_HEADER + 2 * slotSizeOf(file));
    }
  }

  @Test
  void plainRecord_isItsOwnRecord() throws Exception {
    byte[] plain = EntryFormat.encode(new byte[] {1}, new byte[] {2, 3}, 1L, Compression.NONE, 0);

    assertFalse(SlottedFile.isSlotted(plain));
    assertSame(plain, SlottedFile.recordOf(plain));
  }

  @Test
  void newestSequence_wins_whicheverSlotHoldsIt() throws Exception {
    byte[] a = record(50, 1);
    byte[] b = record(60, 2);
    byte[] base = fileOf(a);

    byte[] slot0Newer = withSlot(withSlot(base, 1, 4, b), 0, 5, a);
    byte[] slot1Newer = withSlot(withSlot(base, 0, 4, a), 1, 5, b);
    byte[] farApart = withSlot(withSlot(base, 0, 1, a), 1, Long.MAX_VALUE, b);

    assertArrayEquals(a, SlottedFile.recordOf(slot0Newer));
    assertEquals(0, SlottedFile.newest(slot0Newer).slot());
    assertEquals(5, SlottedFile.newest(slot0Newer).sequence());
    assertArrayEquals(b, SlottedFile.recordOf(slot1Newer));
    assertEquals(1, SlottedFile.newest(slot1Newer).slot());
    assertArrayEquals(b, SlottedFile.recordOf(farApart));
  }

  // ---------------------------------------------------------------- torn slots

  @Test
  void firstChange_cutShortAtEveryOffsetOfSlot1_yieldsThePreviousRecord() throws Exception {
    byte[] previous = record(120, 1);
    byte[] next = record(150, 2);
    byte[] base = fileOf(previous);
    byte[] whole = withSlot(base, 1, 2, next);
    int start = (int) SlottedFile.slotOffset(slotSizeOf(base), 1);

    for (int cut = base.length; cut < whole.length; cut++) {
      byte[] torn = Arrays.copyOf(whole, cut);

      assertArrayEquals(previous, SlottedFile.recordOf(torn), "cut at " + cut);
      assertEquals(0, SlottedFile.newest(torn).slot(), "cut at " + cut);
    }
    assertTrue(base.length < start, "slot 0 has room to spare");
    assertArrayEquals(next, SlottedFile.recordOf(whole));
  }

  @Test
  void change_tornAfterEveryByteOfTheSpareSlot_yieldsThePreviousRecord() throws Exception {
    byte[] oldest = record(90, 1);
    byte[] previous = record(100, 2);
    byte[] next = record(110, 3);
    // slot 0: sequence 1, slot 1: sequence 2 (the newest); the change writes slot 0 again
    byte[] base = withSlot(fileOf(oldest), 1, 2, previous);
    byte[] whole = withSlot(base, 0, 3, next);
    int start = (int) SlottedFile.slotOffset(slotSizeOf(base), 0);
    int end = start + SlottedFile.SLOT_HEADER + next.length;

    for (int written = 0; written < end - start; written++) {
      byte[] torn = base.clone();
      System.arraycopy(whole, start, torn, start, written);

      assertArrayEquals(previous, SlottedFile.recordOf(torn), written + " bytes written");
    }
    assertArrayEquals(next, SlottedFile.recordOf(whole));
  }

  @Test
  void spareSlot_overwrittenWithRandomBytes_alwaysYieldsThePreviousRecord_neverGarbage()
      throws Exception {
    Random random = new Random(SEED);
    byte[] previous = record(300, 2);
    byte[] next = record(310, 3);
    // the spare is slot 0 (it holds an older record) or slot 1 (the first change lengthens)
    byte[] bothWhole = withSlot(fileOf(record(280, 1)), 1, 2, previous);
    byte[] oneWhole = withSlot(fileOf(previous), 0, 2, previous);
    for (int trial = 0; trial < 4_000; trial++) {
      boolean spareIsSlot0 = trial % 2 == 0;
      byte[] file = spareIsSlot0 ? bothWhole.clone() : oneWhole.clone();
      int spare = spareIsSlot0 ? 0 : 1;
      int slotSize = slotSizeOf(file);
      int start = (int) SlottedFile.slotOffset(slotSize, spare);
      if (random.nextBoolean()) {
        // a write of the next record torn after some of its bytes
        byte[] whole = withSlot(file, spare, 3, next);
        int written = random.nextInt(SlottedFile.SLOT_HEADER + next.length);
        file = Arrays.copyOf(file, Math.max(file.length, start + written));
        System.arraycopy(whole, start, file, start, written);
      }
      if (file.length < start + slotSize && random.nextBoolean()) {
        file = Arrays.copyOf(file, start + random.nextInt(slotSize + 1));
      }
      // then anything over byte ranges of the spare slot
      for (int ranges = 1 + random.nextInt(3); ranges > 0 && file.length > start; ranges--) {
        int from = start + random.nextInt(Math.min(file.length, start + slotSize) - start);
        int to = from + random.nextInt(Math.min(file.length, start + slotSize) - from + 1);
        byte[] garbage = new byte[to - from];
        random.nextBytes(garbage);
        System.arraycopy(garbage, 0, file, from, garbage.length);
      }

      byte[] read = SlottedFile.recordOf(file);

      assertArrayEquals(previous, read, "trial " + trial);
      assertEquals(1 - spare, SlottedFile.newest(file).slot(), "trial " + trial);
    }
  }

  @Test
  void bothSlotsTorn_holdNoRecord_andRecordOfSaysSo() throws Exception {
    byte[] file = withSlot(fileOf(record(100, 1)), 1, 2, record(100, 2));
    int slotSize = slotSizeOf(file);
    file[(int) SlottedFile.slotOffset(slotSize, 0) + SlottedFile.SLOT_HEADER + 7] ^= 1;
    file[(int) SlottedFile.slotOffset(slotSize, 1) + 3] ^= 1;
    byte[] onlySlotTorn = fileOf(record(100, 3));
    onlySlotTorn[onlySlotTorn.length - 1] ^= 1;
    byte[] headerOnly = Arrays.copyOf(file, SlottedFile.FILE_HEADER);

    for (byte[] torn : new byte[][] {file, onlySlotTorn, headerOnly}) {
      assertFalse(SlottedFile.newest(torn).found());
      assertEquals(slotSize, SlottedFile.newest(torn).slotSize());
      CorruptEntryException e =
          assertThrows(CorruptEntryException.class, () -> SlottedFile.recordOf(torn));
      assertEquals(SlottedFile.NO_WHOLE_SLOT, e.getMessage());
    }
  }

  @Test
  void damagedFileHeader_isCorrupt() {
    byte[] whole = withSlot(fileOf(record(100, 1)), 1, 2, record(100, 2));

    for (int i = 0; i < SlottedFile.FILE_HEADER; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] damaged = whole.clone();
        damaged[i] ^= (byte) (1 << bit);

        assertThrows(CorruptEntryException.class, () -> SlottedFile.newest(damaged),
            "byte " + i + " bit " + bit);
        if (i >= 4) {
          // with the magic intact it is a slotted file, a damaged one
          assertThrows(CorruptEntryException.class, () -> SlottedFile.recordOf(damaged),
              "byte " + i + " bit " + bit);
        } else {
          // without it, it is no slotted file: read as a plain one, which decoding refuses
          assertFalse(SlottedFile.isSlotted(damaged));
          assertThrows(CorruptEntryException.class,
              () -> EntryFormat.decode(SlottedFile.recordOf(damaged)));
        }
      }
    }
    for (int length = 0; length < SlottedFile.FILE_HEADER; length++) {
      byte[] cut = Arrays.copyOf(whole, length);
      assertThrows(CorruptEntryException.class, () -> SlottedFile.newest(cut), "length " + length);
    }
  }

  @Test
  void slotSizeOutOfBounds_inAWholeHeader_isCorrupt() {
    for (int slotSize : new int[] {0, SlottedFile.SLOT_HEADER,
        SlottedFile.SLOT_HEADER + SlottedFile.MAX_RECORD + 1, -1}) {
      byte[] file = fileOf(record(10, 1));
      ByteBuffer.wrap(file).putInt(8, slotSize);
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(file, 0, 12);
      ByteBuffer.wrap(file).putInt(12, (int) crc.getValue());

      CorruptEntryException e =
          assertThrows(CorruptEntryException.class, () -> SlottedFile.newest(file));
      assertEquals("a slot size of " + slotSize + " bytes", e.getMessage());
    }
  }

  // ---------------------------------------------------------------- sizes

  @Test
  void slotSizeFor_fitsItsRecord_andNeverExceedsTheLargestSlot() {
    for (int length = 1; length <= SlottedFile.MAX_RECORD; length++) {
      int slotSize = SlottedFile.slotSizeFor(length);

      if (slotSize < SlottedFile.SLOT_HEADER + length
          || slotSize > SlottedFile.SLOT_HEADER + SlottedFile.MAX_RECORD) {
        throw new AssertionError("a record of " + length + " bytes gets a slot of " + slotSize);
      }
    }
    assertEquals(256, SlottedFile.slotSizeFor(1), "small records get room to grow");
    assertEquals(SlottedFile.SLOT_HEADER + SlottedFile.MAX_RECORD,
        SlottedFile.slotSizeFor(SlottedFile.MAX_RECORD));
    assertTrue(SlottedFile.fits(SlottedFile.MAX_RECORD));
    assertFalse(SlottedFile.fits(SlottedFile.MAX_RECORD + 1L));
  }

  @Test
  void largestRecord_fitsItsSlot_andRoundTrips() throws Exception {
    byte[] largest = record(SlottedFile.MAX_RECORD, 1);
    byte[] next = record(SlottedFile.MAX_RECORD, 2);

    byte[] file = withSlot(fileOf(largest), 1, 2, next);

    assertEquals(SlottedFile.FILE_HEADER + 2 * (SlottedFile.SLOT_HEADER + SlottedFile.MAX_RECORD),
        file.length);
    assertArrayEquals(next, SlottedFile.recordOf(file));
    assertArrayEquals(largest, SlottedFile.recordOf(Arrays.copyOf(file, file.length - 1)));
  }
}

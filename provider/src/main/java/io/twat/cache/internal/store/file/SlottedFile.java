/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The slotted entry file (folder format 3): an entry file with room for two records of the entry,
 * so that a change of a small entry is one write into the file's spare slot instead of a new file
 * renamed into place (a file created and renamed cost 160–440 µs on the test VM's ext4; a write
 * into an existing file 5 µs).
 *
 * <pre>
 * offset            size  field
 * 0                 4     magic "TWCS" (0x54574353)
 * 4                 1     version: 3
 * 5                 3     reserved, 0
 * 8                 4     C: the size of each slot, slot header included
 * 12                4     CRC32C of bytes [0, 12)
 * 16 + i*C          8     slot i (0 or 1): sequence number of its record, 1 or more
 * 24 + i*C          4     L: the length of its record
 * 28 + i*C          4     CRC32C of the sequence number, L and the record
 * 32 + i*C          L     the record: an entry file of version 2 as it would stand alone
 * </pre>
 *
 * <p>A file is created (written whole to a temporary file and renamed into place, like an entry
 * file of version 2) with slot 0 only; slot 1 starts at offset {@code 16 + C} and is written the
 * first time the entry changes, which lengthens the file. The file header never changes
 * afterwards.
 *
 * <p>A change writes its record into the slot that does not hold the newest whole record, with
 * the next sequence number, in one positioned write, under the key's lock (in this process and
 * across processes). Readers take no lock: they read the whole file and take the whole slot with
 * the highest sequence number. A slot is whole when its length fits and its checksum, which
 * covers the sequence number too, matches; a record inside is then checked as an entry file of
 * version 2. So a change killed halfway leaves a torn slot, and the other slot still holds the
 * newest record that was acknowledged; a reader that meets the slot being written takes the
 * other. A reader that finds neither slot whole (two changes one after the other passing under
 * it) reads again under the key's lock, where no write runs, before it takes the file for corrupt.
 *
 * <p>Only records up to {@link #MAX_RECORD} bytes go into slots, so a slotted file stays well
 * below the size from which entry files are read through a memory mapping (a mapping must not
 * see a file change under it); larger entries are written as files of version 2, renamed into
 * place.
 *
 * <p>Stateless and thread-safe.
 */
final class SlottedFile {
  /** "TWCS": twat-cache slotted file. */
  static final int MAGIC = 0x54574353;
  static final byte VERSION = 3;
  static final int FILE_HEADER = 16;
  static final int SLOT_HEADER = 16;
  /**
   * The largest record written into a slot: 68 KiB, so that a value of 64 KiB goes into a slot
   * with up to 4 KiB for its key and the record's header.
   */
  static final int MAX_RECORD = 68 * 1024;
  /** Records below this get slots of this size, so that a value may grow a little in place. */
  private static final int MIN_SLOT = 256;
  private static final int ALIGN = 64;

  private SlottedFile() {
  }

  /**
   * Where the newest whole record of a slotted file lies, and how the file is laid out.
   *
   * @param slot the slot of the newest whole record, 0 or 1; -1 if neither slot is whole
   * @param sequence its sequence number (0 if none)
   * @param offset where the record starts in the file
   * @param length the record's length
   * @param slotSize the size of each slot, C
   */
  record Newest(int slot, long sequence, int offset, int length, int slotSize) {
    /** Returns whether a slot holds a whole record. */
    boolean found() {
      return slot >= 0;
    }

    /** Returns the slot the next record goes to: the one that does not hold the newest. */
    int spare() {
      return slot == 0 ? 1 : 0;
    }
  }

  /** Returns whether {@code file} starts as a slotted file (it may still be corrupt). */
  static boolean isSlotted(byte[] file) {
    return file.length >= 4 && ByteBuffer.wrap(file).getInt(0) == MAGIC;
  }

  /** Returns whether a record of {@code length} bytes goes into a slot. */
  static boolean fits(long length) {
    return length <= MAX_RECORD;
  }

  /** Returns the slot size of a new file whose first record has {@code length} bytes. */
  static int slotSizeFor(int length) {
    long wanted = Math.max(MIN_SLOT, SLOT_HEADER + (long) length + length / 4);
    long aligned = (wanted + ALIGN - 1) / ALIGN * ALIGN;
    return (int) Math.min(aligned, SLOT_HEADER + (long) MAX_RECORD);
  }

  /** Returns the offset of slot {@code slot} in a file of slots of {@code slotSize} bytes. */
  static long slotOffset(int slotSize, int slot) {
    return FILE_HEADER + (long) slot * slotSize;
  }

  /**
   * Finds the newest whole record of a slotted file.
   *
   * @throws CorruptEntryException if the file header is not whole (the file was never written
   *     whole: it is created complete and renamed into place)
   */
  static Newest newest(byte[] file) throws CorruptEntryException {
    if (file.length < FILE_HEADER) {
      throw new CorruptEntryException("a slotted entry file shorter than its header ("
          + file.length + " bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(file);
    if (in.getInt(0) != MAGIC || in.get(4) != VERSION || in.get(5) != 0 || in.get(6) != 0
        || in.get(7) != 0) {
      throw new CorruptEntryException("not a slotted entry file of version " + VERSION);
    }
    CRC32C crc = new CRC32C();
    crc.update(file, 0, 12);
    if ((int) crc.getValue() != in.getInt(12)) {
      throw new CorruptEntryException("the header of the slotted entry file fails its checksum");
    }
    int slotSize = in.getInt(8);
    if (slotSize < SLOT_HEADER + 1 || slotSize > SLOT_HEADER + MAX_RECORD) {
      throw new CorruptEntryException("a slot size of " + slotSize + " bytes");
    }
    Newest newest = new Newest(-1, 0, 0, 0, slotSize);
    for (int slot = 0; slot < 2; slot++) {
      long start = slotOffset(slotSize, slot);
      if (start + SLOT_HEADER > file.length) {
        break;
      }
      int at = (int) start;
      long sequence = in.getLong(at);
      int length = in.getInt(at + 8);
      if (sequence < 1 || length < 1 || length > slotSize - SLOT_HEADER
          || at + SLOT_HEADER + (long) length > file.length) {
        continue;
      }
      crc.reset();
      crc.update(file, at, 12);
      crc.update(file, at + SLOT_HEADER, length);
      if ((int) crc.getValue() == in.getInt(at + 12) && sequence > newest.sequence()) {
        newest = new Newest(slot, sequence, at + SLOT_HEADER, length, slotSize);
      }
    }
    return newest;
  }

  /** What a slotted file whose slots are both torn or empty is, as a corruption. */
  static final String NO_WHOLE_SLOT = "neither slot of the slotted entry file holds a whole record";

  /**
   * Returns the entry record an entry file holds: the file itself unless it is slotted, else the
   * newest whole record of its slots.
   *
   * @throws CorruptEntryException if the file is slotted and neither slot is whole
   */
  static byte[] recordOf(byte[] file) throws CorruptEntryException {
    if (!isSlotted(file)) {
      return file;
    }
    Newest newest = newest(file);
    if (!newest.found()) {
      throw new CorruptEntryException(NO_WHOLE_SLOT);
    }
    return record(file, newest);
  }

  /** Returns the newest whole record of {@code file}, as {@link #newest} found it. */
  static byte[] record(byte[] file, Newest newest) {
    return Arrays.copyOfRange(file, newest.offset(), newest.offset() + newest.length());
  }

  /**
   * Returns a new slotted file holding {@code record} in slot 0, with sequence number 1, as parts
   * to write one after the other (the record's parts are not copied).
   */
  static ByteBuffer[] newFile(ByteBuffer[] record) {
    int length = length(record);
    int slotSize = slotSizeFor(length);
    ByteBuffer header = ByteBuffer.allocate(FILE_HEADER).putInt(MAGIC).put(VERSION)
        .put((byte) 0).put((byte) 0).put((byte) 0).putInt(slotSize);
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, 12);
    header.putInt((int) crc.getValue()).flip();
    ByteBuffer[] parts = new ByteBuffer[record.length + 2];
    parts[0] = header;
    parts[1] = slotHeader(1, record);
    for (int i = 0; i < record.length; i++) {
      parts[i + 2] = record[i].duplicate();
    }
    return parts;
  }

  /**
   * Returns slot contents (header and record, copied into one buffer) holding {@code record} with
   * sequence number {@code sequence}, for one positioned write.
   */
  static ByteBuffer slot(long sequence, ByteBuffer[] record) {
    ByteBuffer header = slotHeader(sequence, record);
    ByteBuffer slot = ByteBuffer.allocate(SLOT_HEADER + length(record)).put(header);
    for (ByteBuffer part : record) {
      slot.put(part.duplicate());
    }
    return slot.flip();
  }

  private static ByteBuffer slotHeader(long sequence, ByteBuffer[] record) {
    int length = length(record);
    ByteBuffer header = ByteBuffer.allocate(SLOT_HEADER).putLong(sequence).putInt(length);
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, 12);
    for (ByteBuffer part : record) {
      crc.update(part.duplicate());
    }
    return header.putInt((int) crc.getValue()).flip();
  }

  /** Returns the total length of {@code parts}, which must fit in a slot or a file. */
  static int length(ByteBuffer[] parts) {
    long length = 0;
    for (ByteBuffer part : parts) {
      length += part.remaining();
    }
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a record of " + length + " bytes");
    }
    return (int) length;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.io.PrivateFolders;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * An append-only journal file of one process (work in progress: not used by any store yet; see
 * docs/performance.md, "A journal of row images"): records of key transactions, each appended in
 * one write before its transaction commits, so that a change whose put returned survives a killed
 * process without a checkpoint.
 *
 * <pre>
 * file header (20 bytes)
 * 0    4  magic "TWJ1" (0x54574A31)
 * 4    1  version: 1
 * 5    3  reserved, 0
 * 8    8  the journal's id (the process's rows in twat_journal carry it)
 * 16   4  CRC32C of bytes [0, 16)
 * record (21 + P bytes), one after the other
 * 0    4  P: the payload's length
 * 4    8  seq: the record's number in its stripe, 1 or more
 * 12   2  stripe
 * 14   1  kind: 1 a row written, 2 a row deleted, 3 the record of the same stripe and seq aborted
 * 15   P  payload (what the kind needs, opaque here)
 * 15+P 4  CRC32C of bytes [0, 15 + P) of the record
 * </pre>
 *
 * <p>A process killed during an append leaves a torn last record: {@link #read} returns the whole
 * records before it and stops there, as it does at the first record that fails its checksum.
 *
 * <p>Thread-safety: {@link #append} may be called by several threads; it is synchronized, so that
 * a record written in more than one call (a short write) is never interleaved with another.
 */
final class Journal implements AutoCloseable {
  static final int MAGIC = 0x54574A31;
  static final byte VERSION = 1;
  static final int HEADER = 20;
  /** Length, seq, stripe and kind before the payload. */
  static final int RECORD_HEAD = 15;
  /** The checksum after the payload. */
  static final int RECORD_TAIL = 4;
  /** The largest payload a record may hold: a row of a value of up to 64 MiB and its key. */
  static final int MAX_PAYLOAD = 64 << 20;

  /** What a record says happened. */
  enum Kind {
    /** A row was written: the payload is its image. */
    ROW(1),
    /** A row was deleted: the payload names it. */
    DELETE(2),
    /** The record of the same stripe and number belongs to a transaction that did not commit. */
    ABORT(3);

    final byte code;

    Kind(int code) {
      this.code = (byte) code;
    }

    static Kind of(byte code) {
      for (Kind kind : values()) {
        if (kind.code == code) {
          return kind;
        }
      }
      return null;
    }
  }

  /** One whole record read back. */
  @SuppressWarnings("ArrayRecordComponent") // a record as read, never compared or hashed
  record Entry(long seq, int stripe, Kind kind, byte[] payload) {
  }

  /**
   * What {@link #read} found: the journal's id, its whole records in file order, and whether it
   * stopped before the end of the file (a torn or damaged record).
   */
  record Contents(long id, List<Entry> entries, boolean stoppedEarly) {
  }

  private final Path path;
  /**
   * The open file. A {@link RandomAccessFile}, not a {@link java.nio.channels.FileChannel}: a
   * thread interrupted inside a channel's write closes the channel for every thread, and a caller
   * of the cache may be interrupted at any moment.
   */
  private final RandomAccessFile file;
  private long size = HEADER; // guarded by this
  private IOException broken; // guarded by this: the failure that left a record torn

  private Journal(Path path, RandomAccessFile file) {
    this.path = path;
    this.file = file;
  }

  /**
   * Creates the journal file {@code path} (private, refused if it exists) for journal {@code id}
   * and writes its header.
   *
   * @throws IOException if the file exists or cannot be written
   */
  static Journal create(FileSystem fileSystem, Path path, long id) throws IOException {
    // created (private) through the file system, then written through a file that interrupts
    // do not close
    fileSystem.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PrivateFolders.fileAttributes(path)).close();
    RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
    try {
      ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(MAGIC).put(VERSION)
          .put((byte) 0).put((byte) 0).put((byte) 0).putLong(id);
      CRC32C crc = new CRC32C();
      crc.update(header.array(), 0, 16);
      header.putInt((int) crc.getValue());
      file.write(header.array());
      return new Journal(path, file);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** Returns the journal's file. */
  Path path() {
    return path;
  }

  /**
   * Appends one record in one write.
   *
   * @throws IllegalArgumentException if {@code seq} is not positive, {@code stripe} is outside
   *     [0, 65535] or the payload is over {@value #MAX_PAYLOAD} bytes
   * @throws IOException if the write fails (a full disk): the record may be torn, and the caller
   *     must not count on it; nor on any record after it, since a read stops at a torn one, so
   *     every later append fails too, until {@link #truncate}
   */
  synchronized void append(long seq, int stripe, Kind kind, byte[] payload) throws IOException {
    if (broken != null) {
      throw new IOException("the journal " + path + " has a torn record since an append failed ("
          + broken.getMessage() + "); it takes no more records until it is emptied", broken);
    }
    if (seq < 1 || stripe < 0 || stripe > 0xFFFF || payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("a journal record needs seq >= 1 (was " + seq
          + "), a stripe in [0, 65535] (was " + stripe + ") and at most " + MAX_PAYLOAD
          + " payload bytes (was " + payload.length + ")");
    }
    ByteBuffer record = ByteBuffer.allocate(RECORD_HEAD + payload.length + RECORD_TAIL)
        .putInt(payload.length).putLong(seq).putShort((short) stripe).put(kind.code).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(record.array(), 0, RECORD_HEAD + payload.length);
    record.putInt((int) crc.getValue());
    try {
      file.write(record.array()); // at the end: only this method and truncate move the offset
    } catch (IOException e) {
      broken = e;
      throw e;
    }
    size += record.capacity();
  }

  /** Returns the journal's length in bytes, header included. */
  synchronized long size() {
    return size;
  }

  /**
   * Empties the journal back to its header: for the process that owns it, once a checkpoint that
   * started after every record's commit has completed, with no transaction between its append and
   * its commit.
   *
   * @throws IOException if the file cannot be truncated
   */
  synchronized void truncate() throws IOException {
    file.setLength(HEADER);
    file.seek(HEADER);
    size = HEADER;
    broken = null;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  /**
   * Reads a journal file: its id and its whole records, up to the first that is torn or fails
   * its checksum.
   *
   * @throws IOException if the file cannot be read, or its header is not a journal's (a file
   *     whose header is torn was never used: its creator died before its first record)
   */
  static Contents read(byte[] file) throws IOException {
    if (file.length < HEADER) {
      throw new IOException("not a journal: " + file.length + " bytes, shorter than its header");
    }
    ByteBuffer in = ByteBuffer.wrap(file);
    CRC32C crc = new CRC32C();
    crc.update(file, 0, 16);
    if (in.getInt(0) != MAGIC || in.get(4) != VERSION || (int) crc.getValue() != in.getInt(16)) {
      throw new IOException("not a journal of version " + VERSION + ", or its header is damaged");
    }
    long id = in.getLong(8);
    List<Entry> entries = new ArrayList<>();
    int at = HEADER;
    while (at < file.length) {
      Entry entry = entryAt(file, at);
      if (entry == null) {
        return new Contents(id, entries, /* stoppedEarly= */ true);
      }
      entries.add(entry);
      at += RECORD_HEAD + entry.payload().length + RECORD_TAIL;
    }
    return new Contents(id, entries, /* stoppedEarly= */ false);
  }

  /** Returns the whole record at {@code at}, or null if it is torn or damaged. */
  private static Entry entryAt(byte[] file, int at) {
    if (file.length - at < RECORD_HEAD + RECORD_TAIL) {
      return null;
    }
    ByteBuffer in = ByteBuffer.wrap(file);
    int length = in.getInt(at);
    if (length < 0 || length > MAX_PAYLOAD
        || (long) file.length - at < (long) RECORD_HEAD + length + RECORD_TAIL) {
      return null;
    }
    CRC32C crc = new CRC32C();
    crc.update(file, at, RECORD_HEAD + length);
    if ((int) crc.getValue() != in.getInt(at + RECORD_HEAD + length)) {
      return null;
    }
    long seq = in.getLong(at + 4);
    int stripe = Short.toUnsignedInt(in.getShort(at + 12));
    Kind kind = Kind.of(in.get(at + 14));
    if (seq < 1 || kind == null) {
      return null;
    }
    byte[] payload = new byte[length];
    System.arraycopy(file, at + RECORD_HEAD, payload, 0, length);
    return new Entry(seq, stripe, kind, payload);
  }
}

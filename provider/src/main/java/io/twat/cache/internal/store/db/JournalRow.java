/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The payload of a journal record about one row of {@code twat_row} (work in progress: see
 * {@link Journal}): the row's whole image after a write ({@link Journal.Kind#ROW}), or the row that
 * a delete removed ({@link Journal.Kind#DELETE}, value null), as a replay needs it to redo the
 * change with plain SQL.
 *
 * <pre>
 * 0   4  cache id
 * 4   8  key hash
 * 12  4  K: the key's length
 * 16  K  key bytes
 * for a row written:
 *     4  checksum
 *     8  expires at
 *     8  accessed at
 *     8  entry size
 *     4  V: the value's length
 *     V  value bytes
 * </pre>
 *
 * @param cacheId the row's cache
 * @param keyHash the row's key hash
 * @param key the serialized key
 * @param value the stored value, or null for a deleted row
 * @param checksum the row's checksum (0 for a deleted row)
 * @param expiresAt the row's deadline (0 for a deleted row)
 * @param accessedAt when the row was written (0 for a deleted row)
 * @param size the row's entry size (0 for a deleted row)
 */
@SuppressWarnings("ArrayRecordComponent") // a payload as read or written, never compared or hashed
record JournalRow(int cacheId, long keyHash, byte[] key, byte[] value, int checksum,
    long expiresAt, long accessedAt, long size) {

  JournalRow {
    Objects.requireNonNull(key, "key");
  }

  /** Returns the payload of a row deleted. */
  static JournalRow deleted(int cacheId, long keyHash, byte[] key) {
    return new JournalRow(cacheId, keyHash, key, null, 0, 0, 0, 0);
  }

  /** Returns whether this is the image of a row written (else of one deleted). */
  boolean written() {
    return value != null;
  }

  /** Returns the record's payload. */
  byte[] encode() {
    int length = 16 + key.length + (value == null ? 0 : 32 + value.length);
    ByteBuffer out = ByteBuffer.allocate(length).putInt(cacheId).putLong(keyHash)
        .putInt(key.length).put(key);
    if (value != null) {
      out.putInt(checksum).putLong(expiresAt).putLong(accessedAt).putLong(size)
          .putInt(value.length).put(value);
    }
    return out.array();
  }

  /**
   * Reads the payload of a record of {@code kind}, {@link Journal.Kind#ROW} or {@link
   * Journal.Kind#DELETE}.
   *
   * @throws IOException if the payload does not hold exactly such a row (the record's checksum
   *     matched, so this is a writer's bug or another version's record, never a torn write)
   */
  static JournalRow decode(Journal.Kind kind, byte[] payload) throws IOException {
    if (kind != Journal.Kind.ROW && kind != Journal.Kind.DELETE) {
      throw new IllegalArgumentException("a record of kind " + kind + " holds no row");
    }
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      int cacheId = in.getInt();
      long keyHash = in.getLong();
      byte[] key = bytes(in);
      JournalRow row;
      if (kind == Journal.Kind.DELETE) {
        row = deleted(cacheId, keyHash, key);
      } else {
        int checksum = in.getInt();
        long expiresAt = in.getLong();
        long accessedAt = in.getLong();
        long size = in.getLong();
        row = new JournalRow(cacheId, keyHash, key, bytes(in), checksum, expiresAt, accessedAt,
            size);
      }
      if (in.hasRemaining()) {
        throw new IOException("a journal row record with " + in.remaining() + " bytes too many");
      }
      return row;
    } catch (BufferUnderflowException e) {
      throw new IOException("a journal row record shorter than its row", e);
    }
  }

  private static byte[] bytes(ByteBuffer in) throws IOException {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IOException("a journal row record with a length of " + length + " bytes where "
          + in.remaining() + " are left");
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.crypto.SealedDataException;
import io.twat.cache.internal.crypto.Sealer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Encodes and decodes one entry file, format version 2 (see {@link FileStore} for the layout);
 * decodes version 1 too. Version 2 adds, after the 28 bytes of the version 1 header, the
 * generation of the cache the entry was written for (see {@link CacheInfo}): a random number
 * chosen each time the cache is created, so that a store never takes an entry of an earlier or
 * later creation of its cache for its own. Version 1 files have no generation
 * ({@link #NO_GENERATION}) and belong to every generation.
 * Decoding checks everything it can (magic, version, flags, lengths, checksum, inflated size) and
 * reports any mismatch as a {@link CorruptEntryException}, so that no torn or foreign file is
 * ever taken for an entry.
 *
 * <p>Stateless and thread-safe.
 */
final class EntryFormat {
  /** "TWCF": twat-cache file. */
  static final int MAGIC = 0x54574346;
  static final byte VERSION = 2;
  /** The version whose files have no generation, read as {@link #NO_GENERATION}. */
  static final byte VERSION_1 = 1;
  /** The generation of an entry written without one (version 1): it belongs to any. */
  static final long NO_GENERATION = 0L;
  static final byte FLAG_DEFLATE = 1;
  /** The key bytes and payload are sealed with AES-256-GCM (see {@link Sealer}). */
  static final byte FLAG_ENCRYPTED = 2;
  /** The header of version 2: that of version 1, then the generation (8 bytes). */
  static final int HEADER_SIZE = 36;
  /** The header of version 1. */
  static final int HEADER_SIZE_1 = 28;
  static final int TRAILER_SIZE = 4;

  private EntryFormat() {
  }

  /**
   * A decoded entry file: where the key bytes and the serialized value lie (in the file's own array
   * unless the value was inflated or decrypted, so that large values are not copied) and the
   * deadline.
   */
  @SuppressWarnings("ArrayRecordComponent") // a view over arrays, never compared or hashed
  record Decoded(
      byte[] keyArray,
      int keyOffset,
      int keyLength,
      byte[] valueArray,
      int valueOffset,
      int valueLength,
      long expiresAt,
      byte flags,
      long generation,
      ByteBuffer valueBuffer) {
    Decoded(
        byte[] keyArray,
        int keyOffset,
        int keyLength,
        byte[] valueArray,
        int valueOffset,
        int valueLength,
        long expiresAt,
        byte flags,
        long generation) {
      this(
          keyArray,
          keyOffset,
          keyLength,
          valueArray,
          valueOffset,
          valueLength,
          expiresAt,
          flags,
          generation,
          null);
    }

    /**
     * Returns whether the entry was written for another creation of the cache than the one of
     * {@code generation}: both have a generation, and they differ.
     */
    boolean isForeignTo(long generation) {
      return this.generation != NO_GENERATION && this.generation != generation;
    }

    /** Returns whether the entry's key bytes are {@code key}. */
    boolean hasKey(byte[] key) {
      return Arrays.equals(keyArray, keyOffset, keyOffset + keyLength, key, 0, key.length);
    }
  }

  /**
   * Returns a plain, uncompressed entry file as parts to be written one after the other, without
   * copying the value's parts (see {@link io.twat.cache.internal.serial.Serializer#toBuffers}): the
   * header and key, the value's parts, then the checksum.
   *
   * @param key the serialized key
   * @param value the serialized value in parts, tag first; their positions are left as they are
   * @param expiresAt the deadline, epoch milliseconds
   * @param generation the generation of the cache the entry is written for
   */
  static ByteBuffer[] encodePlain(byte[] key, ByteBuffer[] value, long expiresAt,
      long generation) {
    long length = 0;
    for (ByteBuffer part : value) {
      length += part.remaining();
    }
    if (length == 0 || length > Integer.MAX_VALUE - HEADER_SIZE - TRAILER_SIZE - key.length) {
      throw new IllegalArgumentException(
          "a serialized value of " + length + " bytes cannot be stored");
    }
    byte kind = value[0].get(value[0].position());
    ByteBuffer head =
        ByteBuffer.allocate(HEADER_SIZE + key.length)
            .put(header((byte) 0, kind, expiresAt, key.length, (int) length, (int) length,
                generation))
            .put(key)
            .flip();
    CRC32C crc = new CRC32C();
    crc.update(head.duplicate());
    ByteBuffer[] parts = new ByteBuffer[value.length + 2];
    parts[0] = head;
    for (int i = 0; i < value.length; i++) {
      crc.update(value[i].duplicate());
      parts[i + 1] = value[i].duplicate();
    }
    parts[parts.length - 1] = ByteBuffer.allocate(TRAILER_SIZE).putInt((int) crc.getValue()).flip();
    return parts;
  }

  /**
   * Encodes plain parts without a generation, as tests and tools write them; see {@link
   * #encodePlain(byte[], ByteBuffer[], long, long)}.
   */
  static ByteBuffer[] encodePlain(byte[] key, ByteBuffer[] value, long expiresAt) {
    return encodePlain(key, value, expiresAt, NO_GENERATION);
  }

  /** Returns the bytes that compression saved in an encoded entry file (0 if not deflated). */
  static long savedBytes(byte[] file) {
    ByteBuffer in = ByteBuffer.wrap(file);
    if ((in.get(5) & FLAG_DEFLATE) == 0) {
      return 0;
    }
    int payload = in.getInt(20);
    if ((in.get(5) & FLAG_ENCRYPTED) != 0) {
      payload -= in.getInt(16) + Sealer.OVERHEAD;
    }
    return (long) in.getInt(24) - payload;
  }

  /**
   * Encodes a plain (unencrypted) entry file without a generation, as tests and tools write them;
   * see {@link #encode(byte[], byte[], long, Compression, int, Sealer, byte[], long)}.
   */
  static byte[] encode(
      byte[] key, byte[] value, long expiresAt, Compression compression, int compressThreshold) {
    return encode(key, value, expiresAt, compression, compressThreshold, null, null,
        NO_GENERATION);
  }

  /** Decodes a plain (unencrypted) entry file; see {@link #decode(byte[], Sealer, byte[])}. */
  static Decoded decode(byte[] file) throws CorruptEntryException {
    return decode(file, null, null);
  }

  /**
   * Returns the bytes of an entry file.
   *
   * @param key the serialized key
   * @param value the serialized value, tag first
   * @param expiresAt the deadline, epoch milliseconds
   * @param compression how to compress the value
   * @param compressThreshold the smallest value (in bytes) worth compressing
   * @param sealer seals the key bytes and payload, or null to write them as they are
   * @param name the entry's name (the SHA-256 of the key bytes), bound to the sealed bytes; unused
   *     without a sealer
   * @param generation the generation of the cache the entry is written for
   */
  static byte[] encode(
      byte[] key,
      byte[] value,
      long expiresAt,
      Compression compression,
      int compressThreshold,
      Sealer sealer,
      byte[] name,
      long generation) {
    byte flags = 0;
    byte[] payload = value;
    if (compression == Compression.DEFLATE && value.length >= compressThreshold) {
      byte[] deflated = deflate(value);
      if (deflated.length < value.length) {
        payload = deflated;
        flags |= FLAG_DEFLATE;
      }
    }
    if (sealer != null) {
      flags |= FLAG_ENCRYPTED;
      byte[] plain = new byte[key.length + payload.length];
      System.arraycopy(key, 0, plain, 0, key.length);
      System.arraycopy(payload, 0, plain, key.length, payload.length);
      byte[] header =
          header(
              flags,
              (byte) 0,
              expiresAt,
              key.length,
              plain.length + Sealer.OVERHEAD,
              value.length,
              generation);
      byte[] sealed = sealer.seal(plain, aad(header, HEADER_SIZE, name));
      ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + sealed.length + TRAILER_SIZE);
      out.put(header).put(sealed);
      return withChecksum(out);
    }
    ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + key.length + payload.length + TRAILER_SIZE);
    out.put(
            header(
                flags,
                value.length == 0 ? 0 : value[0],
                expiresAt,
                key.length,
                payload.length,
                value.length,
                generation))
        .put(key)
        .put(payload);
    return withChecksum(out);
  }

  private static byte[] header(byte flags, byte kind, long expiresAt, int keyLength,
      int payloadLength, int valueLength, long generation) {
    return ByteBuffer.allocate(HEADER_SIZE)
        .putInt(MAGIC)
        .put(VERSION)
        .put(flags)
        .put(kind)
        .put((byte) 0)
        .putLong(expiresAt)
        .putInt(keyLength)
        .putInt(payloadLength)
        .putInt(valueLength)
        .putLong(generation)
        .array();
  }

  /**
   * The associated data of a sealed entry: its header and its name, so neither can be changed or
   * swapped.
   */
  private static byte[] aad(byte[] file, int headerSize, byte[] name) {
    if (name == null || name.length == 0) {
      throw new IllegalArgumentException("an encrypted entry needs its name");
    }
    byte[] aad = new byte[headerSize + name.length];
    System.arraycopy(file, 0, aad, 0, headerSize);
    System.arraycopy(name, 0, aad, headerSize, name.length);
    return aad;
  }

  @SuppressWarnings("ByteBufferBackingArray") // out is ByteBuffer.allocate's: offset 0
  private static byte[] withChecksum(ByteBuffer out) {
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  /**
   * Decodes an entry file.
   *
   * @param sealer opens encrypted entries, or null if the store does not encrypt
   * @param name the entry's name (the SHA-256 of its key bytes), to which a sealed entry is bound
   * @throws CorruptEntryException if the bytes are not a whole, intact entry file of this version;
   *     if an encrypted file fails authentication (changed, moved from another name, other key); if
   *     it is encrypted and the store has no keys, or plain and the store encrypts (so that nobody
   *     can plant plain entries in an encrypted store)
   */
  static Decoded decode(byte[] file, Sealer sealer, byte[] name) throws CorruptEntryException {
    if (file.length < HEADER_SIZE_1 + TRAILER_SIZE) {
      throw new CorruptEntryException(
          "truncated: " + file.length + " bytes, shorter than a header");
    }
    ByteBuffer in = ByteBuffer.wrap(file);
    int magic = in.getInt();
    if (magic != MAGIC) {
      throw new CorruptEntryException(
          "not an entry file (magic " + Integer.toHexString(magic) + ")");
    }
    byte version = in.get();
    int headerSize = headerSize(version);
    if (file.length < headerSize + TRAILER_SIZE) {
      throw new CorruptEntryException(
          "truncated: " + file.length + " bytes, shorter than a header");
    }
    byte flags = in.get();
    if ((flags & ~(FLAG_DEFLATE | FLAG_ENCRYPTED)) != 0) {
      throw new CorruptEntryException(
          "unknown or unsupported flags " + Integer.toBinaryString(flags & 0xff));
    }
    boolean encrypted = (flags & FLAG_ENCRYPTED) != 0;
    if (encrypted && sealer == null) {
      throw new CorruptEntryException(
          "the entry is encrypted, but this store has no encryption key configured");
    }
    if (!encrypted && sealer != null) {
      throw new CorruptEntryException(
          "the entry is not encrypted, but this store encrypts: plain entries are "
              + "refused so that nobody can plant them");
    }
    in.get(); // value kind: informational
    in.get(); // reserved
    long expiresAt = in.getLong();
    int keyLength = in.getInt();
    int payloadLength = in.getInt();
    int valueLength = in.getInt();
    long generation = version == VERSION_1 ? NO_GENERATION : in.getLong();
    long expectedLength =
        (long) headerSize + (encrypted ? 0 : keyLength) + payloadLength + TRAILER_SIZE;
    if (keyLength <= 0 || payloadLength < 0 || valueLength < 0 || expectedLength != file.length
        || (encrypted && payloadLength < keyLength + Sealer.OVERHEAD)) {
      throw new CorruptEntryException("lengths (key " + keyLength + ", payload " + payloadLength
          + ") do not match the file's " + file.length + " bytes: truncated or torn");
    }
    CRC32C crc = new CRC32C();
    crc.update(file, 0, file.length - TRAILER_SIZE);
    int stored = ByteBuffer.wrap(file, file.length - TRAILER_SIZE, TRAILER_SIZE).getInt();
    if (stored != (int) crc.getValue()) {
      throw new CorruptEntryException("checksum mismatch");
    }
    byte[] body = file;
    int keyStart = headerSize;
    if (encrypted) {
      try {
        body = sealer.open(file, headerSize, payloadLength, aad(file, headerSize, name));
      } catch (SealedDataException e) {
        throw new CorruptEntryException(e.getMessage());
      }
      keyStart = 0;
      payloadLength = body.length - keyLength;
    }
    int payloadStart = keyStart + keyLength;
    if ((flags & FLAG_DEFLATE) != 0) {
      byte[] value = inflate(body, payloadStart, payloadLength, valueLength);
      return new Decoded(
          body, keyStart, keyLength, value, 0, valueLength, expiresAt, flags, generation);
    }
    if (valueLength != payloadLength) {
      throw new CorruptEntryException(
          "value length " + valueLength + " differs from payload length " + payloadLength);
    }
    return new Decoded(body, keyStart, keyLength, body, payloadStart, payloadLength, expiresAt,
        flags, generation);
  }

  /**
   * Returns the header size of entry format {@code version}.
   *
   * @throws CorruptEntryException if this store does not read that version
   */
  private static int headerSize(byte version) throws CorruptEntryException {
    if (version == VERSION) {
      return HEADER_SIZE;
    }
    if (version == VERSION_1) {
      return HEADER_SIZE_1;
    }
    throw new CorruptEntryException("format version " + version + ", this store reads versions "
        + VERSION_1 + " and " + VERSION);
  }

  /**
   * Decodes an entry file that lies in a buffer (a memory-mapped file): a plain, uncompressed
   * entry's value is returned as a slice of the buffer ({@link Decoded#valueBuffer()}), so a large
   * value is not copied onto the heap to be read; other entries are copied and decoded as usual.
   *
   * @throws CorruptEntryException as {@link #decode(byte[], Sealer, byte[])}
   */
  static Decoded decode(ByteBuffer file, Sealer sealer, byte[] name) throws CorruptEntryException {
    int length = file.remaining();
    if (length < HEADER_SIZE_1 + TRAILER_SIZE || sealer != null || file.get(5) != 0) {
      byte[] copy = new byte[length];
      file.duplicate().get(copy);
      return decode(copy, sealer, name);
    }
    ByteBuffer in = file.duplicate().order(java.nio.ByteOrder.BIG_ENDIAN);
    int magic = in.getInt(0);
    if (magic != MAGIC) {
      throw new CorruptEntryException(
          "not an entry file (magic " + Integer.toHexString(magic) + ")");
    }
    byte version = in.get(4);
    int headerSize = headerSize(version);
    if (length < headerSize + TRAILER_SIZE) {
      throw new CorruptEntryException("truncated: " + length + " bytes, shorter than a header");
    }
    long expiresAt = in.getLong(8);
    int keyLength = in.getInt(16);
    int payloadLength = in.getInt(20);
    int valueLength = in.getInt(24);
    long generation = version == VERSION_1 ? NO_GENERATION : in.getLong(HEADER_SIZE_1);
    if (keyLength <= 0 || payloadLength < 0 || valueLength != payloadLength
        || (long) headerSize + keyLength + payloadLength + TRAILER_SIZE != length) {
      throw new CorruptEntryException("lengths (key " + keyLength + ", payload " + payloadLength
          + ") do not match the file's " + length + " bytes: truncated or torn");
    }
    CRC32C crc = new CRC32C();
    crc.update(in.duplicate().limit(length - TRAILER_SIZE));
    if (in.getInt(length - TRAILER_SIZE) != (int) crc.getValue()) {
      throw new CorruptEntryException("checksum mismatch");
    }
    byte[] key = new byte[keyLength];
    in.get(headerSize, key);
    ByteBuffer value =
        in.duplicate()
            .position(headerSize + keyLength)
            .limit(headerSize + keyLength + payloadLength)
            .slice();
    return new Decoded(
        key, 0, keyLength, null, 0, payloadLength, expiresAt, (byte) 0, generation, value);
  }

  private static byte[] deflate(byte[] value) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(value);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, value.length / 2));
      byte[] buffer = new byte[8192];
      while (!deflater.finished()) {
        int n = deflater.deflate(buffer);
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] file, int offset, int length, int valueLength)
      throws CorruptEntryException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(file, offset, length);
      byte[] value = new byte[valueLength];
      int filled = 0;
      while (filled < valueLength) {
        int n = inflater.inflate(value, filled, valueLength - filled);
        if (n == 0
            && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        filled += n;
      }
      if (filled == valueLength && !inflater.finished() && inflater.inflate(new byte[1]) > 0) {
        filled++;
      }
      if (filled != valueLength || !inflater.finished()) {
        throw new CorruptEntryException(
            "compressed value does not inflate to its recorded " + valueLength + " bytes");
      }
      return value;
    } catch (DataFormatException e) {
      throw new CorruptEntryException("compressed value is malformed: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }
}

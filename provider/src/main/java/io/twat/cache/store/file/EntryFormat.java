package io.twat.cache.store.file;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Encodes and decodes one entry file, format version 1 (see {@link FileStore} for the layout).
 * Decoding checks everything it can (magic, version, flags, lengths, checksum, inflated size) and
 * reports any mismatch as a {@link CorruptEntryException}, so that no torn or foreign file is
 * ever taken for an entry.
 *
 * <p>Stateless and thread-safe.
 */
final class EntryFormat {
  /** "TWCF": twat-cache file. */
  static final int MAGIC = 0x54574346;
  static final byte VERSION = 1;
  static final byte FLAG_DEFLATE = 1;
  /** Reserved for AES-GCM encryption; never set by this version, refused when found. */
  static final byte FLAG_ENCRYPTED = 2;
  static final int HEADER_SIZE = 28;
  static final int TRAILER_SIZE = 4;

  private EntryFormat() {
  }

  /**
   * A decoded entry file: where the key bytes and the serialized value lie (in the file's own
   * array unless the value was inflated, so that large values are not copied) and the deadline.
   */
  record Decoded(byte[] file, int keyOffset, int keyLength, byte[] valueArray, int valueOffset, int valueLength,
      long expiresAt, byte flags) {
    /** Returns whether the entry's key bytes are {@code key}. */
    boolean hasKey(byte[] key) {
      return Arrays.equals(file, keyOffset, keyOffset + keyLength, key, 0, key.length);
    }
  }

  /**
   * Returns the bytes of an entry file.
   *
   * @param key the serialized key
   * @param value the serialized value, tag first
   * @param expiresAt the deadline, epoch milliseconds
   * @param compression how to compress the value
   * @param compressThreshold the smallest value (in bytes) worth compressing
   */
  static byte[] encode(byte[] key, byte[] value, long expiresAt, Compression compression, int compressThreshold) {
    byte flags = 0;
    byte[] payload = value;
    if (compression == Compression.DEFLATE && value.length >= compressThreshold) {
      byte[] deflated = deflate(value);
      if (deflated.length < value.length) {
        payload = deflated;
        flags |= FLAG_DEFLATE;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + key.length + payload.length + TRAILER_SIZE);
    out.putInt(MAGIC).put(VERSION).put(flags).put(value.length == 0 ? 0 : value[0]).put((byte) 0)
        .putLong(expiresAt).putInt(key.length).putInt(payload.length).putInt(value.length)
        .put(key).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  /**
   * Decodes an entry file.
   *
   * @throws CorruptEntryException if the bytes are not a whole, intact entry file of this version
   */
  static Decoded decode(byte[] file) throws CorruptEntryException {
    if (file.length < HEADER_SIZE + TRAILER_SIZE) {
      throw new CorruptEntryException("truncated: " + file.length + " bytes, shorter than a header");
    }
    ByteBuffer in = ByteBuffer.wrap(file);
    int magic = in.getInt();
    if (magic != MAGIC) {
      throw new CorruptEntryException("not an entry file (magic " + Integer.toHexString(magic) + ")");
    }
    byte version = in.get();
    if (version != VERSION) {
      throw new CorruptEntryException("format version " + version + ", this store reads version " + VERSION);
    }
    byte flags = in.get();
    if ((flags & ~FLAG_DEFLATE) != 0) {
      throw new CorruptEntryException("unknown or unsupported flags " + Integer.toBinaryString(flags & 0xff));
    }
    in.get(); // value kind: informational
    in.get(); // reserved
    long expiresAt = in.getLong();
    int keyLength = in.getInt();
    int payloadLength = in.getInt();
    int valueLength = in.getInt();
    long expectedLength = (long) HEADER_SIZE + keyLength + payloadLength + TRAILER_SIZE;
    if (keyLength <= 0 || payloadLength < 0 || valueLength < 0 || expectedLength != file.length) {
      throw new CorruptEntryException("lengths (key " + keyLength + ", payload " + payloadLength
          + ") do not match the file's " + file.length + " bytes: truncated or torn");
    }
    CRC32C crc = new CRC32C();
    crc.update(file, 0, file.length - TRAILER_SIZE);
    int stored = ByteBuffer.wrap(file, file.length - TRAILER_SIZE, TRAILER_SIZE).getInt();
    if (stored != (int) crc.getValue()) {
      throw new CorruptEntryException("checksum mismatch");
    }
    int payloadStart = HEADER_SIZE + keyLength;
    if ((flags & FLAG_DEFLATE) != 0) {
      byte[] value = inflate(file, payloadStart, payloadLength, valueLength);
      return new Decoded(file, HEADER_SIZE, keyLength, value, 0, valueLength, expiresAt, flags);
    }
    if (valueLength != payloadLength) {
      throw new CorruptEntryException("value length " + valueLength + " differs from payload length " + payloadLength);
    }
    return new Decoded(file, HEADER_SIZE, keyLength, file, payloadStart, payloadLength, expiresAt, flags);
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

  private static byte[] inflate(byte[] file, int offset, int length, int valueLength) throws CorruptEntryException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(file, offset, length);
      byte[] value = new byte[valueLength];
      int filled = 0;
      while (filled < valueLength) {
        int n = inflater.inflate(value, filled, valueLength - filled);
        if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        filled += n;
      }
      if (filled == valueLength && !inflater.finished() && inflater.inflate(new byte[1]) > 0) {
        filled++;
      }
      if (filled != valueLength || !inflater.finished()) {
        throw new CorruptEntryException("compressed value does not inflate to its recorded " + valueLength + " bytes");
      }
      return value;
    } catch (DataFormatException e) {
      throw new CorruptEntryException("compressed value is malformed: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }
}

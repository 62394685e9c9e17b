package io.twat.cache.store.db;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;

/**
 * How the bytes of a row are made and checked: the one place the value bytes pass through on
 * their way into and out of the database (so that encryption, when it comes, goes here), the key
 * hash and the checksum.
 *
 * <p>The checksum is the CRC32C of the key bytes, the stored value bytes and the deadline (8
 * bytes, big-endian), so a row whose bytes or deadline were changed behind the store's back reads
 * as corrupt. The key hash is the first 8 bytes of the SHA-256 of the key bytes, big-endian; two
 * keys whose hashes collide are told apart by the key bytes kept in the row.
 *
 * <p>Stateless and thread-safe.
 */
final class RowFormat {
  /** The format of the rows this version writes, recorded per cache in {@code twat_cache}. */
  static final int VERSION = 1;

  private RowFormat() {
  }

  /** Returns the bytes to store for a serialized value. */
  static byte[] sealValue(byte[] serialized) {
    return serialized;
  }

  /** Returns the serialized value from the stored bytes of a row whose checksum matched. */
  static byte[] openValue(byte[] stored) {
    return stored;
  }

  /** Returns the checksum of a row. */
  static int checksum(byte[] key, byte[] storedValue, long expiresAt) {
    CRC32C crc = new CRC32C();
    crc.update(key);
    crc.update(storedValue);
    crc.update(ByteBuffer.allocate(Long.BYTES).putLong(expiresAt).array());
    return (int) crc.getValue();
  }

  /** Returns the key hash of the serialized key. */
  static long keyHash(byte[] key) {
    try {
      return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key)).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.crypto.SealedDataException;
import io.twat.cache.internal.crypto.Sealer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;

/**
 * How the bytes of a row are made and checked: the one place the value bytes pass through on
 * their way into and out of the database (sealed with AES-256-GCM when the cache has keys), the
 * key hash and the checksum.
 *
 * <p>Encryption covers the value column only: the key bytes stay readable, since rows are found by
 * key hash and key bytes (as the file store's names are hashes of keys). A sealed value is bound to
 * its cache's name and its key bytes as associated data, so a value copied into another row, or
 * another cache, fails authentication and reads as corrupt.
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

  /** Returns the bytes to store for a serialized value: sealed if {@code sealer} is not null. */
  static byte[] sealValue(Sealer sealer, byte[] serialized, byte[] associatedData) {
    return sealer == null ? serialized : sealer.seal(serialized, associatedData);
  }

  /**
   * Returns the serialized value from the stored bytes of a row whose checksum matched.
   *
   * @throws SealedDataException if the store encrypts and the bytes fail authentication
   */
  static byte[] openValue(Sealer sealer, byte[] stored, byte[] associatedData)
      throws SealedDataException {
    return sealer == null ? stored : sealer.open(stored, 0, stored.length, associatedData);
  }

  /**
   * Returns the associated data of a sealed value: the cache's name, a zero byte, the key bytes.
   */
  static byte[] associatedData(String cacheName, byte[] keyBytes) {
    byte[] name = cacheName.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 1 + keyBytes.length)
        .put(name)
        .put((byte) 0)
        .put(keyBytes)
        .array();
  }

  /** Returns the checksum of a row. */
  static int checksum(byte[] key, byte[] storedValue, long expiresAt) {
    CRC32C crc = new CRC32C();
    crc.update(key);
    crc.update(storedValue);
    crc.update(ByteBuffer.allocate(Long.BYTES).putLong(expiresAt).array());
    return (int) crc.getValue();
  }

  /**
   * Returns the row key of a serialized key in a cache: the first 8 bytes of SHA-256 over the
   * cache id and the key bytes. Rows of every cache share one primary key column, so the cache id
   * is part of the hash; two rows colliding is as likely as a 64-bit SHA-256 prefix collision.
   */
  static long keyHash(int cacheId, byte[] key) {
    MessageDigest digest = newSha256();
    digest.update((byte) (cacheId >>> 24));
    digest.update((byte) (cacheId >>> 16));
    digest.update((byte) (cacheId >>> 8));
    digest.update((byte) cacheId);
    digest.update(key);
    return ByteBuffer.wrap(digest.digest()).getLong();
  }

  /**
   * A prototype to clone: cloning skips the provider lookup of {@link MessageDigest#getInstance}.
   */
  private static final MessageDigest SHA_256 = sha256();

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  private static MessageDigest newSha256() {
    try {
      return (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      return sha256();
    }
  }
}

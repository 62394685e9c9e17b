/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens byte arrays with AES-256-GCM. Each seal draws a fresh random 96-bit nonce, so
 * one key can seal very many values (NIST's limit for random nonces is 2^32 seals per key; rotate
 * the key well before). Sealed bytes are laid out as
 * <pre>
 *   offset  size    field
 *   0       1       sealed format version, 1
 *   1       4       id of the key that sealed them (see {@link Keyring}), big-endian
 *   5       12      nonce
 *   17      n + 16  ciphertext of the n plaintext bytes, then the 128-bit GCM tag
 * </pre>
 * The caller's associated data (AAD) is authenticated but not stored: a store passes what binds
 * the ciphertext to its place (the entry's name, its header), so that sealed bytes copied to
 * another entry, or a header changed around them, fail to open. The version byte and key id are
 * authenticated too.
 *
 * <p>Thread-safe: every call uses a {@link Cipher} of its own.
 */
public final class Sealer {
  /** The sealed format version. */
  public static final byte VERSION = 1;
  /** The bytes sealing adds to the plaintext: version, key id, nonce and tag. */
  public static final int OVERHEAD = 1 + 4 + 12 + 16;
  private static final int PREFIX = 1 + 4 + 12;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final Keyring keys;
  private final SecureRandom random;

  /**
   * Creates a sealer over {@code keys}.
   *
   * @param keys the current key seals; every key opens what it sealed
   */
  public Sealer(Keyring keys) {
    this(keys, new SecureRandom());
  }

  Sealer(Keyring keys, SecureRandom random) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Returns the keys. */
  public Keyring keys() {
    return keys;
  }

  /**
   * Seals {@code length} bytes of {@code plaintext} from {@code offset} with the current key.
   *
   * @param aad associated data to bind the result to; the same must be given to {@link #open}
   * @return the sealed bytes, {@link #OVERHEAD} longer than the plaintext
   */
  public byte[] seal(byte[] plaintext, int offset, int length, byte[] aad) {
    Objects.checkFromIndexSize(offset, length, plaintext.length);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] out = new byte[OVERHEAD + length];
    ByteBuffer.wrap(out).put(VERSION).putInt(keys.currentId()).put(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(out, 0, 5);
      cipher.updateAAD(aad);
      int written = cipher.doFinal(plaintext, offset, length, out, PREFIX);
      if (written != length + TAG_BITS / 8) {
        throw new IllegalStateException(
            "AES-GCM wrote " + written + " bytes, expected " + (length + TAG_BITS / 8));
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not usable on this Java platform: " + e, e);
    }
  }

  /** Seals all of {@code plaintext}; see {@link #seal(byte[], int, int, byte[])}. */
  public byte[] seal(byte[] plaintext, byte[] aad) {
    return seal(plaintext, 0, plaintext.length, aad);
  }

  /**
   * Opens {@code length} sealed bytes of {@code sealed} from {@code offset}.
   *
   * @param aad the associated data given when they were sealed
   * @return the plaintext
   * @throws SealedDataException if the bytes are too short or of another version, were sealed with
   *     a key this keyring does not hold, or fail authentication (changed bytes, other associated
   *     data, another key)
   */
  public byte[] open(byte[] sealed, int offset, int length, byte[] aad) throws SealedDataException {
    Objects.checkFromIndexSize(offset, length, sealed.length);
    if (length < OVERHEAD) {
      throw new SealedDataException("sealed data of " + length + " bytes is shorter than the "
          + OVERHEAD + " bytes sealing adds: truncated", null);
    }
    ByteBuffer in = ByteBuffer.wrap(sealed, offset, length);
    byte version = in.get();
    if (version != VERSION) {
      throw new SealedDataException(
          "sealed format version " + version + ", this version reads " + VERSION, null);
    }
    int id = in.getInt();
    SecretKey key = keys.byId(id);
    if (key == null) {
      throw new SealedDataException(
          "sealed with key id "
              + Integer.toHexString(id)
              + ", which is not among the "
              + "configured keys ("
              + keys
              + "); a wrong key, or an old key that was dropped after a rotation",
          null);
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, sealed, offset + 5, NONCE_BYTES));
      cipher.updateAAD(sealed, offset, 5);
      cipher.updateAAD(aad);
      return cipher.doFinal(sealed, offset + PREFIX, length - PREFIX);
    } catch (AEADBadTagException e) {
      throw new SealedDataException(
          "authentication failed: the data was changed, moved from another entry, "
              + "or sealed with another key of the same id",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not usable on this Java platform: " + e, e);
    }
  }
}

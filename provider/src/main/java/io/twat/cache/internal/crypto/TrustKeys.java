/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 keys with which a serializer authenticates the bytes it writes, so that a later
 * reader (this process, a later one, another host holding the same keys) knows that the cache
 * wrote them and that nobody changed them since. A trailer of {@link #TRAILER_BYTES} bytes
 * follows the authenticated bytes:
 * <pre>
 *   size  field
 *   4     id of the key (big-endian): the first four bytes of SHA-256 over a label and the key
 *   32    HMAC-SHA256, under that key, over the authenticated bytes and the key id
 * </pre>
 * The current key signs; every key verifies, so a key can be rotated by putting a new one first
 * and keeping the old ones until what they signed is gone.
 *
 * <p>Keys come from a trust key file ({@link TrustKeyFile}) or are derived from the encryption
 * keys ({@link #derivedFrom(Keyring)}): HMAC-SHA256 under the encryption key over a fixed label,
 * so whoever holds the encryption keys holds these, and nobody else can compute them.
 *
 * <p>Immutable and thread-safe: each call works on a clone of a keyed {@link Mac} prototype, which
 * copies the key's precomputed state instead of keying a new instance. {@link #toString()} never
 * shows key material.
 */
public final class TrustKeys {
  /** The length of a trust key, in bytes. */
  public static final int KEY_BYTES = 32;
  /** The length of the trailer that {@link #sign} appends: key id and MAC. */
  public static final int TRAILER_BYTES = 4 + 32;
  private static final int MAC_BYTES = 32;
  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] ID_LABEL =
      "twat-cache trust key id v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DERIVATION_LABEL =
      "twat-cache trust key from encryption key v1".getBytes(StandardCharsets.US_ASCII);

  private final int currentId;
  private final Map<Integer, Key> byId;

  private TrustKeys(int currentId, Map<Integer, Key> byId) {
    this.currentId = currentId;
    this.byId = byId;
  }

  /**
   * Returns trust keys of the given raw keys; the first signs, all verify.
   *
   * @param keys keys of {@value #KEY_BYTES} bytes each, at least one
   * @throws IllegalArgumentException if there is no key, a key has another length, or two
   *     different keys have the same id (then replace one)
   */
  public static TrustKeys of(List<byte[]> keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("At least one trust key is needed");
    }
    Map<Integer, Key> byId = new LinkedHashMap<>();
    for (byte[] key : keys) {
      if (key.length != KEY_BYTES) {
        throw new IllegalArgumentException("A trust key must have " + KEY_BYTES + " bytes (256 "
            + "bits), this one has " + key.length);
      }
      int id = idOf(key);
      Key known = byId.putIfAbsent(id, new Key(key.clone()));
      if (known != null && !Arrays.equals(known.bytes, key)) {
        throw new IllegalArgumentException("Two different trust keys have the same key id "
            + Integer.toHexString(id) + "; replace one of them with a newly generated key");
      }
    }
    return new TrustKeys(idOf(keys.get(0)), Collections.unmodifiableMap(byId));
  }

  /**
   * Returns the trust keys derived from encryption keys, one per key: the current encryption key
   * gives the key that signs.
   */
  public static TrustKeys derivedFrom(Keyring keyring) {
    List<byte[]> derived = new ArrayList<>();
    for (SecretKey key : keyring.keys()) {
      Mac mac = keyed(key.getEncoded());
      derived.add(mac.doFinal(DERIVATION_LABEL));
    }
    return of(derived);
  }

  /**
   * Appends the trailer to {@code length} authenticated bytes at the start of {@code buffer}:
   * writes the current key's id and the MAC at {@code buffer[length..length + TRAILER_BYTES)}.
   *
   * @param buffer the authenticated bytes, then at least {@link #TRAILER_BYTES} bytes of room
   */
  public void sign(byte[] buffer, int length) {
    Objects.checkFromIndexSize(0, length + TRAILER_BYTES, buffer.length);
    ByteBuffer.wrap(buffer, length, 4).putInt(currentId);
    Mac mac = byId.get(currentId).mac();
    mac.update(buffer, 0, length + 4);
    try {
      mac.doFinal(buffer, length + 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 could not write its 32 bytes: " + e, e);
    }
  }

  /**
   * Returns whether {@code length} bytes of {@code bytes} from {@code offset} end in a trailer
   * that one of these keys wrote over the bytes before it. Runs in constant time in the MAC.
   */
  public boolean verify(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length < TRAILER_BYTES) {
      return false;
    }
    int signedLength = length - MAC_BYTES;
    int id = ByteBuffer.wrap(bytes, offset + signedLength - 4, 4).getInt();
    Key key = byId.get(id);
    if (key == null) {
      return false;
    }
    Mac mac = key.mac();
    mac.update(bytes, offset, signedLength);
    byte[] expected = mac.doFinal();
    byte[] actual = Arrays.copyOfRange(bytes, offset + signedLength, offset + length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Returns the id of the key that signs. */
  public int currentId() {
    return currentId;
  }

  /** Returns whether one of these keys has the id {@code id}. */
  public boolean hasKey(int id) {
    return byId.containsKey(id);
  }

  /**
   * Returns the key id in the trailer of {@code length} signed bytes of {@code bytes} from
   * {@code offset}.
   */
  public static int keyIdOf(byte[] bytes, int offset, int length) {
    if (length < TRAILER_BYTES) {
      throw new IllegalArgumentException(length + " bytes are too short to end in a trailer of "
          + TRAILER_BYTES);
    }
    return ByteBuffer.wrap(bytes, offset + length - TRAILER_BYTES, 4).getInt();
  }

  private static Mac keyed(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not usable on this Java platform: " + e, e);
    }
  }

  /** Returns the id of the key with {@code bytes}. */
  static int idOf(byte[] bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(ID_LABEL);
      byte[] hash = digest.digest(bytes);
      return ByteBuffer.wrap(hash, 0, 4).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  /** One key: its bytes and a keyed prototype to clone. */
  private static final class Key {
    private final byte[] bytes;
    private final Mac prototype;

    Key(byte[] bytes) {
      this.bytes = bytes;
      this.prototype = keyed(bytes);
    }

    /**
     * Returns a Mac keyed with this key, ready for use by one thread; the prototype is never used.
     */
    Mac mac() {
      try {
        return (Mac) prototype.clone();
      } catch (CloneNotSupportedException e) {
        return keyed(bytes); // a provider whose HMAC cannot be cloned: key a new instance, slower
      }
    }
  }

  @Override
  public String toString() {
    return "TrustKeys[current key id " + Integer.toHexString(currentId) + ", " + byId.size()
        + " key(s)]";
  }
}

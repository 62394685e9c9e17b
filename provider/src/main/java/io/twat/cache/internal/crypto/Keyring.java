/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys of one store: the current key, which seals every new write, and older keys,
 * which only open what they sealed before a rotation. Each key has a 32-bit id derived from its
 * bytes (the first four bytes of a SHA-256 over a fixed label and the key), written in front of
 * every sealed value, so a reader knows which key to use without trying them all, and rotating
 * keys needs no bookkeeping: configure the new key as current and keep the old ones listed until
 * their entries have been rewritten or have expired.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows key material.
 */
public final class Keyring {
  /** The length of an AES-256 key, in bytes. */
  public static final int KEY_BYTES = 32;
  private static final byte[] ID_LABEL = "twat-cache key id v1".getBytes(StandardCharsets.US_ASCII);

  private final SecretKey current;
  private final int currentId;
  private final Map<Integer, SecretKey> byId;

  private Keyring(SecretKey current, int currentId, Map<Integer, SecretKey> byId) {
    this.current = current;
    this.currentId = currentId;
    this.byId = byId;
  }

  /**
   * Returns a keyring that seals with {@code current} and opens with it and {@code older}.
   *
   * @throws IllegalArgumentException if a key is not a 32-byte AES key, or two different keys
   *     have the same id (then replace one of them)
   */
  public static Keyring of(SecretKey current, List<? extends SecretKey> older) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(older, "older");
    List<SecretKey> all = new ArrayList<>();
    all.add(current);
    all.addAll(older);
    Map<Integer, SecretKey> byId = new LinkedHashMap<>();
    for (SecretKey key : all) {
      byte[] bytes = check(key);
      int id = idOf(bytes);
      SecretKey known = byId.get(id);
      if (known != null && !Arrays.equals(known.getEncoded(), bytes)) {
        throw new IllegalArgumentException("Two different encryption keys have the same key id "
            + Integer.toHexString(id) + "; replace one of them with a newly generated key");
      }
      byId.putIfAbsent(id, new SecretKeySpec(bytes, "AES"));
    }
    int currentId = idOf(current.getEncoded());
    return new Keyring(byId.get(currentId), currentId, Collections.unmodifiableMap(byId));
  }

  /** Returns a keyring of the one key {@code current}. */
  public static Keyring of(SecretKey current) {
    return of(current, List.of());
  }

  private static byte[] check(SecretKey key) {
    Objects.requireNonNull(key, "key");
    if (!"AES".equalsIgnoreCase(key.getAlgorithm())) {
      throw new IllegalArgumentException(
          "An encryption key must be an AES key, not a "
              + key.getAlgorithm()
              + " key; make one with KeyGenerator.getInstance(\"AES\") initialised to 256 bits");
    }
    byte[] bytes = key.getEncoded();
    if (bytes == null) {
      throw new IllegalArgumentException(
          "The encryption key cannot be exported (getEncoded() is null); "
              + "give a key whose bytes are available, e.g. from a key file or a PKCS12 KeyStore");
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "An encryption key must have 256 bits (32 bytes) for AES-256-GCM, this "
              + "one has "
              + bytes.length * 8
              + "; generate a 256-bit key");
    }
    return bytes;
  }

  /** Returns the id of the key with {@code bytes}. */
  static int idOf(byte[] bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(ID_LABEL);
      byte[] hash = digest.digest(bytes);
      return ((hash[0] & 0xff) << 24)
          | ((hash[1] & 0xff) << 16)
          | ((hash[2] & 0xff) << 8)
          | (hash[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  /** Returns the key that seals new values. */
  SecretKey current() {
    return current;
  }

  /** Returns the id of the current key. */
  public int currentId() {
    return currentId;
  }

  /** Returns the key with {@code id}, or null if this keyring does not hold it. */
  SecretKey byId(int id) {
    return byId.get(id);
  }

  /** Returns every key of the keyring, the current one first. */
  List<SecretKey> keys() {
    return List.copyOf(byId.values());
  }

  /** Returns how many keys the keyring holds, the current one included. */
  public int size() {
    return byId.size();
  }

  @Override
  public String toString() {
    return "Keyring[current key id "
        + Integer.toHexString(currentId)
        + ", "
        + byId.size()
        + " key(s)]";
  }
}

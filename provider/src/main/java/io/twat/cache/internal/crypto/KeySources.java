/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Loads encryption keys from where they may come from: a private key file or a PKCS12 KeyStore.
 * (The third place, code, hands {@link SecretKey}s to {@link Keyring#of} directly.) Keys never
 * come from a URI.
 *
 * <p>A key file holds either exactly 32 raw bytes (one key), or text: one key per line in Base64
 * (44 characters for 32 bytes), blank lines and lines starting with {@code #} ignored; the first
 * key is the current one, the others only decrypt entries written before a rotation. On POSIX the
 * file must be readable by its owner alone (0600 or 0400): a key file that its group or others
 * may read is refused, since anyone who can read the key can read the cache.
 *
 * <p>Stateless and thread-safe.
 */
public final class KeySources {
  private static final Set<PosixFilePermission> NOT_PRIVATE =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private KeySources() {
  }

  /**
   * Reads the keys of a key file; the first is current.
   *
   * @throws IllegalArgumentException if the file is missing, unreadable, not private, or holds
   *     anything but 256-bit keys; the message says how to fix it
   */
  public static Keyring fromKeyFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "The key file "
              + file
              + " does not exist or is not a file; create it "
              + "with (umask 077; head -c 32 /dev/urandom > "
              + file
              + ")");
    }
    checkPrivate(file);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("Could not read the key file " + file + ": " + e, e);
    }
    List<SecretKey> keys = new ArrayList<>();
    String needs = "AES-256-GCM needs keys of 32 bytes (44 Base64 characters)";
    for (byte[] key : parseKeys(file, content, needs)) {
      keys.add(new SecretKeySpec(key, "AES"));
    }
    return Keyring.of(keys.get(0), keys.subList(1, keys.size()));
  }

  /**
   * Returns the 256-bit keys in the content of a key file, in order: the content is 32 raw bytes
   * (one key), or one Base64 key per line, blank lines and lines starting with {@code #} ignored.
   *
   * @param needs what a key must be, for the message when one has another length
   * @throws IllegalArgumentException if a line is not Base64, a key has another length, or there is
   *     no key
   */
  static List<byte[]> parseKeys(Path file, byte[] content, String needs) {
    List<byte[]> keys = new ArrayList<>();
    if (content.length == Keyring.KEY_BYTES) {
      keys.add(content.clone());
    } else if (!isText(content)) {
      throw new IllegalArgumentException(
          "The key file "
              + file
              + " holds "
              + content.length
              + " bytes of binary data; a key is 32 bytes: write the file as exactly 32 raw bytes,"
              + " or as text with one key of 32 bytes in Base64 (44 characters) per line, e.g."
              + " (umask 077; head -c 32 /dev/urandom > "
              + file
              + ")");
    } else {
      String[] lines = new String(content, StandardCharsets.US_ASCII).split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].trim();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        byte[] key;
        try {
          key = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "Line "
                  + (i + 1)
                  + " of the key file "
                  + file
                  + " is not Base64; a key is 32 bytes: write one key of 32 bytes in Base64"
                  + " (44 characters) per line, or the file as exactly 32 raw bytes",
              e);
        }
        if (key.length != Keyring.KEY_BYTES) {
          throw new IllegalArgumentException(
              "Line "
                  + (i + 1)
                  + " of the key file "
                  + file
                  + " holds "
                  + key.length
                  + " bytes; "
                  + needs);
        }
        keys.add(key);
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "The key file "
              + file
              + " holds no key; write 32 random bytes into it, "
              + "e.g. (umask 077; head -c 32 /dev/urandom > "
              + file
              + ")");
    }
    return keys;
  }

  /** Returns whether {@code content} is printable ASCII text (with tabs and line breaks). */
  private static boolean isText(byte[] content) {
    for (byte b : content) {
      if ((b < 0x20 || b > 0x7e) && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the AES keys with the given aliases from a PKCS12 KeyStore; the first alias is current,
   * the others only decrypt.
   *
   * @param password the store's password, also used for its keys
   * @throws IllegalArgumentException if the KeyStore cannot be read with the password, or an alias
   *     names no 256-bit AES secret key
   */
  public static Keyring fromKeyStore(Path keyStore, char[] password, List<String> aliases) {
    if (aliases.isEmpty()) {
      throw new IllegalArgumentException(
          "A KeyStore is configured but no key alias; set keyAlias to the alias "
              + "of the current key (then older aliases, comma-separated)");
    }
    if (password == null) {
      throw new IllegalArgumentException(
          "The KeyStore "
              + keyStore
              + " needs a password: give it in the Properties as twat.cache.keyStorePassword or in"
              + " the environment variable TWAT_CACHE_KEYSTORE_PASSWORD (never in the URI)");
    }
    KeyStore store;
    try (InputStream in = Files.newInputStream(keyStore)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "Could not open the PKCS12 KeyStore "
              + keyStore
              + ": "
              + e.getMessage()
              + "; check the path and the password",
          e);
    }
    List<SecretKey> keys = new ArrayList<>();
    for (String alias : aliases) {
      Key key;
      try {
        key = store.getKey(alias, password);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "Could not read key "
                + alias
                + " from the KeyStore "
                + keyStore
                + ": "
                + e.getMessage(),
            e);
      }
      if (!(key instanceof SecretKey secret)) {
        throw new IllegalArgumentException(
            "The KeyStore "
                + keyStore
                + " has no secret key with alias "
                + alias
                + "; add one with keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12"
                + " -alias "
                + alias);
      }
      keys.add(secret);
    }
    return Keyring.of(keys.get(0), keys.subList(1, keys.size()));
  }

  /**
   * Checks that only the owner of {@code file} may read or change it (on POSIX; elsewhere nothing
   * is checked).
   *
   * @throws IllegalArgumentException if its group or others may, saying how to fix it
   */
  static void checkPrivate(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = view.readAttributes().permissions();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Could not read the permissions of the key file " + file + ": " + e, e);
    }
    Set<PosixFilePermission> open = EnumSet.copyOf(NOT_PRIVATE);
    open.retainAll(permissions);
    if (!open.isEmpty()) {
      throw new IllegalArgumentException(
          "The key file "
              + file
              + " has permissions "
              + PosixFilePermissions.toString(permissions)
              + ", so its group or others can read or change the key; "
              + "run chmod 600 "
              + file
              + " (only its owner may read it)");
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySourcesTest {
  @TempDir
  Path folder;

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private Path privateFile(String name, byte[] content) throws Exception {
    Path file = folder.resolve(name);
    Files.write(file, content);
    if (posix(file)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  @Test
  void keyFile_ofThirtyTwoRawBytes_isOneKey() throws Exception {
    SecretKey key = TestKeys.newKey();

    Keyring keys = KeySources.fromKeyFile(privateFile("raw.key", key.getEncoded()));

    assertEquals(Keyring.of(key).currentId(), keys.currentId());
    assertEquals(1, keys.size());
  }

  @Test
  void keyFile_ofBase64Lines_hasTheFirstAsCurrent_andTheOthersForDecryption() throws Exception {
    SecretKey current = TestKeys.newKey();
    SecretKey old = TestKeys.newKey();
    String text =
        "# rotated 2026-11-28\n"
            + Base64.getEncoder().encodeToString(current.getEncoded())
            + "\n\n"
            + Base64.getEncoder().encodeToString(old.getEncoded())
            + "\n";

    Keyring keys =
        KeySources.fromKeyFile(
            privateFile("rotated.key", text.getBytes(StandardCharsets.US_ASCII)));

    assertEquals(Keyring.of(current).currentId(), keys.currentId());
    assertEquals(2, keys.size());
  }

  @Test
  void keyFile_readableByOthers_isRefused() throws Exception {
    assumeTrue(posix(folder));
    Path file = privateFile("open.key", TestKeys.newKey().getEncoded());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeySources.fromKeyFile(file));

    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    assertTrue(e.getMessage().contains("rw-r--r--"), e.getMessage());
  }

  @Test
  void keyFile_missing_orOfAWrongSize_isRefusedClearly() throws Exception {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> KeySources.fromKeyFile(folder.resolve("none.key")));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

    Path shortKey = privateFile("short.key", Base64.getEncoder().encode(new byte[16]));
    IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class,
        () -> KeySources.fromKeyFile(shortKey));
    assertTrue(wrongSize.getMessage().contains("32 bytes"), wrongSize.getMessage());
  }

  private Path keyStoreWith(char[] password, String alias, SecretKey key) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, password);
    store.setEntry(
        alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(password));
    Path file = folder.resolve("keys.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
    return file;
  }

  @Test
  void keyStore_givesTheKeyOfTheAlias() throws Exception {
    SecretKey key = TestKeys.newKey();
    Path file = keyStoreWith("secret".toCharArray(), "cache-2026", key);

    Keyring keys = KeySources.fromKeyStore(file, "secret".toCharArray(), List.of("cache-2026"));

    assertEquals(Keyring.of(key).currentId(), keys.currentId());
  }

  @Test
  void keyStore_withAWrongPasswordOrAlias_isRefusedClearly() throws Exception {
    Path file = keyStoreWith("secret".toCharArray(), "cache-2026", TestKeys.newKey());

    IllegalArgumentException password = assertThrows(IllegalArgumentException.class,
        () -> KeySources.fromKeyStore(file, "wrong".toCharArray(), List.of("cache-2026")));
    assertTrue(password.getMessage().contains("password"), password.getMessage());
    IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
        () -> KeySources.fromKeyStore(file, "secret".toCharArray(), List.of("other")));
    assertTrue(alias.getMessage().contains("alias other"), alias.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> KeySources.fromKeyStore(file, null, List.of("cache-2026")));
    assertTrue(none.getMessage().contains("TWAT_CACHE_KEYSTORE_PASSWORD"), none.getMessage());
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.core.CacheFacade;
import io.twat.cache.internal.crypto.TestKeys;
import io.twat.cache.testing.LogCapture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest through the JCache API: where keys may come from, and where they may not. */
class FileManagerEncryptionTest {
  @TempDir
  Path folder;

  private void inNewProvider(String query, Properties properties, Consumer<CacheManager> work) {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      work.accept(
          provider.getCacheManager(
              URI.create("twat:file?dir=" + folder.resolve("data") + query), null, properties));
    } finally {
      provider.close();
    }
  }

  private static MutableConfiguration<String, String> strings() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  private Path keyFile(SecretKey key) throws Exception {
    Path file = folder.resolve("cache.key");
    Files.write(file, key.getEncoded());
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return file;
  }

  private boolean anyFileContains(String text) throws Exception {
    try (Stream<Path> files = Files.walk(folder.resolve("data"))) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void keyFileInTheUri_encryptsTheEntries_andANewManagerWithTheKeyReadsThem() throws Exception {
    Path key = keyFile(TestKeys.newKey());
    inNewProvider(
        "&keyFile=" + key,
        null,
        manager -> manager.createCache("c", strings()).put("k", "plaintext-secret"));

    assertFalse(anyFileContains("plaintext-secret"));
    inNewProvider("&keyFile=" + key, null, manager -> {
      Cache<String, String> cache = manager.getCache("c", String.class, String.class);
      assertEquals("plaintext-secret", cache.get("k"));
      assertTrue(cache.unwrap(CacheFacade.class).backend().contains("encrypted"));
    });
  }

  @Test
  void keyFileReadableByOthers_isRefusedWhenTheManagerIsMade() throws Exception {
    Path key = keyFile(TestKeys.newKey());
    if (!key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> inNewProvider("&keyFile=" + key, null, manager -> { }));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }

  @Test
  void keyMaterialInTheUri_isRefusedClearly_withoutEchoingIt() {
    for (String query : List.of("&encryptionKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "&keyStorePassword=hunter2")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> inNewProvider(query, null, manager -> { }));
      assertTrue(e.getMessage().contains("refused in the URI"), e.getMessage());
      assertFalse(
          e.getMessage().contains("hunter2") || e.getMessage().contains("AAAAAAAA"),
          e.getMessage());
    }
  }

  @Test
  void secretKeyObjectInTheProperties_encrypts_andTextIsRefused() throws Exception {
    Properties properties = new Properties();
    properties.put("twat.cache.encryptionKey", TestKeys.newKey());
    inNewProvider(
        "",
        properties,
        manager -> manager.createCache("c", strings()).put("k", "plaintext-secret"));
    assertFalse(anyFileContains("plaintext-secret"));
    inNewProvider("", properties, manager -> assertEquals("plaintext-secret",
        manager.getCache("c", String.class, String.class).get("k")));

    Properties text = new Properties();
    text.setProperty("twat.cache.encryptionKey", "c2VjcmV0");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> inNewProvider("", text, manager -> { }));
    assertTrue(e.getMessage().contains("SecretKey"), e.getMessage());
  }

  @Test
  void perCacheKey_winsOverTheManagers_andAWrongKeyGivesMissesNotData() throws Exception {
    SecretKey mine = TestKeys.newKey();
    inNewProvider(
        "",
        null,
        manager ->
            manager
                .createCache("c", new TwatConfiguration<String, String>().setEncryptionKey(mine))
                .put("k", "plaintext-secret"));
    assertFalse(anyFileContains("plaintext-secret"));

    List<String> warnings;
    try (LogCapture log = LogCapture.of("io.twat.cache")) {
      inNewProvider("", null, manager -> {
        Cache<String, String> wrong = manager.createCache("c",
            new TwatConfiguration<String, String>().setEncryptionKey(TestKeys.newKey()));
        assertNull(wrong.get("k"));
      });
      warnings = log.warnings();
    }
    assertEquals(1, warnings.size(), () -> "the entry of the other key: " + warnings);
    assertTrue(warnings.get(0).contains("is corrupt"), warnings.get(0));
  }

  @Test
  void rotatedKeys_readOldEntries() throws Exception {
    SecretKey old = TestKeys.newKey();
    SecretKey current = TestKeys.newKey();
    inNewProvider("", null, manager -> manager.createCache("c",
        new TwatConfiguration<String, String>().setEncryptionKey(old)).put("k", "v1"));

    inNewProvider("", null, manager -> {
      Cache<String, String> cache = manager.createCache("c",
          new TwatConfiguration<String, String>().setEncryptionKey(current, old));
      assertEquals("v1", cache.get("k"));
      cache.put("k2", "v2");
    });
    inNewProvider("", null, manager -> assertEquals("v2", manager.createCache("c",
        new TwatConfiguration<String, String>().setEncryptionKey(current)).get("k2")));
  }
}

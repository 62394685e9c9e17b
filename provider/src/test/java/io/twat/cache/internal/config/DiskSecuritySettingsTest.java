/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings of twat:file's bounds and encryption: sizes, key sources, and secrets kept out of
 * URIs.
 */
class DiskSecuritySettingsTest {
  private final FakeEnvironment environment = new FakeEnvironment();

  private ManagerSettings resolve(String uri, Properties properties) {
    return ManagerSettings.resolve(URI.create(uri), properties, environment);
  }

  @ParameterizedTest
  @CsvSource({
    "10_000, 10000",
    "0, 0",
    "512MiB, 536870912",
    "2GiB, 2147483648",
    "2 GB, 2000000000",
    "1kb, 1000",
    "100B, 100",
    "3TiB, 3298534883328"
  })
  void maxBytes_acceptsSizesWithUnits(String text, long bytes) {
    assertEquals(bytes, resolve("twat:file?maxBytes=" + text.replace(" ", ""), null).maxBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "2XB", "MiB", "1.5GiB", "99999999999TiB"})
  void maxBytes_refusesWhatIsNotASize_sayingWhatIsAllowed(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:file?maxBytes=" + text, null));
    assertTrue(e.getMessage().contains("maxBytes=" + text), e.getMessage());
    assertTrue(e.getMessage().contains("512MiB"), e.getMessage());
  }

  @Test
  void maxBytes_doesNotApplyToMemory_butMaxEntriesAppliesToFile() {
    assertThrows(IllegalArgumentException.class, () -> resolve("twat:memory?maxBytes=1MiB", null));
    assertEquals(5, resolve("twat:file?maxEntries=5", null).maxEntries());
  }

  @Test
  void keyFileAndKeyStore_arePaths_andMustBeAbsolute() {
    assertEquals(
        Optional.of(Path.of("/etc/app/cache.key")),
        resolve("twat:file?keyFile=/etc/app/cache.key", null).keyFile());
    ManagerSettings store = resolve("twat:file?keyStore=/etc/app/keys.p12&keyAlias=new,old", null);
    assertEquals(Optional.of(Path.of("/etc/app/keys.p12")), store.keyStore());
    assertEquals(List.of("new", "old"), store.keyAliases());
    assertThrows(
        IllegalArgumentException.class, () -> resolve("twat:file?keyFile=cache.key", null));
  }

  @Test
  void keyStorePassword_comesFromThePropertiesOrTheEnvironment_neverTheUriOrASystemProperty() {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.keyStorePassword", "from-properties");
    assertArrayEquals(
        "from-properties".toCharArray(), resolve("twat:file", properties).keyStorePassword());

    environment.withVariable("TWAT_CACHE_KEYSTORE_PASSWORD", "from-environment");
    assertArrayEquals(
        "from-environment".toCharArray(), resolve("twat:file", null).keyStorePassword());

    IllegalArgumentException inUri = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:file?keyStorePassword=hunter2", null));
    assertTrue(inUri.getMessage().contains("refused in the URI"), inUri.getMessage());
    assertFalse(inUri.getMessage().contains("hunter2"), inUri.getMessage());

    environment.withProperty("twat.cache.keyStorePassword", "hunter2");
    IllegalArgumentException asProperty = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:file", null));
    assertTrue(asProperty.getMessage().contains("system property"), asProperty.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"key", "aesKey", "secret", "password", "token"})
  void unknownUriSettingsThatLookLikeSecrets_areRefused_withoutEchoingTheUri(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:file?" + name + "=s3cr3tvalue", null));

    assertTrue(e.getMessage().contains("key material"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3tvalue"), e.getMessage());
  }

  @Test
  void password_neverAppearsInToString() {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.keyStorePassword", "hunter2");

    assertFalse(resolve("twat:file", properties).toString().contains("hunter2"));
  }

  @Test
  void encryptionKey_isASecretKeyObject_orAListOfThem_neverText() {
    SecretKey current = new SecretKeySpec(new byte[32], "AES");
    SecretKey old =
        new SecretKeySpec(
            new byte[] {
              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
              25, 26, 27, 28, 29, 30, 31, 32
            },
            "AES");
    Properties one = new Properties();
    one.put("twat.cache.encryptionKey", current);
    assertEquals(List.of(current), resolve("twat:file", one).encryptionKeys());
    Properties two = new Properties();
    two.put("twat.cache.encryptionKey", List.of(current, old));
    assertEquals(List.of(current, old), resolve("twat:file", two).encryptionKeys());

    IllegalArgumentException inUri = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:file?encryptionKey=c2VjcmV0", null));
    assertTrue(inUri.getMessage().contains("key material"), inUri.getMessage());
    Properties text = new Properties();
    text.setProperty("twat.cache.encryptionKey", "c2VjcmV0");
    assertThrows(IllegalArgumentException.class, () -> resolve("twat:file", text));
    Properties wrongType = new Properties();
    wrongType.put("twat.cache.encryptionKey", 42);
    assertThrows(IllegalArgumentException.class, () -> resolve("twat:file", wrongType));
  }

  @Test
  void noKeySettings_meanNoEncryption() {
    ManagerSettings settings = resolve("twat:file", null);

    assertEquals(Optional.empty(), settings.keyFile());
    assertEquals(Optional.empty(), settings.keyStore());
    assertNull(settings.keyStorePassword());
    assertEquals(List.of(), settings.encryptionKeys());
  }
}

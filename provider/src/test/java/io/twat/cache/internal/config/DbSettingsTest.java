/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The settings of twat:db: url, credentials (never in a URI), durability, maxBytes, and those it
 * shares.
 */
class DbSettingsTest {
  private final FakeEnvironment environment = new FakeEnvironment();

  private ManagerSettings resolve(String uri, String... propertyNamesAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < propertyNamesAndValues.length; i += 2) {
      properties.setProperty(propertyNamesAndValues[i], propertyNamesAndValues[i + 1]);
    }
    return ManagerSettings.resolve(URI.create(uri), properties, environment);
  }

  @Test
  void defaults_areTheEmbeddedDatabase_processDurability_andNoBounds() {
    ManagerSettings settings = resolve("twat:db");

    assertEquals(StoreKind.DB, settings.kind());
    assertEquals(Optional.empty(), settings.url());
    assertEquals(Durability.PROCESS, settings.durability());
    assertEquals(0L, settings.maxBytes());
    assertEquals(0L, settings.maxEntries());
  }

  @Test
  void sharedSettings_dirAllowAndMaxEntries_applyToDb() {
    ManagerSettings settings =
        resolve("twat:db?dir=/var/cache/app&allow=com.example.*&maxEntries=1_000");

    assertEquals(Optional.of(Path.of("/var/cache/app")), settings.dir());
    assertEquals(java.util.List.of("com.example.*"), settings.allow());
    assertEquals(1_000L, settings.maxEntries());
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1000, 1000",
    "512MiB, 536870912",
    "2GiB, 2147483648",
    "1_024KiB, 1048576",
    "3 GB, 3000000000",
    "10B, 10",
    "1TiB, 1099511627776"
  })
  void maxBytes_takesSizesWithUnits(String text, long bytes) {
    assertEquals(bytes, resolve("twat:db", "twat.cache.maxBytes", text).maxBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "2XB", "GiB", "1.5GiB", "99999999999TiB"})
  void maxBytes_badSize_failsNamingTheKeyAndTheUnits(String text) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:db", "twat.cache.maxBytes", text));

    assertTrue(thrown.getMessage().contains("maxBytes=" + text), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("MiB"), thrown.getMessage());
  }

  @Test
  void durability_isOneOfThree() {
    assertEquals(Durability.FSYNC, resolve("twat:db?durability=fsync").durability());
    assertEquals(Durability.RELAXED, resolve("twat:db?durability=RELAXED").durability());
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:db?durability=sometimes"));
    assertTrue(thrown.getMessage().contains("process, fsync or relaxed"), thrown.getMessage());
  }

  @Test
  void url_withAnEncodedAmpersand_keepsItInsideTheValue() {
    ManagerSettings settings =
        resolve(
            "twat:db?url=jdbc:postgresql://db.example/cache%3Fssl=true%26connectTimeout=5"
                + "&maxBytes=1MiB");

    assertEquals(
        Optional.of("jdbc:postgresql://db.example/cache?ssl=true&connectTimeout=5"),
        settings.url());
    assertEquals(1L << 20, settings.maxBytes());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:h2:tcp://host/db;PASSWORD=secret",
        "jdbc:postgresql://host/db?password=secret",
        "jdbc:postgresql://user:secret@host/db"
      })
  void url_carryingAPassword_failsSayingWhereThePasswordGoes(String url) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:db", "twat.cache.url", url));

    assertTrue(thrown.getMessage().contains("twat.cache.password"), thrown.getMessage());
    assertFalse(thrown.getMessage().contains("secret"), "the message does not repeat the secret");
  }

  @Test
  void url_thatIsNotJdbc_fails() {
    assertThrows(
        IllegalArgumentException.class, () -> resolve("twat:db", "twat.cache.url", "postgres://x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"twat:db?password=secret", "twat:db?user=admin"})
  void credentials_inTheUri_failSayingToUsePropertiesOrTheEnvironment(String uri) {
    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> resolve(uri));

    assertTrue(thrown.getMessage().contains("never go in a URI"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("TWAT_CACHE_"), thrown.getMessage());
  }

  @Test
  void password_asASystemProperty_fails() {
    environment.withProperty("twat.cache.password", "secret");

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> resolve("twat:db"));

    assertTrue(thrown.getMessage().contains("TWAT_CACHE_PASSWORD"), thrown.getMessage());
  }

  @Test
  void credentials_inProperties_areTaken_andThePasswordIsNeverShown() {
    ManagerSettings settings =
        resolve("twat:db", "twat.cache.user", "app", "twat.cache.password", "secret");

    assertEquals(Optional.of("app"), settings.user());
    assertEquals(Optional.of("secret"), settings.password());
    assertFalse(settings.toString().contains("secret"), settings::toString);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "twat:memory?url=jdbc:h2:mem:x",
        "twat:file?durability=fsync",
        "twat:memory?maxBytes=1MiB"
      })
  void dbSettings_onOtherKinds_fail(String uri) {
    assertThrows(IllegalArgumentException.class, () -> resolve(uri));
  }
}

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
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManagerSettingsTest {
  private final FakeEnvironment environment = new FakeEnvironment();

  private ManagerSettings resolve(String uri) {
    return ManagerSettings.resolve(URI.create(uri), new Properties(), environment);
  }

  private ManagerSettings resolve(String uri, Properties properties) {
    return ManagerSettings.resolve(URI.create(uri), properties, environment);
  }

  private IllegalArgumentException failure(String uri) {
    return assertThrows(IllegalArgumentException.class, () -> resolve(uri));
  }

  private static Properties properties(String... namesAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return properties;
  }

  private static void assertMentions(Throwable thrown, String... parts) {
    for (String part : parts) {
      assertTrue(
          thrown.getMessage().contains(part),
          () -> "'" + thrown.getMessage() + "' lacks '" + part + "'");
    }
  }

  // ---------------------------------------------------------------- default URI

  @Test
  void defaultUri_whenNothingIsSet_isTwatMemory() {
    assertEquals(URI.create("twat:memory"), ManagerSettings.defaultUri(environment));
  }

  @Test
  void defaultUri_whenOnlyVariableIsSet_isTheVariable() {
    environment.withVariable("TWAT_CACHE_DEFAULT_URI", "twat:memory?maxEntries=5");

    assertEquals(URI.create("twat:memory?maxEntries=5"), ManagerSettings.defaultUri(environment));
  }

  @Test
  void defaultUri_whenPropertyAndVariableAreSet_isTheProperty() {
    environment.withProperty("twat.cache.defaultUri", "twat:memory?maxEntries=1")
        .withVariable("TWAT_CACHE_DEFAULT_URI", "twat:memory?maxEntries=2");

    assertEquals(URI.create("twat:memory?maxEntries=1"), ManagerSettings.defaultUri(environment));
  }

  @Test
  void defaultUri_whenPropertyIsBlank_fallsBackToTheVariable() {
    environment.withProperty("twat.cache.defaultUri", "  ")
        .withVariable("TWAT_CACHE_DEFAULT_URI", "twat:memory?maxEntries=2");

    assertEquals(URI.create("twat:memory?maxEntries=2"), ManagerSettings.defaultUri(environment));
  }

  @Test
  void defaultUri_whenVariableIsBlank_isTwatMemory() {
    environment.withVariable("TWAT_CACHE_DEFAULT_URI", "");

    assertEquals(URI.create("twat:memory"), ManagerSettings.defaultUri(environment));
  }

  @Test
  void defaultUri_ignoresSurroundingWhitespace() {
    environment.withProperty("twat.cache.defaultUri", " twat:memory?maxEntries=3 ");

    assertEquals(URI.create("twat:memory?maxEntries=3"), ManagerSettings.defaultUri(environment));
  }

  @Test
  void defaultUri_whenPropertyIsNotTwatUri_failsNamingTheProperty() {
    environment.withProperty("twat.cache.defaultUri", "urn:x");

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> ManagerSettings.defaultUri(environment));
    assertMentions(thrown, "system property twat.cache.defaultUri", "urn:x", "twat:memory");
  }

  @Test
  void defaultUri_whenVariableIsNotTwatUri_failsNamingTheVariable() {
    environment.withVariable("TWAT_CACHE_DEFAULT_URI", "http://example.com/cache");

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> ManagerSettings.defaultUri(environment));
    assertMentions(
        thrown, "environment variable TWAT_CACHE_DEFAULT_URI", "http://example.com/cache");
  }

  @Test
  void defaultUri_whenPropertyIsNotAUri_failsNamingTheProperty() {
    environment.withProperty("twat.cache.defaultUri", "twat:memory?max Entries=1");

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> ManagerSettings.defaultUri(environment));
    assertMentions(thrown, "twat.cache.defaultUri", "not a URI");
  }

  @Test
  void isTwatUri_acceptsTheSchemeInAnyCase_andRejectsOthers() {
    assertTrue(ManagerSettings.isTwatUri(URI.create("twat:memory")));
    assertTrue(ManagerSettings.isTwatUri(URI.create("TWAT:memory")));
    assertFalse(ManagerSettings.isTwatUri(URI.create("urn:x")));
    assertFalse(ManagerSettings.isTwatUri(URI.create("relative/path")));
  }

  // ---------------------------------------------------------------- kinds

  @Test
  void resolve_twatMemory_isUnboundedMemory() {
    ManagerSettings settings = resolve("twat:memory");

    assertEquals(StoreKind.MEMORY, settings.kind());
    assertEquals(0L, settings.maxEntries());
  }

  @Test
  void resolve_kindInUpperCase_isAccepted() {
    assertEquals(StoreKind.MEMORY, resolve("TWAT:MEMORY").kind());
  }

  @Test
  void resolve_unknownKind_failsListingTheValidKinds() {
    IllegalArgumentException thrown = failure("twat:nosuch");

    assertMentions(thrown, "nosuch", "memory");
  }

  @Test
  void resolve_nonTwatUri_takesKindAndSettingsOfTheDefaultUri() {
    environment.withProperty("twat.cache.defaultUri", "twat:memory?maxEntries=7");

    ManagerSettings settings = resolve("urn:x");

    assertEquals(StoreKind.MEMORY, settings.kind());
    assertEquals(7L, settings.maxEntries());
  }

  @Test
  void resolve_nonTwatUri_withoutConfiguredDefault_isUnboundedMemory() {
    ManagerSettings settings = resolve("org.example.MyTestCase");

    assertEquals(StoreKind.MEMORY, settings.kind());
    assertEquals(0L, settings.maxEntries());
  }

  @Test
  void resolve_nonTwatUri_whenDefaultIsNotTwat_failsNamingTheProperty() {
    environment.withProperty("twat.cache.defaultUri", "urn:y");

    IllegalArgumentException thrown = failure("urn:x");

    assertMentions(thrown, "twat.cache.defaultUri");
  }

  @Test
  void resolve_twatUri_ignoresTheDefaultUri() {
    environment.withProperty("twat.cache.defaultUri", "twat:memory?maxEntries=7");

    assertEquals(0L, resolve("twat:memory").maxEntries());
  }

  // ---------------------------------------------------------------- URI query

  @Test
  void resolve_maxEntriesInQuery_boundsTheManager() {
    assertEquals(10_000L, resolve("twat:memory?maxEntries=10000").maxEntries());
  }

  @Test
  void resolve_maxEntriesWithUnderscores_isAccepted() {
    assertEquals(10_000L, resolve("twat:memory?maxEntries=10_000").maxEntries());
  }

  @Test
  void resolve_maxEntriesZero_isUnbounded() {
    assertEquals(0L, resolve("twat:memory?maxEntries=0").maxEntries());
  }

  @Test
  void resolve_emptyQuery_isAccepted() {
    assertEquals(0L, resolve("twat:memory?").maxEntries());
  }

  @Test
  void resolve_unknownQueryKey_failsNamingTheKeyAndListingValidKeys() {
    IllegalArgumentException thrown = failure("twat:memory?maxEntrys=10");

    assertMentions(thrown, "maxEntrys", "maxEntries");
  }

  @Test
  void resolve_queryKeyInWrongCase_isUnknown() {
    IllegalArgumentException thrown = failure("twat:memory?maxentries=10");

    assertMentions(thrown, "maxentries", "maxEntries");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "abc", "+5", "1.5", "1e3", "_", "99999999999999999999"})
  void resolve_badMaxEntries_failsNamingKeyValueAndWhatIsAllowed(String value) {
    IllegalArgumentException thrown = failure("twat:memory?maxEntries=" + value);

    assertMentions(thrown, "maxEntries=" + value, Setting.MAX_ENTRIES.allowed());
  }

  @Test
  void resolve_duplicateQueryKey_failsNamingTheKey() {
    IllegalArgumentException thrown = failure("twat:memory?maxEntries=1&maxEntries=2");

    assertMentions(thrown, "maxEntries", "twice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"twat:memory?maxEntries=", "twat:memory?maxEntries", "twat:memory?=5",
      "twat:memory?maxEntries=1&", "twat:memory?&maxEntries=1"})
  void resolve_queryPartWithoutKeyOrValue_fails(String uri) {
    IllegalArgumentException thrown = failure(uri);

    assertMentions(thrown, "key=value");
  }

  // ---------------------------------------------------------------- Properties and system
  // properties

  @Test
  void resolve_maxEntriesInProperties_applies() {
    ManagerSettings settings = resolve("twat:memory", properties("twat.cache.maxEntries", "50"));

    assertEquals(50L, settings.maxEntries());
  }

  @Test
  void resolve_maxEntriesInUriAndProperties_uriWins() {
    ManagerSettings settings =
        resolve("twat:memory?maxEntries=10", properties("twat.cache.maxEntries", "50"));

    assertEquals(10L, settings.maxEntries());
  }

  @Test
  void resolve_maxEntriesInSystemProperty_applies() {
    environment.withProperty("twat.cache.maxEntries", "30");

    assertEquals(30L, resolve("twat:memory").maxEntries());
  }

  @Test
  void resolve_maxEntriesInPropertiesAndSystemProperty_propertiesWin() {
    environment.withProperty("twat.cache.maxEntries", "30");

    ManagerSettings settings = resolve("twat:memory", properties("twat.cache.maxEntries", "50"));

    assertEquals(50L, settings.maxEntries());
  }

  @Test
  void resolve_maxEntriesInUriAndSystemProperty_uriWins() {
    environment.withProperty("twat.cache.maxEntries", "30");

    assertEquals(10L, resolve("twat:memory?maxEntries=10").maxEntries());
  }

  @Test
  void resolve_nullProperties_isLikeEmptyProperties() {
    assertEquals(
        0L, ManagerSettings.resolve(URI.create("twat:memory"), null, environment).maxEntries());
  }

  @Test
  void resolve_propertiesWithoutPrefix_areIgnored() {
    ManagerSettings settings =
        resolve(
            "twat:memory",
            properties(
                "maxEntries", "abc", "hibernate.cache.region", "x", "twat.cachemaxEntries", "-1"));

    assertEquals(0L, settings.maxEntries());
  }

  @Test
  void resolve_systemPropertiesWithoutPrefix_areIgnored() {
    environment.withProperty("java.version", "17").withProperty("maxEntries", "abc");

    assertEquals(0L, resolve("twat:memory").maxEntries());
  }

  @Test
  void resolve_defaultUriInProperties_isNotTakenForASetting() {
    ManagerSettings settings =
        resolve("twat:memory", properties("twat.cache.defaultUri", "twat:memory"));

    assertEquals(StoreKind.MEMORY, settings.kind());
  }

  @Test
  void resolve_defaultUriSystemProperty_isNotTakenForASetting() {
    environment.withProperty("twat.cache.defaultUri", "twat:memory?maxEntries=7");

    assertEquals(0L, resolve("twat:memory").maxEntries());
  }

  @Test
  void resolve_unknownPrefixedProperty_failsNamingTheProperty() {
    IllegalArgumentException thrown =
        assertThrows(
            IllegalArgumentException.class,
            () -> resolve("twat:memory", properties("twat.cache.xyz", "1")));

    assertMentions(thrown, "xyz", "property twat.cache.xyz", "maxEntries");
  }

  @Test
  void resolve_unknownPrefixedSystemProperty_failsNamingTheSystemProperty() {
    environment.withProperty("twat.cache.xyz", "1");

    IllegalArgumentException thrown = failure("twat:memory");

    assertMentions(thrown, "system property twat.cache.xyz");
  }

  @Test
  void resolve_badValueInProperties_failsNamingPropertyAndValue() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:memory?maxEntries=10", properties("twat.cache.maxEntries", "-1")));

    assertMentions(thrown, "maxEntries=-1", "twat.cache.maxEntries", Setting.MAX_ENTRIES.allowed());
  }

  @Test
  void resolve_valueInPropertiesWithWhitespace_isTrimmed() {
    assertEquals(
        40L, resolve("twat:memory", properties("twat.cache.maxEntries", " 40 ")).maxEntries());
  }

  @Test
  void toString_namesTheKind() {
    assertTrue(resolve("twat:memory?maxEntries=3").toString().startsWith("twat:memory"));
  }
}

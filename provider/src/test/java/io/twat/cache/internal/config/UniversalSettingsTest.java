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

/** The settings of twat:universal: tiers, threshold, heapEntries, maxStaleMillis. */
class UniversalSettingsTest {

  private static ManagerSettings resolve(String uri) {
    return ManagerSettings.resolve(URI.create(uri), new Properties(), new FakeEnvironment());
  }

  @Test
  void defaults_areAHeapOfTenThousandOverTheFileStore_splitAt64KiB_staleByAtMostOneSecond() {
    ManagerSettings settings = resolve("twat:universal");

    assertEquals(
        new ManagerSettings.Tiers(/* memory= */ true, /* db= */ false, /* file= */ true),
        settings.tiers());
    assertEquals(65_536, settings.threshold());
    assertEquals(10_000, settings.heapEntries());
    assertEquals(1_000, settings.maxStaleMillis());
  }

  @Test
  void tiers_acceptTheDocumentedChains() {
    assertEquals(
        "memory,db,file", resolve("twat:universal?tiers=memory,db,file").tiers().toString());
    assertEquals("file", resolve("twat:universal?tiers=file").tiers().toString());
    assertEquals("db,file", resolve("twat:universal?tiers=DB,File").tiers().toString());
    assertFalse(resolve("twat:universal?tiers=db").tiers().file());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file,memory", "memory,file,db", "memory,,file", "disk"})
  void tiers_otherLists_areRefusedWithTheAllowedOnes(String tiers) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:universal?tiers=" + tiers));

    assertTrue(
        e.getMessage().contains("tiers=" + tiers) && e.getMessage().contains("memory,db,file"),
        e.getMessage());
  }

  @Test
  void threshold_takesBytesAndBinaryUnits() {
    assertEquals(100, resolve("twat:universal?threshold=100").threshold());
    assertEquals(64 * 1024, resolve("twat:universal?threshold=64KiB").threshold());
    assertEquals(2L * 1024 * 1024, resolve("twat:universal?threshold=2mib").threshold());
    assertEquals(1L << 30, resolve("twat:universal?threshold=1GiB").threshold());
    assertEquals(64_000, resolve("twat:universal?threshold=64KB").threshold());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "64XB", "KiB", "1.5MiB", "99999999999GiB"})
  void threshold_badSizes_areRefused(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:universal?threshold=" + value));

    assertTrue(
        e.getMessage().contains("threshold=" + value) && e.getMessage().contains("64KiB"),
        e.getMessage());
  }

  @Test
  void heapEntries_mustBePositive_maxStaleMillisMayBeZero() {
    assertEquals(5, resolve("twat:universal?heapEntries=5").heapEntries());
    assertEquals(0, resolve("twat:universal?maxStaleMillis=0").maxStaleMillis());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:universal?heapEntries=0"));
    assertTrue(e.getMessage().contains("heapEntries=0"), e.getMessage());
  }

  @Test
  void universalSettings_doNotApplyToOtherKinds_andFileSettingsApplyToUniversal() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve("twat:memory?heapEntries=5"));
    assertTrue(e.getMessage().contains("does not apply to twat:memory"), e.getMessage());

    ManagerSettings settings =
        resolve("twat:universal?dir=/tmp/x&fsync=true&compress=deflate&allow=a.b.*&maxEntries=9");
    assertTrue(settings.fsync());
    assertEquals(9, settings.maxEntries());
  }
}

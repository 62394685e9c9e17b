/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import io.twat.cache.TwatConfiguration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.Ticker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.Test;

class TwatConfigurationTest {
  private static final Ticker FIXED = () -> 42L;

  @Test
  void newConfiguration_inheritsMaxEntries_andReadsTheSystemClock() {
    TwatConfiguration<String, String> config = new TwatConfiguration<>();

    assertEquals(TwatConfiguration.INHERIT, config.getMaxEntries());
    assertSame(Ticker.SYSTEM, config.getTicker());
  }

  @Test
  void newConfiguration_hasTheJCacheDefaults() {
    assertEquals(new MutableConfiguration<String, String>().isStoreByValue(),
        new TwatConfiguration<String, String>().isStoreByValue());
    assertEquals(Object.class, new TwatConfiguration<String, String>().getKeyType());
  }

  @Test
  void setMaxEntries_acceptsInheritZeroAndPositive_andReturnsThis() {
    TwatConfiguration<String, String> config = new TwatConfiguration<>();

    assertSame(config, config.setMaxEntries(5));
    assertEquals(5L, config.getMaxEntries());
    assertEquals(0L, config.setMaxEntries(0).getMaxEntries());
    assertEquals(
        TwatConfiguration.INHERIT, config.setMaxEntries(TwatConfiguration.INHERIT).getMaxEntries());
  }

  @Test
  void setMaxEntries_belowInherit_failsAndKeepsTheOldValue() {
    TwatConfiguration<String, String> config =
        new TwatConfiguration<String, String>().setMaxEntries(5);

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> config.setMaxEntries(-2));

    assertTrue(thrown.getMessage().contains("-2"), thrown::getMessage);
    assertEquals(5L, config.getMaxEntries());
  }

  @Test
  void setTicker_null_fails() {
    TwatConfiguration<String, String> config = new TwatConfiguration<>();

    assertThrows(NullPointerException.class, () -> config.setTicker(null));
    assertSame(Ticker.SYSTEM, config.getTicker());
  }

  @Test
  void copyConstructor_ofTwatConfiguration_keepsMaxEntriesAndTicker() {
    TwatConfiguration<String, Integer> original = new TwatConfiguration<String, Integer>()
        .setMaxEntries(123).setTicker(FIXED);
    original.setTypes(String.class, Integer.class).setStatisticsEnabled(true);

    TwatConfiguration<String, Integer> copy = new TwatConfiguration<>(original);

    assertEquals(123L, copy.getMaxEntries());
    assertSame(FIXED, copy.getTicker());
    assertEquals(String.class, copy.getKeyType());
    assertEquals(Integer.class, copy.getValueType());
    assertTrue(copy.isStatisticsEnabled());
    assertEquals(original, copy);
  }

  @Test
  void copyConstructor_isIndependentOfTheOriginal() {
    TwatConfiguration<String, String> original =
        new TwatConfiguration<String, String>().setMaxEntries(1);
    TwatConfiguration<String, String> copy = new TwatConfiguration<>(original);

    original.setMaxEntries(2);

    assertEquals(1L, copy.getMaxEntries());
  }

  @Test
  void copyConstructor_ofMutableConfiguration_keepsJCacheSettingsAndInherits() {
    MutableConfiguration<String, Integer> plain = new MutableConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class)
        .setStoreByValue(false)
        .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(Duration.ONE_MINUTE));

    TwatConfiguration<String, Integer> copy = new TwatConfiguration<>(plain);

    assertEquals(TwatConfiguration.INHERIT, copy.getMaxEntries());
    assertSame(Ticker.SYSTEM, copy.getTicker());
    assertFalse(copy.isStoreByValue());
    assertEquals(String.class, copy.getKeyType());
    assertEquals(plain.getExpiryPolicyFactory(), copy.getExpiryPolicyFactory());
  }

  @Test
  void equals_sameSettings_isTrueWithEqualHashCodes() {
    TwatConfiguration<String, String> a = new TwatConfiguration<String, String>().setMaxEntries(10);
    TwatConfiguration<String, String> b = new TwatConfiguration<String, String>().setMaxEntries(10);

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void equals_differentMaxEntries_isFalse() {
    TwatConfiguration<String, String> a = new TwatConfiguration<String, String>().setMaxEntries(10);
    TwatConfiguration<String, String> b = new TwatConfiguration<String, String>().setMaxEntries(11);

    assertNotEquals(a, b);
    assertNotEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void equals_differentTicker_isFalse() {
    TwatConfiguration<String, String> a = new TwatConfiguration<>();
    TwatConfiguration<String, String> b = new TwatConfiguration<String, String>().setTicker(FIXED);

    assertNotEquals(a, b);
  }

  @Test
  void equals_differentJCacheSettings_isFalse() {
    TwatConfiguration<String, String> a = new TwatConfiguration<>();
    TwatConfiguration<String, String> b = new TwatConfiguration<>();
    b.setStatisticsEnabled(true);

    assertNotEquals(a, b);
  }

  @Test
  void serialization_keepsMaxEntries_andFallsBackToTheSystemClock()
      throws IOException, ClassNotFoundException {
    TwatConfiguration<String, String> original = new TwatConfiguration<String, String>()
        .setMaxEntries(77).setTicker(FIXED);
    original.setTypes(String.class, String.class);

    TwatConfiguration<String, String> copy = roundTrip(original);

    assertEquals(77L, copy.getMaxEntries());
    assertSame(Ticker.SYSTEM, copy.getTicker());
    assertEquals(String.class, copy.getKeyType());
  }

  private static TwatConfiguration<String, String> roundTrip(
      TwatConfiguration<String, String> config) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(config);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      @SuppressWarnings("unchecked")
      TwatConfiguration<String, String> copy = (TwatConfiguration<String, String>) in.readObject();
      return copy;
    }
  }
}

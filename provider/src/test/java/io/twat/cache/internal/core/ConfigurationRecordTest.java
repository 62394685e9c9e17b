/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;

/**
 * The record format of a cache's configuration, version 1, pinned: what is written for each kind
 * of setting, and what a record restores, with the problems it reports.
 */
class ConfigurationRecordTest {
  private static final ClassLoader LOADER = ConfigurationRecordTest.class.getClassLoader();

  /** A policy of the application's own that counts how often it is closed. */
  public static final class ClosedPolicy implements ExpiryPolicy, AutoCloseable {
    static final AtomicInteger CLOSED = new AtomicInteger();

    /** Public, as {@code FactoryBuilder.ClassFactory} needs. */
    public ClosedPolicy() {
    }

    @Override
    public Duration getExpiryForCreation() {
      return Duration.ONE_HOUR;
    }

    @Override
    public Duration getExpiryForAccess() {
      return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  private static Map<String, String> map(String... namesAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void theDefaults_areRecordedAsEternal_offAndOff() {
    assertEquals(map("version", "1", "expiry", "eternal", "statistics", "false",
        "management", "false", "ownKeys", "false"),
        ConfigurationRecord.of(new TwatConfiguration<>()).settings());
  }

  @Test
  void everyRecordedSetting_hasItsNameAndText() {
    TwatConfiguration<String, Long> configuration = new TwatConfiguration<>();
    configuration.setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(
        new Duration(TimeUnit.SECONDS, 90)));
    configuration.setStatisticsEnabled(true).setManagementEnabled(true);
    configuration.setMaxEntries(10).setMaxBytes(0);
    configuration.setCacheLoaderFactory(() -> null);
    configuration.setCacheWriterFactory(() -> null);

    assertEquals(map("version", "1", "expiry", "accessed", "expiry.duration", "90 SECONDS",
        "statistics", "true", "management", "true", "maxEntries", "10", "maxBytes", "0",
        "ownKeys", "false", "code", "loader,writer"),
        ConfigurationRecord.of(configuration).settings());
  }

  @Test
  void aClassFactoryPolicy_isRecordedByItsClass_andTheInstanceMadeToLearnItIsClosed() {
    TwatConfiguration<String, Long> configuration = new TwatConfiguration<>();
    configuration.setExpiryPolicyFactory(FactoryBuilder.factoryOf(ClosedPolicy.class));
    int closedBefore = ClosedPolicy.CLOSED.get();

    Map<String, String> settings = ConfigurationRecord.of(configuration).settings();

    assertEquals("class", settings.get("expiry"));
    assertEquals(ClosedPolicy.class.getName(), settings.get("expiry.class"));
    assertEquals(closedBefore + 1, ClosedPolicy.CLOSED.get());
  }

  @Test
  void restore_ofAWholeRecord_setsEverything_andReportsNothing() {
    TwatConfiguration<Object, Object> configuration = new TwatConfiguration<>();
    ConfigurationRecord.Restoration restoration = ConfigurationRecord.restore(map("version", "1",
        "expiry", "class", "expiry.class", ClosedPolicy.class.getName(), "statistics", "true",
        "management", "false", "maxEntries", "10", "ownKeys", "false", "code", "listeners,evil",
        "later", "ignored"), configuration, LOADER);

    assertTrue(restoration.recorded());
    assertEquals(List.of(), restoration.problems());
    assertEquals(List.of("listeners"), restoration.code());
    assertTrue(restoration.expiryByClass());
    assertFalse(restoration.ownKeys());
    assertEquals(FactoryBuilder.factoryOf(ClosedPolicy.class),
        configuration.getExpiryPolicyFactory());
    assertTrue(configuration.isStatisticsEnabled());
    assertEquals(10, configuration.getMaxEntries());
    assertEquals(TwatConfiguration.INHERIT, configuration.getMaxBytes());
  }

  @Test
  void restore_ofARecordWithoutVersion_changesNothing() {
    TwatConfiguration<Object, Object> configuration = new TwatConfiguration<>();
    ConfigurationRecord.Restoration restoration = ConfigurationRecord.restore(
        map("statistics", "true"), configuration, LOADER);

    assertFalse(restoration.recorded());
    assertFalse(configuration.isStatisticsEnabled());
  }

  @Test
  void restore_ofDamagedText_reportsEachProblem_shownSafely() {
    TwatConfiguration<Object, Object> configuration = new TwatConfiguration<>();
    ConfigurationRecord.Restoration restoration = ConfigurationRecord.restore(map("version", "1",
        "expiry", "touched", "expiry.duration", "-5 MINUTES", "management", "on\nFAKE LOG LINE",
        "maxBytes", "many"), configuration, LOADER);

    List<String> problems = new ArrayList<>(restoration.problems());
    assertEquals(3, problems.size(), problems::toString);
    assertTrue(problems.get(0).contains("\"-5 MINUTES\"") && problems.get(0).endsWith("eternal"),
        problems.get(0));
    assertEquals("management is not true or false but \"on?FAKE LOG LINE\", so it is off",
        problems.get(1));
    assertTrue(problems.get(2).contains("\"many\""), problems.get(2));
    assertTrue(configuration.getExpiryPolicyFactory().create() instanceof EternalExpiryPolicy);
  }

  @Test
  void restore_ofAnOwnKeysFlag_reportsItEvenInARecordOfALaterVersion() {
    assertTrue(ConfigurationRecord.restore(map("version", "7", "ownKeys", "true"),
        new TwatConfiguration<>(), LOADER).ownKeys());
    assertTrue(ConfigurationRecord.restore(map("version", "1", "expiry", "eternal",
        "ownKeys", "true"), new TwatConfiguration<>(), LOADER).ownKeys());
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;

/** A configuration file's per-cache settings, applied where a cache's configuration is silent. */
class CacheSettingsTest {
  private static final URI MEMORY = URI.create("classpath:twat-cache-config/memory.properties");

  private static CacheSettings fromClasspathFile(String cacheName) {
    return ManagerSettings.resolve(MEMORY, null, new FakeEnvironment()).cacheSettings(cacheName);
  }

  /** What createCache makes of a framework's plain configuration. */
  private static TwatConfiguration<Object, Object> plain() {
    return new TwatConfiguration<>(new MutableConfiguration<>());
  }

  @Test
  void aPlainConfiguration_getsTheFilesBoundAndExpiry() {
    TwatConfiguration<Object, Object> configuration = plain();

    fromClasspathFile("books").applyTo(configuration);

    assertEquals(3L, configuration.getMaxEntries());
    ExpiryPolicy expiry = configuration.getExpiryPolicyFactory().create();
    assertInstanceOf(ModifiedExpiryPolicy.class, expiry);
    assertEquals(new Duration(TimeUnit.MINUTES, 10), expiry.getExpiryForCreation());
    assertEquals(new Duration(TimeUnit.MINUTES, 10), expiry.getExpiryForUpdate());
    assertFalse(configuration.isStatisticsEnabled());
  }

  @Test
  void expireAfterAccess_isATouchedPolicy_andACacheNameMayHaveDots() {
    TwatConfiguration<Object, Object> configuration = plain();

    fromClasspathFile("com.example.Author").applyTo(configuration);

    ExpiryPolicy expiry = configuration.getExpiryPolicyFactory().create();
    assertInstanceOf(TouchedExpiryPolicy.class, expiry);
    assertEquals(new Duration(TimeUnit.HOURS, 1), expiry.getExpiryForAccess());
    assertTrue(configuration.isStatisticsEnabled());
    assertEquals(TwatConfiguration.INHERIT, configuration.getMaxEntries());
  }

  @Test
  void whatTheConfigurationSets_wins() {
    TwatConfiguration<Object, Object> configuration = new TwatConfiguration<>().setMaxEntries(50);
    configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_MINUTE));

    fromClasspathFile("books").applyTo(configuration);

    assertEquals(50L, configuration.getMaxEntries());
    assertEquals(Duration.ONE_MINUTE,
        configuration.getExpiryPolicyFactory().create().getExpiryForCreation());
  }

  @Test
  void aCacheTheFileDoesNotName_isLeftAsItIs() {
    TwatConfiguration<Object, Object> configuration = plain();

    fromClasspathFile("other").applyTo(configuration);

    assertEquals(TwatConfiguration.INHERIT, configuration.getMaxEntries());
    assertFalse(configuration.isStatisticsEnabled());
    assertInstanceOf(EternalExpiryPolicy.class, configuration.getExpiryPolicyFactory().create());
  }

  @Test
  void statisticsAndManagement_canBeTurnedOnNotOff() {
    Map<CacheSetting, Object> values = new EnumMap<>(CacheSetting.class);
    values.put(CacheSetting.STATISTICS_ENABLED, false);
    values.put(CacheSetting.MANAGEMENT_ENABLED, true);
    values.put(CacheSetting.MAX_BYTES, 1024L);
    TwatConfiguration<Object, Object> configuration = plain();
    configuration.setStatisticsEnabled(true);

    CacheSettings.of(values).applyTo(configuration);

    assertTrue(configuration.isStatisticsEnabled());
    assertTrue(configuration.isManagementEnabled());
    assertEquals(1024L, configuration.getMaxBytes());
  }

  @Test
  void durations_areIso8601_positive_andAtLeastAMillisecond() {
    SettingKey expiry = CacheSetting.EXPIRE_AFTER_WRITE;
    assertEquals(java.time.Duration.ofMinutes(10), ValueTypes.DURATION.parse(expiry, "PT10M", "t"));
    assertEquals(java.time.Duration.ofDays(1), ValueTypes.DURATION.parse(expiry, "p1d", "t"));
    for (String bad : List.of("10m", "PT0S", "-PT1M", "PT0.0001S")) {
      IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
          () -> ValueTypes.DURATION.parse(expiry, bad, "t"));
      assertTrue(thrown.getMessage().contains("expireAfterWrite=" + bad), thrown::getMessage);
      assertTrue(thrown.getMessage().contains("PT10M"), thrown::getMessage);
    }
  }
}

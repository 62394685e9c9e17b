/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import javax.cache.CacheManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code twatCache} health indicator ({@link TwatCacheHealthIndicator}) for the
 * auto-configured manager, when Spring Boot's health support is on the class path; {@code
 * management.health.twatcache.enabled=false} turns it off.
 */
@AutoConfiguration(after = TwatCacheAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(CacheManager.class)
@ConditionalOnEnabledHealthIndicator("twatcache")
public class TwatCacheHealthAutoConfiguration {
  /** Creates the configuration; Spring calls it. */
  public TwatCacheHealthAutoConfiguration() {}

  /**
   * The indicator, if the manager is twat-cache's auto-configured one.
   *
   * @param manager the application's JCache manager
   * @return the indicator, or a report that the manager is someone else's
   */
  @Bean
  public HealthIndicator twatCacheHealthIndicator(CacheManager manager) {
    if (manager instanceof ObservedCacheManager observed) {
      return new TwatCacheHealthIndicator(observed);
    }
    return () ->
        org.springframework.boot.health.contributor.Health.unknown()
            .withDetail("reason", "the JCache CacheManager is not twat-cache's auto-configured one")
            .build();
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.twat.cache.TwatCaches;
import io.twat.cache.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.JCacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration on every store, through Boot's ApplicationContextRunner. */
class TwatCacheAutoConfigurationTest {
  @TempDir Path folder;

  private final LogCapture log = LogCapture.of("io.twat.cache");
  private final LogCapture micrometerLog = LogCapture.of("io.micrometer");
  /** Set by the tests whose context fails to start: Spring logs that at WARNING. */
  private LogCapture springLog;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TwatCacheAutoConfiguration.class,
                  TwatCacheMetricsAutoConfiguration.class,
                  TwatCacheHealthAutoConfiguration.class,
                  CacheAutoConfiguration.class,
                  MetricsAutoConfiguration.class,
                  SimpleMetricsExportAutoConfiguration.class,
                  CacheMetricsAutoConfiguration.class))
          .withUserConfiguration(CachingOn.class);

  @AfterEach
  void close() {
    log.close();
    micrometerLog.close();
    if (springLog != null) {
      springLog.close();
    }
    assertThat(micrometerLog.warnings()).isEmpty();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class CachingOn {}

  @Configuration(proxyBeanMethods = false)
  static class OwnManager {
    @Bean(destroyMethod = "close")
    CacheManager ownManager() {
      return new io.twat.cache.spi.TwatCachingProvider()
          .getCacheManager(java.net.URI.create("twat:memory?policy=lru"), null);
    }
  }

  private static double count(MeterRegistry registry, String name, String cache, String... tags) {
    FunctionCounter counter =
        registry.find(name).tag("cache", cache).tags(tags).functionCounter();
    assertThat(counter).as(name + " of " + cache).isNotNull();
    return counter.count();
  }

  @Test
  void memory_managerUriCacheBoundsExpiryAndMetersComeFromProperties() {
    runner
        .withPropertyValues(
            "twat.cache.store=memory",
            "twat.cache.max-entries=10",
            "twat.cache.caches.books.expire-after-write=10m",
            "twat.cache.caches.books.max-entries=5")
        .run(
            context -> {
              CacheManager manager = context.getBean(CacheManager.class);
              assertThat(manager.getURI()).hasToString("twat:memory?maxEntries=10");
              Cache<Object, Object> books = manager.getCache("books");
              assertThat(TwatCaches.of(books).backend()).contains("5 entries");
              @SuppressWarnings("unchecked") // only read
              CompleteConfiguration<Object, Object> configuration =
                  books.getConfiguration(CompleteConfiguration.class);
              ExpiryPolicy expiry = configuration.getExpiryPolicyFactory().create();
              assertThat(expiry).isInstanceOf(ModifiedExpiryPolicy.class);
              assertThat(expiry.getExpiryForCreation())
                  .isEqualTo(new Duration(TimeUnit.MILLISECONDS, 600_000));

              org.springframework.cache.CacheManager spring =
                  context.getBean(org.springframework.cache.CacheManager.class);
              assertThat(spring).isInstanceOf(JCacheCacheManager.class);
              spring.getCache("books").put("k", "v");
              assertThat(spring.getCache("books").get("k").get()).isEqualTo("v");
              assertThat(spring.getCache("books").get("other")).isNull();

              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(count(registry, "cache.puts", "books")).isEqualTo(1);
              assertThat(count(registry, "cache.gets", "books", "result", "hit")).isEqualTo(1);
              assertThat(count(registry, "cache.gets", "books", "result", "miss")).isEqualTo(1);
              assertThat(
                      registry.find("cache.puts").tag("cache", "books").functionCounter().getId()
                          .getTag("cache.manager"))
                  .isEqualTo("twat:memory?maxEntries=10");
              assertThat(registry.find("cache.puts").functionCounters()).hasSize(1);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class ManagerCustomizer {
    @Bean
    JCacheManagerCustomizer createsTheShelvesCache() {
      return manager -> manager.createCache("shelves", new MutableConfiguration<>());
    }
  }

  /** Boot's own cache names and JCache customizers apply to the starter's manager too. */
  @Test
  void springCacheNamesAndJCacheCustomizers_applyToTheManager() {
    runner
        .withUserConfiguration(ManagerCustomizer.class)
        .withPropertyValues(
            "twat.cache.store=memory",
            "spring.cache.cache-names=forecasts,books",
            "twat.cache.caches.books.max-entries=5")
        .run(
            context -> {
              CacheManager manager = context.getBean(CacheManager.class);
              assertThat(manager.getCacheNames()).contains("forecasts", "books", "shelves");
              assertThat(TwatCaches.of(manager.getCache("books")).backend())
                  .contains("5 entries");
              org.springframework.cache.CacheManager spring =
                  context.getBean(org.springframework.cache.CacheManager.class);
              spring.getCache("forecasts").put("k", "v");
              assertThat(spring.getCache("forecasts").get("k").get()).isEqualTo("v");
            });
  }

  @Test
  void db_inItsFolder_cachesThroughSpringAndIsHealthy() {
    Path dir = folder.resolve("db");
    runner
        .withPropertyValues(
            "twat.cache.store=db",
            "twat.cache.dir=" + dir,
            "twat.cache.durability=relaxed",
            "twat.cache.caches.books.max-entries=100")
        .run(
            context -> {
              CacheManager manager = context.getBean(CacheManager.class);
              assertThat(manager.getURI().toString())
                  .isEqualTo("twat:db?dir=" + dir + "&durability=relaxed");
              org.springframework.cache.CacheManager spring =
                  context.getBean(org.springframework.cache.CacheManager.class);
              spring.getCache("books").put("k", "v");
              assertThat(spring.getCache("books").get("k").get()).isEqualTo("v");
              try (var files = Files.list(dir)) {
                assertThat(files).isNotEmpty();
              }

              Health health = context.getBean(HealthIndicator.class).health(true);
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails()).containsKey("books");
            });
  }

  @Test
  void file_settingsReachTheUriAndAMissingFolderIsUnhealthy() {
    Path dir = folder.resolve("file");
    runner
        .withPropertyValues(
            "twat.cache.store=file",
            "twat.cache.dir=" + dir,
            "twat.cache.compress=deflate",
            "twat.cache.max-bytes=1MB",
            "twat.cache.allow=com.example.*,org.example.**",
            "twat.cache.caches.books.expire-after-access=30s")
        .run(
            context -> {
              CacheManager manager = context.getBean(CacheManager.class);
              assertThat(manager.getURI().toString())
                  .isEqualTo(
                      "twat:file?allow=com.example.*,org.example.**&compress=deflate&dir="
                          + dir
                          + "&maxBytes=1048576");
              Cache<Object, Object> books = manager.getCache("books");
              books.put("k", "v");
              assertThat(books.get("k")).isEqualTo("v");
              Path cacheFolder = TwatCaches.folder(books).orElseThrow();

              HealthIndicator health = context.getBean(HealthIndicator.class);
              assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
              org.springframework.util.FileSystemUtils.deleteRecursively(cacheFolder);
              Health down = health.health(true);
              assertThat(down.getStatus()).isEqualTo(Status.DOWN);
              assertThat(down.getDetails().get("books").toString()).contains("missing");
              Files.createDirectories(cacheFolder);
            });
  }

  @Test
  void universal_withItsTiers_hasMetersPerTier() {
    Path dir = folder.resolve("universal");
    runner
        .withPropertyValues(
            "twat.cache.store=universal",
            "twat.cache.dir=" + dir,
            "twat.cache.tiers=memory,db,file",
            "twat.cache.heap-entries=100",
            "twat.cache.threshold=4KB",
            "twat.cache.caches.books.expire-after-create=1h")
        .run(
            context -> {
              CacheManager manager = context.getBean(CacheManager.class);
              assertThat(manager.getURI().toString())
                  .isEqualTo(
                      "twat:universal?dir="
                          + dir
                          + "&heapEntries=100&threshold=4096&tiers=memory,db,file");
              org.springframework.cache.CacheManager spring =
                  context.getBean(org.springframework.cache.CacheManager.class);
              spring.getCache("books").put("k", "v");
              assertThat(spring.getCache("books").get("k").get()).isEqualTo("v");
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertThat(registry.find("cache.tier.size").tag("cache", "books").gauges())
                  .hasSizeGreaterThanOrEqualTo(2);
              assertThat(context.getBean(HealthIndicator.class).health(true).getStatus())
                  .isEqualTo(Status.UP);
            });
  }

  @Test
  void cacheCreatedLater_getsMetersAndStatistics_andLosesThemWhenDestroyed() {
    runner.run(
        context -> {
          CacheManager manager = context.getBean(CacheManager.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          Cache<String, String> later =
              manager.createCache("later", new MutableConfiguration<String, String>());
          later.put("k", "v");
          later.get("k");
          assertThat(count(registry, "cache.gets", "later", "result", "hit")).isEqualTo(1);

          manager.destroyCache("later");
          assertThat(registry.find("cache.gets").tag("cache", "later").functionCounters())
              .isEmpty();
          Cache<String, String> again =
              manager.createCache("later", new MutableConfiguration<String, String>());
          again.get("k");
          assertThat(count(registry, "cache.gets", "later", "result", "hit")).isEqualTo(0);
          assertThat(count(registry, "cache.gets", "later", "result", "miss")).isEqualTo(1);
        });
  }

  @Test
  void badSetting_failsStartupNamingTheKey() {
    springLog = LogCapture.of("org.springframework.context");
    runner
        .withPropertyValues("twat.cache.policy=bogus")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("policy")
                    .hasMessageContaining("bogus"));
    assertThat(springLog.warnings()).singleElement().asString().contains("policy=bogus");
  }

  @Test
  void twoExpiriesForOneCache_failStartupNamingBoth() {
    springLog = LogCapture.of("org.springframework.context");
    runner
        .withPropertyValues(
            "twat.cache.caches.books.expire-after-write=1m",
            "twat.cache.caches.books.expire-after-access=1m")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("expire-after-write")
                    .hasMessageContaining("expire-after-access"));
    assertThat(springLog.warnings()).singleElement().asString().contains("expire-after-write");
  }

  @Test
  void applicationsOwnManager_winsAndHealthSaysSo() {
    runner
        .withUserConfiguration(OwnManager.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(CacheManager.class);
              assertThat(context.getBean(CacheManager.class).getURI())
                  .hasToString("twat:memory?policy=lru");
              assertThat(context.getBean(HealthIndicator.class).health(true).getStatus())
                  .isEqualTo(Status.UNKNOWN);
            });
  }

  @Test
  void camelCaseNames_bindLikeKebabCase() {
    runner
        .withPropertyValues("twat.cache.maxEntries=7", "twat.cache.caches.books.maxEntries=3")
        .run(
            context -> {
              CacheManager manager = context.getBean(CacheManager.class);
              assertThat(manager.getURI()).hasToString("twat:memory?maxEntries=7");
              assertThat(TwatCaches.of(manager.getCache("books")).backend()).contains("3 entries");
            });
  }

  @Test
  void disabled_configuresNothing() {
    runner
        .withPropertyValues("twat.cache.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ObservedCacheManager.class));
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.it.DiskStore;
import io.twat.cache.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Boot with {@code spring.cache.jcache.config=classpath:twat-boot-<store>.properties} on
 * each disk store: the second run of the application, on the first run's folder, serves the
 * cached values (the application's {@link Shelf}, Spring's {@code NullValue} and
 * {@code SimpleKey}) without calling the method, and the file's per-cache expiry applies to the
 * cache Boot creates and to the one it finds on disk. Nothing is allowed by setting.
 */
class SpringBootRestartTest {
  private LogCapture log;

  @BeforeEach
  void captureLog() {
    log = LogCapture.of("io.twat.cache");
  }

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  @ParameterizedTest
  @EnumSource(DiskStore.class)
  void cachedValues_areServedAfterARestart(DiskStore store, @TempDir Path dir) {
    Path folder = dir.resolve("cache");
    try (ConfigurableApplicationContext context = start(store, folder)) {
      Shelves shelves = context.getBean(Shelves.class);
      assertEquals(new Shelf("hall", 4), shelves.shelf("hall"));
      assertEquals(new Shelf("hall", 4), shelves.shelf("hall"));
      assertNull(shelves.shelf("attic"));
      assertNull(shelves.shelf("attic"));
      assertEquals(new Shelf("hall/2", 2), shelves.shelf("hall", 2));
      assertEquals(new Shelf("hall/2", 2), shelves.shelf("hall", 2));
      assertEquals(List.of("shelf(hall)", "shelf(attic)", "shelf(hall, 2)"), shelves.calls());
      assertExpiresTenMinutesAfterWrite(context);
    }
    assertTrue(Files.isRegularFile(folder.resolve("trust.key")),
        "the manager's folder is the customizer's, and it signed the values: " + folder);

    try (ConfigurableApplicationContext context = start(store, folder)) {
      Shelves shelves = context.getBean(Shelves.class);
      assertEquals(new Shelf("hall", 4), shelves.shelf("hall"));
      assertNull(shelves.shelf("attic"));
      assertEquals(new Shelf("hall/2", 2), shelves.shelf("hall", 2));
      assertEquals(List.of(), shelves.calls(), "after the restart every value came from the cache");
      assertExpiresTenMinutesAfterWrite(context);
    }
    assertEquals(List.of(), log.warnings());
    // Boot left java.util.logging alone (the pom's argLine), so the capture heard the provider
    assertFalse(log.messages(Level.INFO).isEmpty(), "the provider's log was not captured");
  }

  private static void assertExpiresTenMinutesAfterWrite(ConfigurableApplicationContext context) {
    Cache<?, ?> books = context.getBean(CacheManager.class).getCache("books");
    @SuppressWarnings("unchecked")
    CompleteConfiguration<?, ?> configuration = books.getConfiguration(CompleteConfiguration.class);
    ExpiryPolicy expiry = configuration.getExpiryPolicyFactory().create();
    assertInstanceOf(ModifiedExpiryPolicy.class, expiry);
    assertEquals(new Duration(TimeUnit.MINUTES, 10), expiry.getExpiryForCreation());
  }

  private static ConfigurableApplicationContext start(DiskStore store, Path folder) {
    return new SpringApplicationBuilder(ShelvesApp.class)
        .properties(
            "spring.cache.type=jcache",
            "spring.cache.jcache.config=classpath:twat-boot-" + store.kind() + ".properties",
            "spring.cache.cache-names=books",
            "shelves.cache-dir=" + folder)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .run();
  }
}

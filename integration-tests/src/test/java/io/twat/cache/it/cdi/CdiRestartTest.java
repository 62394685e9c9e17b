/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.cdi.CacheAnnotationsExtension;
import io.twat.cache.it.DiskStore;
import io.twat.cache.testing.LogCapture;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.cache.Caching;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JSR-107 annotations on a CDI bean, on each disk store as the default cache manager
 * ({@code twat.cache.defaultUri}, as an application would set it): after the container and the
 * manager are closed, as at the end of a JVM, a new container on the same folder answers from the
 * cache without calling the backend. The module's cache keys and the application's {@link Quote}
 * are signed by the store and read back with no allow setting.
 */
class CdiRestartTest {
  private static final String DEFAULT_URI = "twat.cache.defaultUri";

  private LogCapture log;
  private String previousDefaultUri;

  @BeforeEach
  void captureLogAndRememberTheDefaultUri() {
    log = LogCapture.of("io.twat.cache");
    previousDefaultUri = System.getProperty(DEFAULT_URI);
  }

  @AfterEach
  void restoreTheDefaultUri() {
    log.close();
    if (previousDefaultUri == null) {
      System.clearProperty(DEFAULT_URI);
    } else {
      System.setProperty(DEFAULT_URI, previousDefaultUri);
    }
  }

  @ParameterizedTest
  @EnumSource(DiskStore.class)
  void cachedResults_areServedAfterARestart(DiskStore store, @TempDir Path dir) {
    Path folder = dir.resolve("cache");
    System.setProperty(DEFAULT_URI, store.uri(folder).toString());
    try (SeContainer container = start()) {
      Quotes quotes = container.select(Quotes.class).get();
      assertEquals(new Quote("ACME", 4200), quotes.quote("ACME"));
      assertEquals(new Quote("ACME", 4200), quotes.quote("ACME"));
      assertEquals(new Quote("ACME@XETRA", 4300), quotes.quote("ACME", "XETRA"));
      assertEquals(new Quote("ACME@XETRA", 4300), quotes.quote("ACME", "XETRA"));
      quotes.correct("INIT", new Quote("INIT", 100));
      assertEquals(new Quote("INIT", 100), quotes.quote("INIT"));
      assertEquals(new Quote("GONE", 4200), quotes.quote("GONE"));
      quotes.forget("GONE");
      assertEquals(List.of("quote(ACME)", "quote(ACME, XETRA)", "correct(INIT)", "quote(GONE)",
          "forget(GONE)"), quotes.calls());
    } finally {
      // the end of the JVM: nothing of the manager outlives it but its folder
      Caching.getCachingProvider().getCacheManager().close();
    }
    assertTrue(Files.isRegularFile(folder.resolve("trust.key")), "the quotes were signed");

    try (SeContainer container = start()) {
      Quotes quotes = container.select(Quotes.class).get();
      assertEquals(new Quote("ACME", 4200), quotes.quote("ACME"));
      assertEquals(new Quote("ACME@XETRA", 4300), quotes.quote("ACME", "XETRA"));
      assertEquals(new Quote("INIT", 100), quotes.quote("INIT"));
      assertEquals(List.of(), quotes.calls(), "after the restart every quote came from the cache");
      // what was removed before the restart stays removed
      assertEquals(new Quote("GONE", 4200), quotes.quote("GONE"));
      assertEquals(List.of("quote(GONE)"), quotes.calls());
    } finally {
      Caching.getCachingProvider().getCacheManager().close();
    }
    assertEquals(List.of(), log.warnings());
  }

  private static SeContainer start() {
    return SeContainerInitializer.newInstance()
        .disableDiscovery()
        .addExtensions(new CacheAnnotationsExtension())
        .addBeanClasses(Quotes.class)
        .addProperty("org.jboss.weld.se.shutdownHook", false)
        .initialize();
  }
}

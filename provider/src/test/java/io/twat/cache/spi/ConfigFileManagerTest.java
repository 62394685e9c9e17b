/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatCache;
import io.twat.cache.TwatCaches;
import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.config.FakeEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managers named by the URI of a configuration file, through the JCache API: the file's store,
 * its settings and its per-cache settings reach the caches frameworks create.
 */
class ConfigFileManagerTest {
  private static final URI MEMORY = URI.create("classpath:twat-cache-config/memory.properties");
  private static final URI FILE_STORE =
      URI.create("classpath:twat-cache-config/file-store.properties");

  private final FakeEnvironment environment = new FakeEnvironment();
  private final TwatCachingProvider provider = new TwatCachingProvider(environment);

  @TempDir
  Path folder;

  @AfterEach
  void closeManagers() {
    provider.close();
  }

  private static ExpiryPolicy expiryOf(Cache<Object, Object> cache) {
    @SuppressWarnings("unchecked") // the class literal is of the raw type
    CompleteConfiguration<Object, Object> configuration =
        cache.getConfiguration(CompleteConfiguration.class);
    return configuration.getExpiryPolicyFactory().create();
  }

  @Test
  void classpathFile_namesTheManager_andItsCachesGetTheFilesBoundAndExpiry() {
    CacheManager manager = provider.getCacheManager(MEMORY, null);

    Cache<Object, Object> books = manager.createCache("books", new MutableConfiguration<>());

    assertEquals(MEMORY, manager.getURI());
    assertSame(manager, provider.getCacheManager(MEMORY, null));
    ExpiryPolicy expiry = expiryOf(books);
    assertEquals(new Duration(TimeUnit.MINUTES, 10), expiry.getExpiryForCreation());
    String backend = TwatCaches.of(books).backend();
    assertTrue(backend.contains("3 entries"), backend);
    String other = TwatCaches.of(manager.createCache("other", new MutableConfiguration<>()))
        .backend();
    assertTrue(other.contains("500 entries"), other);
  }

  @Test
  void theFilesExpiry_expiresEntriesOnTheCachesClock() {
    AtomicLong now = new AtomicLong(1_000_000);
    CacheManager manager = provider.getCacheManager(MEMORY, null);
    TwatConfiguration<String, String> configuration = new TwatConfiguration<String, String>()
        .setTicker(now::get);
    configuration.setTypes(String.class, String.class);
    Cache<String, String> books = manager.createCache("books", configuration);

    books.put("k", "v");
    now.addAndGet(TimeUnit.MINUTES.toMillis(10) - 1);
    assertEquals("v", books.get("k"));
    now.addAndGet(1);

    assertNull(books.get("k"));
  }

  @Test
  void aTwatConfigurationsOwnSettings_winOverTheFile() {
    CacheManager manager = provider.getCacheManager(MEMORY, null);
    TwatConfiguration<Object, Object> configuration =
        new TwatConfiguration<Object, Object>().setMaxEntries(50);

    Cache<Object, Object> books = manager.createCache("books", configuration);

    String backend = TwatCaches.of(books).backend();
    assertTrue(backend.contains("50 entries"), backend);
  }

  @Test
  void storeFile_makesFileBackedCaches_inTheFolderOfTheProperties() {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.dir", folder.toString());
    CacheManager manager = provider.getCacheManager(FILE_STORE, null, properties);

    Cache<Object, Object> books = manager.createCache("books", new MutableConfiguration<>());
    books.put("k", "v");

    TwatCache<Object, Object> twat = TwatCaches.of(books);
    assertTrue(twat.backend().startsWith("file("), twat.backend());
    assertTrue(twat.backend().contains("2 entries"), twat.backend());
    assertTrue(twat.folder().orElseThrow().startsWith(folder), twat.folder()::toString);
    assertEquals(FILE_STORE, manager.getURI());
  }

  @Test
  void fileUri_inAFolder_configuresTheManager() throws IOException {
    Path file = folder.resolve("cache.properties");
    Files.write(file, List.of("twat.cache.store=file", "twat.cache.dir=" + folder.resolve("data"),
        "twat.cache.caches.sessions.expireAfterAccess=PT30M"));
    CacheManager manager = provider.getCacheManager(file.toUri(), null);

    Cache<Object, Object> sessions = manager.createCache("sessions", new MutableConfiguration<>());

    assertTrue(TwatCaches.of(sessions).folder().orElseThrow().startsWith(folder.resolve("data")));
    assertEquals(new Duration(TimeUnit.MINUTES, 30), expiryOf(sessions).getExpiryForAccess());
    assertEquals(file.toUri(), manager.getURI());
  }

  @Test
  void aMissingFile_failsLikeABadUri_andLeavesNoManagerBehind() throws IOException {
    Path file = folder.resolve("later.properties");

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> provider.getCacheManager(file.toUri(), null));

    assertTrue(thrown.getMessage().contains(file.toUri().toString()), thrown::getMessage);
    Files.writeString(file, "twat.cache.maxEntries=5\n");
    CacheManager manager = provider.getCacheManager(file.toUri(), null);
    assertTrue(TwatCaches.of(manager.createCache("c", new MutableConfiguration<>())).backend()
        .contains("5 entries"));
  }
}

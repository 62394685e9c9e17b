/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.assembly.FileStoreFactory;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.internal.store.db.DbStore;
import io.twat.cache.internal.store.file.FileStore;
import io.twat.cache.testing.EmbeddedDatabases;
import io.twat.cache.testing.LogCapture;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One behaviour on every disk store (twat:file, twat:db, both chains of twat:universal) for data
 * the cache refuses to read back (a class neither the allow-list nor the cache's signature
 * admits): the read is a miss, never an exception; each such entry is logged once at WARNING
 * with the class and the fix; the entry stays, so that allowing the class makes it readable.
 */
class RefusedEntriesTest {
  private static final String CACHE = "planted";
  private static final String REFUSED = "refuses to read";

  @TempDir
  Path folder;

  private LogCapture log;

  @BeforeEach
  void listen() {
    log = LogCapture.of("io.twat.cache");
  }

  @AfterEach
  void closeDatabasesAndStopListening() {
    try {
      for (String kind : List.of("db", "universal?tiers=memory,db,file")) {
        EmbeddedDatabases.shutDown(managerFolder(kind));
      }
    } finally {
      log.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "db", "universal", "universal?tiers=memory,db,file"})
  void refusedValuesAndKeys_areMisses_loggedOnceEach_andStayForAllow(String kind)
      throws Exception {
    URI uri = uri(kind, "");
    inNewProvider(uri, manager -> manager.createCache(CACHE, new MutableConfiguration<>())
        .put("legit", "fine"));
    Serializer unsigned = Serializer.allowing(Planted.class.getName());
    plant(kind, unsigned, "value", new Planted("a value"));
    plant(kind, unsigned, new Planted("a key"), "of a planted key");

    inNewProvider(uri, manager -> {
      Cache<Object, Object> cache = manager.getCache(CACHE);
      assertNull(cache.get("value"));
      assertNull(cache.get("value"), "still a miss, not an exception");
      assertFalse(cache.containsKey("value"));
      assertEquals(Map.of("legit", "fine"), contents(cache));
      assertEquals(Map.of("legit", "fine"), contents(cache));
    });

    List<String> refusals = log.warnings().stream().filter(line -> line.contains(REFUSED))
        .toList();
    assertEquals(2, refusals.size(), () -> "one WARNING per refused entry: " + refusals);
    for (String line : refusals) {
      assertTrue(line.contains(Planted.class.getName()), line);
      assertTrue(line.contains("allow setting"), line);
    }
    inNewProvider(uri(kind, "allow=" + Planted.class.getName()), manager -> {
      Cache<Object, Object> cache = manager.getCache(CACHE);
      assertEquals(new Planted("a value"), cache.get("value"), "the entry stayed");
      assertEquals("of a planted key", contents(cache).get(new Planted("a key")));
    });
  }

  private URI uri(String kind, String setting) {
    String separator = kind.contains("?") ? "&" : "?";
    return URI.create("twat:" + kind + separator + "dir=" + managerFolder(kind)
        + (setting.isEmpty() ? "" : "&" + setting));
  }

  private Path managerFolder(String kind) {
    return folder.resolve(kind.replaceAll("[^a-z]", "-"));
  }

  /** Writes an entry into the cache's data on disk with {@code serializer}, not through it. */
  private void plant(String kind, Serializer serializer, Object key, Object value)
      throws StoreException {
    Path managerFolder = managerFolder(kind);
    Path cacheFolder = managerFolder.resolve(FileStoreFactory.folderName(CACHE));
    boolean db = kind.equals("db") || kind.contains("db,");
    try (Store<Object> store = db
        ? DbStore.openEmbedded(managerFolder, serializer, TestSpecs.spec(CACHE),
            DbStore.Options.defaults())
        : FileStore.open(cacheFolder, serializer, TestSpecs.spec(CACHE),
            FileStore.Options.defaults())) {
      store.compute(key, (k, current) -> new StoreEntry(value, StoreEntry.NEVER));
    }
  }

  private static Map<Object, Object> contents(Cache<Object, Object> cache) {
    Map<Object, Object> contents = new HashMap<>();
    cache.forEach(entry -> contents.put(entry.getKey(), entry.getValue()));
    return contents;
  }

  private static void inNewProvider(URI uri, Consumer<CacheManager> work) {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      work.accept(provider.getCacheManager(uri, RefusedEntriesTest.class.getClassLoader()));
    } finally {
      provider.close();
    }
  }

  /** A class nobody stored through the cache: written unsigned and not on the allow-list. */
  record Planted(String text) implements Serializable {
  }
}

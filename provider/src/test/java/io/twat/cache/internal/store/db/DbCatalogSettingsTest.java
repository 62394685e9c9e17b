/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.EmbeddedDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings the cache manager records for a cache in {@code twat_cache_setting}: replaced
 * whole, listed with the cache, deleted with it, and left out where a store cannot keep them.
 */
final class DbCatalogSettingsTest {
  private static final Map<String, String> FIRST = Map.of("version", "1", "expiry", "created",
      "expiry.duration", "5 MINUTES", "statistics", "true");
  private static final Map<String, String> SECOND = Map.of("version", "1", "expiry", "eternal");

  @TempDir
  Path temp;

  private Database database;
  private DbCatalog catalog;

  @BeforeEach
  void acquire() throws StoreException {
    database = Database.acquire(DbStore.embeddedUrl(temp), Credentials.EMBEDDED_DEFAULT,
        /* connectTimeoutMillis= */ 30_000);
    catalog = new DbCatalog(database);
  }

  @AfterEach
  void release() {
    database.release();
    EmbeddedDatabases.shutDown(temp);
  }

  private PersistedCache listed(String name) throws StoreException {
    return catalog.list().stream().filter(cache -> cache.cacheName().equals(name)).findFirst()
        .orElseThrow();
  }

  private long settingRows() throws SQLException {
    try (Connection connection = EmbeddedDb.connect(temp);
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM twat_cache_setting")) {
      count.next();
      return count.getLong(1);
    }
  }

  @Test
  void recordSettings_replacesTheCachesSettingsWhole_andListShowsThem() throws Exception {
    catalog.register(TestSpecs.spec("counts"));
    catalog.register(TestSpecs.spec("other"));
    assertEquals(Map.of(), listed("counts").settings(), "a new cache has none");

    assertTrue(catalog.recordSettings("counts", FIRST));
    assertEquals(FIRST, listed("counts").settings());
    assertTrue(catalog.recordSettings("counts", SECOND));
    assertEquals(SECOND, listed("counts").settings(), "replaced, not merged");
    assertEquals(Map.of(), listed("other").settings());
  }

  @Test
  void recordSettings_ofACacheNotRecorded_writesNothing() throws Exception {
    assertFalse(catalog.recordSettings("never-made", FIRST));
    assertEquals(0, settingRows());
  }

  @Test
  void destroy_deletesTheSettingsToo() throws Exception {
    catalog.register(TestSpecs.spec("doomed"));
    catalog.recordSettings("doomed", FIRST);

    assertTrue(catalog.destroy("doomed"));

    assertEquals(0, settingRows());
    catalog.register(TestSpecs.spec("doomed"));
    assertEquals(Map.of(), listed("doomed").settings(), "a cache made anew starts without");
  }

  @Test
  void list_leavesOutSettingsAStoreCannotKeep() throws Exception {
    int id = catalog.register(TestSpecs.spec("planted"));
    catalog.recordSettings("planted", SECOND);
    try (Connection connection = EmbeddedDb.connect(temp);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO twat_cache_setting VALUES (" + id + ", 'bad name', 'x')");
    }

    assertEquals(SECOND, listed("planted").settings());
  }

  @Test
  void recordSettings_fromManyThreadsAtOnce_leavesOneWholeSetOfSettings() throws Exception {
    catalog.register(TestSpecs.spec("raced"));
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Map<String, String> settings = i % 2 == 0 ? FIRST : SECOND;
        results.add(pool.submit(() -> {
          start.await();
          boolean recorded = true;
          for (int round = 0; round < 20; round++) {
            recorded &= new DbCatalog(database).recordSettings("raced", settings);
          }
          return recorded;
        }));
      }
      start.countDown();
      for (Future<Boolean> result : results) {
        assertTrue(result.get(), "every recording found the cache and succeeded");
      }

      Map<String, String> last = listed("raced").settings();
      assertTrue(last.equals(FIRST) || last.equals(SECOND), last::toString);
    } finally {
      pool.shutdownNow();
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.store.TestSpecs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The records of the caches in {@code twat_cache}: registering, retyping, listing, destroying. */
final class DbCatalogTest {
  @TempDir
  Path temp;

  @RegisterExtension
  final AcquiredDatabase db = new AcquiredDatabase(() -> temp);
  private DbCatalog catalog;

  @BeforeEach
  void prepare() {
    catalog = new DbCatalog(db.get());
  }

  private static StoreSpec spec(String name, Class<?> valueType) {
    return spec(name, String.class, valueType);
  }

  private static StoreSpec spec(String name, Class<?> keyType, Class<?> valueType) {
    return TestSpecs.spec(name).withTypes(keyType, valueType);
  }

  private long rowsOf(int cacheId) throws SQLException {
    try (Connection connection = EmbeddedDb.connect(temp);
        PreparedStatement count = connection.prepareStatement(
            "SELECT COUNT(*) FROM twat_row WHERE cache_id = ?")) {
      count.setInt(1, cacheId);
      try (ResultSet result = count.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  @Test
  void register_givesEachNameOneId_andListsItWithItsTypes() throws Exception {
    int first = catalog.register(spec("first", Integer.class));
    int second = catalog.register(spec("second", Long.class));

    assertEquals(first, catalog.register(spec("first", Integer.class)),
        "found again, not recorded twice");
    assertNotEquals(first, second);
    assertEquals(Set.of(new PersistedCache("first", "java.lang.String", "java.lang.Integer"),
        new PersistedCache("second", "java.lang.String", "java.lang.Long")),
        new HashSet<>(catalog.list()));
  }

  @Test
  void register_withOtherTypes_recordsThemAnewWhileTheCacheHasNoRows_andRefusesOnceItHasSome()
      throws Exception {
    int id = catalog.register(spec("typed", Integer.class));
    int retyped = catalog.register(spec("typed", Long.class));
    assertNotEquals(id, retyped, "an empty cache takes new types under a new id, as if created");
    assertEquals(retyped, catalog.register(spec("typed", Long.class)), "then keeps it");
    assertEquals(List.of(new PersistedCache("typed", "java.lang.String", "java.lang.Long")),
        catalog.list());
    try (DbStore<String> store = DbStore.openEmbedded(temp, Serializer.allowing(),
        spec("typed", Long.class), DbStore.Options.defaults())) {
      store.compute("k", (k, current) -> new StoreEntry(1L, StoreEntry.NEVER));
    }

    StoreException thrown = assertThrows(StoreException.class,
        () -> catalog.register(spec("typed", Integer.class)));

    String message = thrown.getMessage();
    assertTrue(message.contains("\"typed\"") && message.contains("java.lang.Long")
        && message.contains("java.lang.Integer") && message.contains("destroyCache"), message);
  }

  @Test
  void destroy_deletesTheRecordAndTheRowsOfThatCacheOnly() throws Exception {
    int gone;
    int kept;
    try (DbStore<String> doomed = EmbeddedDb.open(temp, "doomed");
        DbStore<String> other = EmbeddedDb.open(temp, "other")) {
      doomed.compute("k", (k, current) -> new StoreEntry("v", StoreEntry.NEVER));
      other.compute("k", (k, current) -> new StoreEntry("w", StoreEntry.NEVER));
      // the stores recorded the caches untyped: registering them so again finds their ids
      gone = catalog.register(spec("doomed", Object.class, Object.class));
      kept = catalog.register(spec("other", Object.class, Object.class));
    }

    assertTrue(catalog.destroy("doomed"));
    assertFalse(catalog.destroy("doomed"), "no longer recorded");
    assertFalse(catalog.destroy("never-made"));

    assertEquals(0, rowsOf(gone));
    assertEquals(1, rowsOf(kept));
    assertEquals(List.of("other"), catalog.list().stream().map(PersistedCache::cacheName).toList());
  }

  @Test
  void register_ofOneNewNameFromManyThreadsAtOnce_agreesOnOneRecord() throws Exception {
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> ids = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        ids.add(pool.submit(() -> {
          start.await();
          return new DbCatalog(db.get()).register(spec("raced", Object.class));
        }));
      }
      start.countDown();
      Set<Integer> distinct = new HashSet<>();
      for (Future<Integer> id : ids) {
        distinct.add(id.get());
      }

      assertEquals(1, distinct.size(), "one id for every caller: " + distinct);
      assertEquals(1, catalog.list().size());
    } finally {
      pool.shutdownNow();
    }
  }
}

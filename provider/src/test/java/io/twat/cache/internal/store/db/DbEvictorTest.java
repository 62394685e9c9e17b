/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.TestSpecs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the database store's evictor lists and deletes the least recently used rows. */
final class DbEvictorTest {
  @TempDir
  Path temp;

  private static void put(DbStore<String> store, String key, Object value)
      throws StoreException {
    store.compute(key, (k, current) -> new StoreEntry(value, StoreEntry.NEVER));
  }

  /** How often H2 ran the evictor's listing since statistics were turned on. */
  private static long listings(Connection sql) throws SQLException {
    try (Statement statement = sql.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS "
                + "WHERE SQL_STATEMENT = '" + DbSql.LEAST_RECENT + "'")) {
      result.next();
      return result.getLong(1);
    }
  }

  /** The key hashes of the file's rows, least recently used first (ties by hash). */
  private static List<Long> rowsByUse(Connection sql) throws SQLException {
    List<Long> hashes = new ArrayList<>();
    try (Statement statement = sql.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT key_hash FROM twat_row ORDER BY accessed_at, key_hash")) {
      while (result.next()) {
        hashes.add(result.getLong(1));
      }
    }
    return hashes;
  }

  @Test
  void anEvictionOfManyBatches_listsTheRowsOnce_andDeletesTheLeastRecentlyUsed()
      throws Exception {
    int bound = 3_000;
    AtomicLong evicted = new AtomicLong();
    DbStore<String> store = DbStore.openEmbedded(temp, Serializer.allowing(),
        TestSpecs.spec("bounded").withMaxEntries(bound).withListener(evicted::addAndGet),
        DbStore.Options.defaults().withDurability(Durability.RELAXED));
    try (Connection sql = EmbeddedDb.connect(temp)) {
      for (int i = 0; i < bound; i++) {
        put(store, "k" + i, i);
      }
      List<Long> before = rowsByUse(sql);
      try (Statement statement = sql.createStatement()) {
        statement.execute("SET QUERY_STATISTICS TRUE");
      }

      put(store, "k" + bound, bound);

      // a tenth of the bound goes: 301 rows, more than one batch of DbSql.BATCH (256)
      int gone = bound + 1 - (bound - bound / 10);
      assertEquals(gone, evicted.get());
      assertEquals(bound - bound / 10, store.size());
      assertEquals(1, listings(sql), "one listing for the whole eviction");
      Set<Long> left = new HashSet<>(rowsByUse(sql));
      Set<Long> expected = new HashSet<>(before.subList(gone, bound));
      assertEquals(bound - gone, expected.size());
      assertTrue(left.containsAll(expected), "every row but the least recently used is kept");
      assertEquals(expected.size() + 1, left.size(), "and the new row");
      assertNotNull(store.get("k" + bound));
    } finally {
      store.close();
    }
  }

  @Test
  void anEviction_tellsTheListenerWhichKeysWent() throws Exception {
    int bound = 100;
    List<Predicate<Object>> told = new ArrayList<>();
    StoreListener listener = new StoreListener() {
      @Override
      public void onEvicted(int count) {
        throw new AssertionError("the evictor names the keys");
      }

      @Override
      public void onEvicted(int count, Predicate<Object> evicted) {
        told.add(evicted);
      }
    };
    DbStore<String> store = DbStore.openEmbedded(temp, Serializer.allowing(),
        TestSpecs.spec("bounded").withMaxEntries(bound).withListener(listener),
        DbStore.Options.defaults().withDurability(Durability.RELAXED));
    try {
      for (int i = 0; i <= bound; i++) {
        put(store, "k" + i, i);
      }

      assertEquals(1, told.size(), "one eviction");
      int gone = 0;
      for (int i = 0; i <= bound; i++) {
        boolean evicted = told.get(0).test("k" + i);
        assertEquals(store.get("k" + i) == null, evicted, "k" + i);
        gone += evicted ? 1 : 0;
      }
      assertEquals(bound + 1 - (bound - bound / 10), gone);
      assertFalse(told.get(0).test("never stored"));
    } finally {
      store.close();
    }
  }

  @Test
  void listingSize_coversTheRowsOrTheBytesToFree_withinOneBatchAndTheMost() {
    assertEquals(DbSql.BATCH, DbEvictor.listingSize(1, 0, 100, 10_000));
    assertEquals(10_000, DbEvictor.listingSize(10_000, 0, 100_000, 0));
    // 50,000 bytes at an average of 100 bytes a row: 501 rows
    assertEquals(501, DbEvictor.listingSize(10, 50_000, 1_000, 100_000));
    assertEquals(DbEvictor.MAX_LISTED, DbEvictor.listingSize(1_000_000, 0, 10_000_000, 0));
    assertEquals(DbSql.BATCH, DbEvictor.listingSize(0, 10, 0, 0), "no rows counted: one batch");
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table layout the database store relies on for one-descent reads, the indexes it keeps on
 * H2 (only those H2 plans with), and its upgrade from earlier layouts.
 */
final class DbLayoutTest {
  private static final int ROWS = 300;

  @TempDir
  Path temp;

  @AfterEach
  void closeAll() {
    Database.closeUnusedNow();
  }

  private DbStore<String> open(String cacheName) throws StoreException {
    return EmbeddedDb.open(temp, cacheName);
  }

  private Connection sql() throws Exception {
    return EmbeddedDb.connect(temp);
  }

  @Test
  void aRowRead_usesThePrimaryKey_notASecondaryIndex() throws Exception {
    try (DbStore<String> store = open("plan")) {
      store.compute("k", (k, old) -> new StoreEntry("v", StoreEntry.NEVER));
      try (Connection connection = sql(); Statement statement = connection.createStatement();
          ResultSet plan = statement.executeQuery(
              "EXPLAIN SELECT value_bytes FROM twat_row WHERE cache_id = 1 AND key_hash = 42")) {
        assertTrue(plan.next());
        String text = plan.getString(1);
        // H2 writes the index it chose as a comment; a lookup by the row key alone reads
        // "PRIMARY_KEY_n: KEY_HASH = ...", a composite key would read "...: CACHE_ID = 1 AND ..."
        assertTrue(text.matches("(?s).*/\\* PUBLIC\\.PRIMARY_KEY_\\w+: KEY_HASH = .*"),
            "the read must descend the single-column primary key: " + text);
      }
    }
  }

  @Test
  void theSameKeyInTwoCaches_isTwoRows() throws Exception {
    try (DbStore<String> first = open("first"); DbStore<String> second = open("second")) {
      first.compute("k", (k, old) -> new StoreEntry("one", StoreEntry.NEVER));
      second.compute("k", (k, old) -> new StoreEntry("two", StoreEntry.NEVER));

      assertEquals("one", first.get("k").value());
      assertEquals("two", second.get("k").value());
      first.compute("k", (k, old) -> null);
      assertEquals(
          "two", second.get("k").value(), "removing the key from one cache leaves the other's");
    }
  }

  @Test
  void theEntryTableOfTheFirstLayout_isDroppedOnOpen() throws Exception {
    try (Connection connection = sql();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE twat_entry (cache_id INTEGER NOT NULL, key_hash BIGINT NOT NULL, "
              + "PRIMARY KEY (cache_id, key_hash))");
      statement.execute("INSERT INTO twat_entry VALUES (1, 1)");
    }
    try (DbStore<String> store = open("upgraded"); Connection connection = sql();
        ResultSet tables = connection.getMetaData().getTables(null, null, "TWAT_ENTRY", null)) {
      assertFalse(
          tables.next(), "the first layout's table holds unreadable cache data and is dropped");
      store.compute("k", (k, old) -> new StoreEntry("v", StoreEntry.NEVER));
      assertEquals("v", store.get("k").value());
    }
  }

  @Test
  void onH2_theRowTableHasNoIndexItsPlansDoNotUse() throws Exception {
    try (DbStore<String> store = open("indexes")) {
      store.compute("k", (k, old) -> new StoreEntry("v", StoreEntry.NEVER));
      try (Connection connection = sql()) {
        assertEquals(List.of("PRIMARY KEY", "TWAT_ROW_CACHE_FK_INDEX", "TWAT_ROW_EXPIRY"),
            rowIndexes(connection));
      }
    }
  }

  @Test
  void aPageOfTheIterator_readsThePrimaryKeyInOrder_stoppingAfterThePage() throws Exception {
    try (DbStore<String> store = open("pages")) {
      store.compute("k", (k, old) -> new StoreEntry("v", StoreEntry.NEVER));
      try (Connection connection = sql();
          PreparedStatement explain = connection.prepareStatement(
              "EXPLAIN " + Dialect.H2.pageRows())) {
        explain.setInt(1, 1);
        explain.setLong(2, Long.MIN_VALUE);
        try (ResultSet plan = explain.executeQuery()) {
          assertTrue(plan.next());
          String text = plan.getString(1);
          // H2 notes "index sorted" where it reads the rows in the order asked for, and so stops
          // after the page; otherwise it reads every row of the cache past the hash and sorts
          assertTrue(text.matches("(?s).*/\\* PUBLIC\\.PRIMARY_KEY_\\w+: KEY_HASH >= .*")
              && text.contains("index sorted"), "a page must read the primary key: " + text);
        }
      }
    }
  }

  @Test
  void aFileOfAnEarlierVersion_losesTheIndexesH2DoesNotUse_keepingEveryRow() throws Exception {
    try (DbStore<String> store = open("earlier")) {
      for (int n = 0; n < ROWS; n++) {
        String key = "k" + n;
        store.compute(key, (k, old) -> new StoreEntry("v" + key, StoreEntry.NEVER));
      }
    }
    Database.closeUnusedNow();
    try (Connection connection = sql(); Statement statement = connection.createStatement()) {
      // the indexes of the earlier versions
      statement.execute("CREATE INDEX twat_row_cache ON twat_row (cache_id, key_hash)");
      statement.execute("CREATE INDEX twat_row_lru ON twat_row (cache_id, accessed_at)");
      assertEquals(5, rowIndexes(connection).size());
    }
    // several processes opening the file at once each run the schema: it drops each index once,
    // and the others find it gone. H2 2.4.240 may fail a DROP INDEX IF EXISTS that races another
    // ("General error: not found: TWAT_ROW_CACHE"), so each opener tries again as the store's
    // own preparation does (Database#prepare: up to 3 attempts)
    int openers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(openers);
    try (Connection holder = sql()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < openers; t++) {
        done.add(pool.submit(() -> {
          try (Connection connection = sql(); Statement statement = connection.createStatement()) {
            start.await();
            for (int attempt = 1; ; attempt++) {
              try {
                for (String sql : Dialect.H2.schema()) {
                  statement.execute(sql);
                }
                return null;
              } catch (SQLException e) {
                if (attempt == 3) {
                  throw e;
                }
              }
            }
          }
        }));
      }
      start.countDown();
      for (Future<Void> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
      assertEquals(List.of("PRIMARY KEY", "TWAT_ROW_CACHE_FK_INDEX", "TWAT_ROW_EXPIRY"),
          rowIndexes(holder));
    } finally {
      pool.shutdownNow();
    }
    try (DbStore<String> store = open("earlier")) {
      TreeSet<String> seen = new TreeSet<>();
      for (Iterator<Map.Entry<String, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
        Map.Entry<String, StoreEntry> entry = it.next();
        assertEquals("v" + entry.getKey(), entry.getValue().value());
        seen.add(entry.getKey());
      }
      assertEquals(ROWS, seen.size(), "the iterator reads every row once");
      assertEquals("vk7", store.get("k7").value());
    }
  }

  /**
   * Returns the indexes of twat_row: "PRIMARY KEY", then the others by name, sorted, the foreign
   * key's without the number H2 appends.
   */
  private static List<String> rowIndexes(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    boolean primary = false;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT INDEX_NAME, INDEX_TYPE_NAME"
            + " FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'TWAT_ROW' ORDER BY 1")) {
      while (rows.next()) {
        if ("PRIMARY KEY".equals(rows.getString(2))) {
          primary = true;
        } else {
          names.add(rows.getString(1).replaceFirst("_\\d+$", ""));
        }
      }
    }
    if (primary) {
      names.add(0, "PRIMARY KEY");
    }
    return names;
  }
}

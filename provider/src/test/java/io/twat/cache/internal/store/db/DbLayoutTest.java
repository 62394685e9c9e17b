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
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table layout the database store relies on for one-descent reads, and its upgrade from the
 * first layout.
 */
final class DbLayoutTest {
  @TempDir
  Path temp;

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
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.testing.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache's record in {@code twat_cache} carries a check of its name, types and format version.
 * A record whose check does not match (a flipped bit turned {@code java.lang.Object} into {@code
 * java.lAng.Object} in {@link DbDamagedFileTest}, and the open refused the cache as holding other
 * types) is damage: the cache is recorded anew and starts empty, with one ERROR line and a count,
 * and the other caches keep their entries. A record of an earlier version (no check) of other
 * types is still refused, as a cache stored with other types is.
 */
final class DbCatalogRecordTest {
  @TempDir
  Path temp;

  private LogCapture log;
  private Path folder;

  @BeforeEach
  void writeTwoCaches() throws Exception {
    log = LogCapture.of(DbStore.class.getName());
    folder = temp.resolve("db");
    for (String cache : List.of("c", "other")) {
      try (DbStore<Object> store = EmbeddedDb.open(folder, cache)) {
        store.compute("k", (key, old) -> new StoreEntry("v-" + cache, StoreEntry.NEVER));
      }
    }
    Database.closeUnusedNow();
  }

  @AfterEach
  void closeAll() {
    Database.closeUnusedNow();
    log.close();
  }

  @Test
  void recordsCarryTheirCheck() throws Exception {
    try (Connection connection = EmbeddedDb.connect(folder);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT name, key_type, value_type,"
            + " format_version, record_check FROM twat_cache WHERE name = 'c'")) {
      assertTrue(row.next());
      assertEquals(DbCatalog.recordCheck("c", row.getString(2), row.getString(3), row.getInt(4)),
          row.getInt(5));
    }
  }

  @Test
  void aDamagedRecord_isRecordedAnew_theCacheStartsEmpty_andOtherCachesKeepTheirEntries()
      throws Exception {
    update("UPDATE twat_cache SET key_type = 'java.lAng.Object' WHERE name = 'c'");
    long before = DbCatalog.damagedRecords();

    try (DbStore<Object> store = EmbeddedDb.open(folder, "c")) {
      assertNull(store.get("k"), "the cache starts empty");
      store.compute("k", (key, old) -> new StoreEntry("again", StoreEntry.NEVER));
      assertEquals("again", store.get("k").value());
    }
    try (DbStore<Object> other = EmbeddedDb.open(folder, "other")) {
      assertEquals("v-other", other.get("k").value());
    }

    assertEquals(before + 1, DbCatalog.damagedRecords());
    List<String> errors = log.messages(Level.SEVERE);
    assertEquals(1, errors.size(), errors::toString);
    assertTrue(errors.get(0).contains("record of cache \"c\"")
        && errors.get(0).contains("java.lAng.Object") && errors.get(0).contains("starts empty"),
        errors.get(0));
  }

  @Test
  void aRecordOfAnEarlierVersion_ofOtherTypes_isStillRefused() throws Exception {
    update("UPDATE twat_cache SET key_type = 'java.lang.Integer', record_check = NULL"
        + " WHERE name = 'c'");

    StoreException refused =
        assertThrows(StoreException.class, () -> EmbeddedDb.open(folder, "c"));

    assertTrue(refused.getMessage().contains("holds entries of java.lang.Integer"),
        refused.getMessage());
    assertEquals(List.of(), log.messages(Level.SEVERE));
  }

  @Test
  void aDatabaseOfAnEarlierVersion_getsTheColumn_andItsRecordsStayUnchecked() throws Exception {
    try (Connection connection = EmbeddedDb.connect(folder);
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE twat_cache DROP COLUMN record_check");
    }
    Database.closeUnusedNow();

    try (DbStore<Object> store = EmbeddedDb.open(folder, "c")) {
      assertEquals("v-c", store.get("k").value());
    }
    try (Connection connection = EmbeddedDb.connect(folder);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(
            "SELECT record_check FROM twat_cache WHERE name = 'c'")) {
      assertTrue(row.next());
      assertNull(row.getObject(1), "unchecked");
    }
    assertEquals(List.of(), log.messages(Level.SEVERE));
  }

  private void update(String sql) throws Exception {
    try (Connection connection = EmbeddedDb.connect(folder);
        Statement statement = connection.createStatement()) {
      assertEquals(1, statement.executeUpdate(sql));
    }
  }
}

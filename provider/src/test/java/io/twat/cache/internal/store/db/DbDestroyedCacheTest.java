/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.TestSpecs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache destroyed and created again while a store still holds it open (issue 16, item 3): the
 * holder's writes fail, naming what happened, instead of landing under the old cache id where
 * nobody reads them, and the holder never reads the new cache's values. Two stores in one JVM
 * over one database stand for two processes: the holder's stale state is its cache id, whoever
 * destroyed the record.
 */
final class DbDestroyedCacheTest {
  @TempDir
  Path temp;

  private DbStore<String> open(Class<?> valueType) throws StoreException {
    return DbStore.openEmbedded(temp, Serializer.allowing(),
        TestSpecs.spec("shared").withTypes(String.class, valueType), DbStore.Options.defaults());
  }

  private static StoreEntry entry(Object value) {
    return new StoreEntry(value, StoreEntry.NEVER);
  }

  private long orphanRows() throws SQLException {
    try (Connection connection = EmbeddedDb.connect(temp);
        PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM twat_row r "
            + "WHERE NOT EXISTS (SELECT 1 FROM twat_cache c WHERE c.id = r.cache_id)");
        ResultSet result = count.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  @Test
  void holderOfADestroyedCache_recreatedWithOtherTypes_failsItsWrites_andReadsNoneOfTheNew()
      throws Exception {
    try (DbStore<String> holder = open(String.class)) {
      holder.compute("k", (k, current) -> entry("old"));
      try (DbStore<String> destroyer = open(String.class)) {
        destroyer.destroy();
      }
      try (DbStore<String> recreated = open(Long.class)) {
        recreated.compute("k", (k, current) -> entry(42L));

        for (int i = 0; i < 100; i++) {
          String key = "k" + i;
          StoreException thrown = assertThrows(StoreException.class,
              () -> holder.compute(key, (k, current) -> entry("stale")));
          String message = thrown.getMessage();
          assertTrue(message.contains("\"shared\"") && message.contains("destroyed")
              && message.contains("get it again"), message);
        }
        StoreException read = assertThrows(StoreException.class, () -> holder.get("k"),
            "the holder never reads the Long cache's value, nor misses without a word");
        assertTrue(read.getMessage().contains("destroyed")
            && read.getMessage().contains("get it again"), read.getMessage());
        assertEquals(0, orphanRows(), "no row outlives its cache's record");
        assertEquals(1, recreated.size());
        assertEquals(42L, recreated.get("k").value());
      }
    }
  }

  @Test
  void holderOfADestroyedCache_recreatedWithTheSameTypes_failsItsWrites_leavingNoOrphans()
      throws Exception {
    try (DbStore<String> holder = open(String.class)) {
      holder.compute("k", (k, current) -> entry("old"));
      try (DbStore<String> destroyer = open(String.class)) {
        destroyer.destroy();
      }
      try (DbStore<String> recreated = open(String.class)) {
        StoreException thrown = assertThrows(StoreException.class,
            () -> holder.compute("k", (k, current) -> entry("stale")));

        assertTrue(thrown.getMessage().contains("destroyed"), thrown.getMessage());
        assertNull(recreated.get("k"), "destroyed, and nothing written since");
        assertEquals(0, orphanRows());
        recreated.compute("k", (k, current) -> entry("new"));
        assertEquals("new", recreated.get("k").value());
      }
    }
  }

  /**
   * An empty cache opened again with other types is created anew (a new id, as the file store
   * gives it a new generation): a holder of the old types can no longer write values of those
   * types where the new cache would read them.
   */
  @Test
  void holderOfAnEmptyCache_reopenedWithOtherTypes_failsItsWrites_andTheNewCacheReadsNone()
      throws Exception {
    try (DbStore<String> holder = open(String.class)) {
      try (DbStore<String> retyped = open(Long.class)) {
        StoreException thrown = assertThrows(StoreException.class,
            () -> holder.compute("k", (k, current) -> entry("a String")));

        String message = thrown.getMessage();
        assertTrue(message.contains("\"shared\"") && message.contains("other types")
            && message.contains("get it again"), message);
        assertNull(retyped.get("k"), "never a String in the Long cache");
        assertEquals(0, retyped.size());
        assertEquals(0, orphanRows());
        retyped.compute("k", (k, current) -> entry(7L));
        assertEquals(7L, retyped.get("k").value());
      }
    }
  }

  @Test
  void destroyRecorded_fromAnotherManager_deletesTheRowsOfTheCache() throws Exception {
    try (DbStore<String> holder = open(String.class)) {
      holder.compute("k", (k, current) -> entry("v"));

      assertTrue(DbStore.destroyRecorded(DbStore.embeddedUrl(temp), Credentials.EMBEDDED_DEFAULT,
          DbStore.Options.defaults(), "shared"));

      StoreException read = assertThrows(StoreException.class, () -> holder.get("k"));
      assertTrue(read.getMessage().contains("destroyed"), read.getMessage());
      assertThrows(StoreException.class, () -> holder.compute("k", (k, current) -> entry("w")));
      assertEquals(0, orphanRows());
    }
  }

  @Test
  void ensure_onADatabaseOfAnEarlierVersion_deletesOrphanRows_thenAddsTheKey() throws Exception {
    try (DbStore<String> store = open(String.class)) {
      store.compute("kept", (k, current) -> entry("v"));
      try (Connection connection = EmbeddedDb.connect(temp);
          Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE twat_row DROP CONSTRAINT " + CacheForeignKey.NAME);
        statement.execute("INSERT INTO twat_row (key_hash, cache_id, key_bytes, value_bytes, "
            + "checksum, expires_at, accessed_at, entry_size) "
            + "VALUES (1, 999999, X'01', X'02', 0, 0, 0, 2)");
        assertEquals(1, orphanRows());

        CacheForeignKey.ensure(connection, "test");
        CacheForeignKey.ensure(connection, "test"); // a second time finds it in place

        assertEquals(0, orphanRows());
        SQLException refused = assertThrows(SQLException.class, () -> statement.execute(
            "INSERT INTO twat_row (key_hash, cache_id, key_bytes, value_bytes, checksum, "
                + "expires_at, accessed_at, entry_size) "
                + "VALUES (2, 999999, X'01', X'02', 0, 0, 0, 2)"));
        assertTrue(CacheForeignKey.isCacheGone(refused), refused.getSQLState());
      }
      assertEquals("v", store.get("kept").value(), "rows of recorded caches stay");
    }
  }
}

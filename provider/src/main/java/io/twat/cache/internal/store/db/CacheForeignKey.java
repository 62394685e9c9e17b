/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Ties every row of {@code twat_row} to the record of its cache in {@code twat_cache}: the
 * foreign key {@value #NAME} ({@code cache_id} references {@code id}, {@code ON DELETE CASCADE}).
 *
 * <p>Why: a store keeps its cache's id for as long as it is open. When another process (or
 * another manager) destroys the cache and creates it again, the new cache has a new id, and the
 * old store's writes went on under the old one: acknowledged, and readable by nobody. With the
 * key, deleting a record deletes its rows, and a row inserted under an id that has no record
 * fails; {@link #isCacheGone} tells that failure apart, so that the store reports that its cache
 * was destroyed (see {@link CacheRows#failure}).
 *
 * <p>Databases made by earlier versions have no key: {@link #ensure} deletes the rows whose cache
 * has no record (such orphans are unreadable anyway, and would keep the key from being added),
 * then adds it, once, when the key is missing. Two processes doing so at once collide on the
 * second {@code ALTER TABLE}; the caller's retry then finds the key in place. Where the
 * database cannot say whether the key exists (no {@code INFORMATION_SCHEMA}), the store works on
 * without it, with one WARNING.
 *
 * <p>Stateless and thread-safe.
 */
final class CacheForeignKey {
  /** The constraint's name, as the database reports it (upper case for H2, lower for others). */
  static final String NAME = "TWAT_ROW_CACHE_FK";

  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  /**
   * SQLSTATEs of an insert whose referenced record is missing: H2's "parent missing" and the
   * standard (PostgreSQL) foreign key violation.
   */
  private static final Set<String> PARENT_MISSING = Set.of("23506", "23503");

  /** Tells whether the key exists: one row if it does. */
  static final String EXISTS = "SELECT constraint_name FROM information_schema.table_constraints "
      + "WHERE UPPER(constraint_name) = '" + NAME + "'";
  /** Deletes the rows whose cache has no record. */
  static final String DELETE_ORPHANS = "DELETE FROM twat_row WHERE NOT EXISTS "
      + "(SELECT 1 FROM twat_cache c WHERE c.id = twat_row.cache_id)";
  /** Adds the key. */
  static final String ADD = "ALTER TABLE twat_row ADD CONSTRAINT " + NAME
      + " FOREIGN KEY (cache_id) REFERENCES twat_cache (id) ON DELETE CASCADE";

  private CacheForeignKey() {
  }

  /**
   * Adds the key if the database lacks it, after deleting the rows it would refuse.
   *
   * @throws SQLException if the rows cannot be deleted or the key added (the caller tries again)
   */
  static void ensure(Connection connection, String url) throws SQLException {
    try (PreparedStatement exists = connection.prepareStatement(EXISTS);
        ResultSet row = exists.executeQuery()) {
      if (row.next()) {
        return;
      }
    } catch (SQLException e) {
      if (Database.isConnectionLost(e)) {
        throw e;
      }
      LOG.log(Level.WARNING, "Could not tell whether {0} ties its rows to their cache records "
          + "({1}); a store there that holds a cache which another process destroys goes on "
          + "writing rows nobody reads until it is closed", url, Database.explain(e));
      return;
    }
    try (Statement statement = connection.createStatement()) {
      int orphans = statement.executeUpdate(DELETE_ORPHANS);
      statement.execute(ADD);
      if (orphans > 0) {
        LOG.log(Level.INFO, "Deleted {0} rows of destroyed caches from {1} (written by stores "
            + "of earlier versions after their cache was destroyed; nobody could read them)",
            orphans, url);
      }
    }
  }

  /** Returns whether {@code e} says that a row's cache record is missing. */
  static boolean isCacheGone(SQLException e) {
    for (SQLException next = e; next != null; next = next.getNextException()) {
      if (PARENT_MISSING.contains(next.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}

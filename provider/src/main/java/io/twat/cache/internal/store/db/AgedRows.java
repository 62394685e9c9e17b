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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the rows of a log table (operation ids, the change log) once they are older than the
 * table's retention time. A failure only logs at DEBUG: the next round deletes them.
 *
 * <p>Immutable and thread-safe.
 */
final class AgedRows {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());

  private final String deleteSql;
  private final String newestSql;
  private final long retentionMillis;
  private final String what;

  /**
   * Creates the pruner of one table.
   *
   * @param deleteSql a DELETE with one parameter: the time (epoch milliseconds) before which rows
   *     go
   * @param retentionMillis how long rows are kept
   * @param what the rows, for log lines ("old operation ids")
   */
  AgedRows(String deleteSql, long retentionMillis, String what) {
    this(deleteSql, /* newestSql= */ null, retentionMillis, what);
  }

  /**
   * Creates the pruner of a table whose newest row is kept whatever its age.
   *
   * @param deleteSql a DELETE with two parameters: the time (epoch milliseconds) before which
   *     rows go, and the number of the newest row, below which they go
   * @param newestSql a query of one number: the newest row's (null for an empty table)
   * @param retentionMillis how long rows are kept
   * @param what the rows, for log lines ("the change log")
   */
  AgedRows(String deleteSql, String newestSql, long retentionMillis, String what) {
    this.deleteSql = deleteSql;
    this.newestSql = newestSql;
    this.retentionMillis = retentionMillis;
    this.what = what;
  }

  /** Prunes every {@code intervalMillis} on {@code executor} until the task is cancelled. */
  ScheduledFuture<?> schedule(
      Database database, ScheduledExecutorService executor, long intervalMillis) {
    return executor.scheduleWithFixedDelay(
        () -> prune(database), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** Deletes the rows older than the retention time; returns how many, -1 on a failure. */
  int prune(Database database) {
    Connection connection;
    try {
      connection = database.borrow();
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "Could not prune {0} in {1}: {2}", what, database.url(),
          e.getMessage());
      return -1;
    }
    try {
      int deleted = delete(connection);
      database.giveBack(connection);
      return deleted;
    } catch (SQLException e) {
      database.discard(connection, e);
      LOG.log(Level.DEBUG, "Could not prune {0} in {1}: {2}", what, database.url(),
          e.getMessage());
      return -1;
    }
  }

  private int delete(Connection connection) throws SQLException {
    long newest = 0;
    if (newestSql != null) {
      // two statements, not a subquery of the table being deleted from, which some databases
      // refuse; a row added between them is newer still, and stays too
      try (PreparedStatement select = connection.prepareStatement(newestSql);
          ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          return 0;
        }
        newest = result.getLong(1);
        if (result.wasNull()) {
          return 0; // an empty table
        }
      }
    }
    try (PreparedStatement delete = connection.prepareStatement(deleteSql)) {
      delete.setLong(1, System.currentTimeMillis() - retentionMillis);
      if (newestSql != null) {
        delete.setLong(2, newest);
      }
      return delete.executeUpdate();
    }
  }
}

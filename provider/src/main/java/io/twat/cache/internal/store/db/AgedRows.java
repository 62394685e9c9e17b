/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
    this.deleteSql = deleteSql;
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
    try (PreparedStatement delete = connection.prepareStatement(deleteSql)) {
      delete.setLong(1, System.currentTimeMillis() - retentionMillis);
      int deleted = delete.executeUpdate();
      database.giveBack(connection);
      return deleted;
    } catch (SQLException e) {
      database.discard(connection, e);
      LOG.log(Level.DEBUG, "Could not prune {0} in {1}: {2}", what, database.url(),
          e.getMessage());
      return -1;
    }
  }
}

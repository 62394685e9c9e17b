/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * The ids of recent changes, in {@code twat_op (op_id PRIMARY KEY, created_at)}, by which a
 * change whose connection was lost finds out whether it was committed.
 *
 * <h2>Why</h2>
 * In H2's mixed mode the process that serves the database file to the others may exit (normally
 * or killed) while another process is committing over its socket. That process's connection is
 * then lost, and the commit may or may not have reached the file. A change made on such a
 * connection inserts a fresh random id into {@code twat_op} in its own transaction; after a lost
 * connection the caller takes a new one (waiting out the handover, see {@link Database}) and
 * {@link #claim claims} the id: if another row has it, the change was committed; if not, it was
 * not, and the claim, made in the new transaction, is what a second attempt commits with. Since
 * the claim is an insert of a primary key, it waits for a transaction that still holds the id
 * (a connection lost while its server lives on) to end first.
 *
 * <h2>Cost</h2>
 * Only a connection that can be lost records ids: a JVM that serves an H2 file itself never loses
 * its connections to it, so they do not ({@link #mayBeLost}); a connection over a socket (a
 * client of mixed mode, a database server such as PostgreSQL) does, one insert per change.
 * Ids older than {@link #RETENTION_MILLIS} are deleted by {@link #schedulePruning} (a lost
 * connection is resolved within the connect timeout, well inside that).
 *
 * <p>Thread-safe: static methods on the caller's connection, no state.
 */
final class OperationLog {
  /** How long an id is kept. */
  static final long RETENTION_MILLIS = 10 * 60_000L;
  /** How often old ids are deleted. */
  static final long PRUNE_INTERVAL_MILLIS = 60_000L;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Records an id: parameters id, created at. */
  static final String INSERT = "INSERT INTO twat_op (op_id, created_at) VALUES (?, ?)";
  /** Deletes the ids recorded before a time: parameter the time. */
  static final String PRUNE = "DELETE FROM twat_op WHERE created_at < ?";
  private static final AgedRows AGED =
      new AgedRows(PRUNE, RETENTION_MILLIS, "old operation ids");

  private OperationLog() {
  }

  /**
   * Returns a fresh id for a change on {@code connection}, or 0 if the connection cannot be lost
   * (H2 in this JVM), so the change needs none.
   */
  static long idFor(Connection connection, Dialect dialect) {
    if (!mayBeLost(connection, dialect)) {
      return 0;
    }
    long id;
    do {
      id = RANDOM.nextLong();
    } while (id == 0);
    return id;
  }

  /**
   * Returns whether {@code connection} may be lost while the database lives on: anything but a
   * session of an H2 database this JVM holds itself (H2 reports the servers a remote session
   * talks to in its client info, and none for a local one).
   */
  static boolean mayBeLost(Connection connection, Dialect dialect) {
    if (dialect != Dialect.H2) {
      return true;
    }
    try {
      Properties info = connection.getClientInfo();
      return !"0".equals(info.getProperty("numServers", "0"));
    } catch (SQLException e) {
      return true;
    }
  }

  /** Records {@code id} in the connection's transaction; does nothing for id 0. */
  static void record(Connection connection, long id) throws SQLException {
    if (id == 0) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setLong(1, id);
      insert.setLong(2, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  /**
   * Claims {@code id} in the connection's transaction, after the connection of the change that
   * recorded it was lost: returns true if that change was committed (the id is there), false if
   * it was not, in which case the id is now recorded in this transaction.
   */
  static boolean claim(Connection connection, long id) throws SQLException {
    try {
      record(connection, id);
      return false;
    } catch (SQLException e) {
      if (Database.isDuplicateKey(e)) {
        return true;
      }
      throw e;
    }
  }

  /** Deletes old ids every {@link #PRUNE_INTERVAL_MILLIS} until the returned task is cancelled. */
  static ScheduledFuture<?> schedulePruning(Database database, ScheduledExecutorService executor) {
    return AGED.schedule(database, executor, PRUNE_INTERVAL_MILLIS);
  }

  /** Deletes the ids older than {@link #RETENTION_MILLIS}; returns how many, -1 on a failure. */
  static int prune(Database database) {
    return AGED.prune(database);
  }
}

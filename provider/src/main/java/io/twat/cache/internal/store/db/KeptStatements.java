/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prepared statements of the hot paths (a row read, locked, written, deleted), kept open per
 * pooled connection so that a call runs its statement without preparing it again.
 *
 * <p>Why: H2 caches the statements a session parsed, but never a {@code SELECT ... FOR UPDATE},
 * and it empties that cache at every rollback; parsing took 28% of a writer's samples with {@code
 * durability=relaxed} (JFR). PostgreSQL's driver turns a statement it runs again into a
 * server-side prepared one after a few runs.
 *
 * <p>A statement handed out here stays open: the caller sets every parameter, closes the result
 * set it read, and never closes the statement. Closing the connection closes its statements;
 * whoever closes a pooled connection calls {@link #forget} with it.
 *
 * <p>Thread-safety: safe. A connection is used by one thread at a time (the one that borrowed it
 * from the pool, which hands it over with a happens-before edge), so the statements of one
 * connection need no lock of their own.
 */
final class KeptStatements {
  private final Map<Connection, Map<String, PreparedStatement>> byConnection =
      new ConcurrentHashMap<>();

  /**
   * Returns the open statement of {@code sql} on {@code connection}, preparing it on first use.
   *
   * @throws SQLException if the statement cannot be prepared
   */
  PreparedStatement of(Connection connection, String sql) throws SQLException {
    Map<String, PreparedStatement> statements =
        byConnection.computeIfAbsent(connection, c -> new HashMap<>());
    PreparedStatement statement = statements.get(sql);
    if (statement == null || statement.isClosed()) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /** Drops what was kept for {@code connection} (which its closing closes). */
  void forget(Connection connection) {
    byConnection.remove(connection);
  }

  /** Returns how many connections have statements kept: for tests. */
  int connections() {
    return byConnection.size();
  }
}

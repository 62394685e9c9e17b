/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operation ids of {@code twat_op}: who records them, how a lost change's id is claimed, and
 * pruning. (A real lost connection is tested with several JVMs in {@link DbHandoverTest}.)
 */
final class OperationLogTest {
  @TempDir
  Path temp;

  @RegisterExtension
  final AcquiredDatabase db = new AcquiredDatabase(() -> temp);

  @Test
  void connectionToAFileThisJvmServes_recordsNoId_othersDo() throws SQLException {
    Connection connection = db.get().borrow();
    try {
      assertEquals(0, OperationLog.idFor(connection, Dialect.H2), "H2 in this JVM: never lost");
      assertTrue(OperationLog.mayBeLost(connection, Dialect.POSTGRESQL), "a database server");
      assertNotEquals(0, OperationLog.idFor(connection, Dialect.STANDARD));
    } finally {
      db.get().giveBack(connection);
    }
  }

  @Test
  void claim_ofACommittedId_saysCommitted_ofAnotherId_recordsIt() throws SQLException {
    Connection connection = db.get().borrow();
    try {
      connection.setAutoCommit(false);
      OperationLog.record(connection, 42L);
      connection.commit();

      assertTrue(OperationLog.claim(connection, 42L), "committed before");
      assertFalse(OperationLog.claim(connection, 43L), "never committed");
      connection.commit();
      assertTrue(OperationLog.claim(connection, 43L), "the claim recorded it");
      connection.rollback();
      connection.setAutoCommit(true);
    } finally {
      db.get().giveBack(connection);
    }
  }

  @Test
  void prune_deletesIdsOlderThanTheRetention_only() throws SQLException {
    Connection connection = db.get().borrow();
    try {
      try (PreparedStatement insert = connection.prepareStatement(OperationLog.INSERT)) {
        insert.setLong(1, 1L);
        insert.setLong(2, System.currentTimeMillis() - OperationLog.RETENTION_MILLIS - 60_000L);
        insert.executeUpdate();
      }
      OperationLog.record(connection, 2L);

      assertEquals(1, OperationLog.prune(db.get()));

      try (PreparedStatement select = connection.prepareStatement("SELECT op_id FROM twat_op");
          ResultSet left = select.executeQuery()) {
        assertTrue(left.next());
        assertEquals(2L, left.getLong(1));
        assertFalse(left.next());
      }
    } finally {
      db.get().giveBack(connection);
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.testing.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change log's pruning, and its inserts on H2 when {@code seq}'s identity is behind the rows
 * already in the table, as a process killed between H2 handing out a new block of numbers and
 * writing it leaves it (seen in the kill tests): the rows are put there with explicit numbers
 * ahead of the identity.
 */
final class ChangeLogTest {
  private static final int CACHE_ID = 1;

  @TempDir
  Path temp;

  @RegisterExtension
  final AcquiredDatabase db = new AcquiredDatabase(() -> temp);

  @Test
  void identityBehindItsRows_insertSkipsTheUsedNumbers_inTheChangesTransaction()
      throws SQLException {
    ChangeLog log = ChangeLog.of(db.get(), CACHE_ID);
    Connection connection = db.get().borrow();
    try (LogCapture captured = LogCapture.of(ChangeLog.class.getName())) {
      log.record(connection, new byte[] {1});
      long first = seqs(connection).get(0);
      int ahead = 40;
      insertNumbered(connection, first + 1, first + ahead);

      connection.setAutoCommit(false);
      log.record(connection, new byte[] {2});
      log.record(connection, new byte[] {3});
      connection.commit();
      connection.setAutoCommit(true);

      List<Long> seqs = seqs(connection);
      assertEquals(ahead + 3, seqs.size(), "every row, each with its own number: " + seqs);
      assertTrue(seqs.get(ahead + 1) > first + ahead, "numbered past the rows: " + seqs);
      List<String> warnings = captured.warnings();
      assertEquals(1, warnings.size(), "logged once: " + warnings);
      assertTrue(warnings.get(0).contains("numbers already used"), warnings.get(0));
    } finally {
      db.get().giveBack(connection);
    }
  }

  @Test
  void identityFarBehindItsRows_insertFails_namingTheDuplicate() throws SQLException {
    ChangeLog log = ChangeLog.of(db.get(), CACHE_ID);
    Connection connection = db.get().borrow();
    try (LogCapture captured = LogCapture.of(ChangeLog.class.getName())) {
      log.record(connection, new byte[] {1});
      long first = seqs(connection).get(0);
      insertNumbered(connection, first + 1, first + ChangeLog.MAX_REUSED_NUMBERS + 1);

      SQLException e = assertThrows(SQLException.class,
          () -> log.record(connection, new byte[] {2}));

      assertEquals("23505", e.getSQLState(), e.toString());
      assertEquals(List.of(), captured.warnings());
    } finally {
      db.get().giveBack(connection);
    }
  }

  /** The log is pruned as {@code twat_op} is ({@code AgedRows}), after its own retention. */
  @Test
  void prune_deletesRowsOlderThanItsRetention_only() throws SQLException {
    Connection connection = db.get().borrow();
    try {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO twat_change (cache_id, origin, created_at) VALUES (1, 7, ?)")) {
        insert.setLong(1, System.currentTimeMillis() - ChangeLog.RETENTION_MILLIS - 60_000L);
        insert.executeUpdate();
        insert.setLong(1, System.currentTimeMillis());
        insert.executeUpdate();
      }

      assertEquals(1, ChangeLog.prune(db.get()));

      try (PreparedStatement select = connection.prepareStatement(
              "SELECT COUNT(*) FROM twat_change");
          ResultSet left = select.executeQuery()) {
        assertTrue(left.next());
        assertEquals(1L, left.getLong(1));
      }
    } finally {
      db.get().giveBack(connection);
    }
  }

  /**
   * The newest row stays, however old: a follower that starts takes its number as its place in
   * the log (see {@code ChangeFeedTest}).
   */
  @Test
  void prune_keepsTheNewestRow_whateverItsAge() throws SQLException {
    Connection connection = db.get().borrow();
    try {
      insertNumbered(connection, 5, 7); // created at 0: all past the retention

      assertEquals(2, ChangeLog.prune(db.get()));

      assertEquals(List.of(7L), seqs(connection));
      assertEquals(0, ChangeLog.prune(db.get()), "the newest row, again");
    } finally {
      db.get().giveBack(connection);
    }
  }

  @Test
  void prune_ofAnEmptyLog_deletesNothing() {
    assertEquals(0, ChangeLog.prune(db.get()));
  }

  private static void insertNumbered(Connection connection, long from, long to)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO twat_change "
        + "(seq, cache_id, origin, created_at) VALUES (?, " + CACHE_ID + ", 7, 0)")) {
      for (long seq = from; seq <= to; seq++) {
        insert.setLong(1, seq);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static List<Long> seqs(Connection connection) throws SQLException {
    List<Long> seqs = new ArrayList<>();
    try (PreparedStatement select =
            connection.prepareStatement("SELECT seq FROM twat_change ORDER BY seq");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        seqs.add(rows.getLong(1));
      }
    }
    return seqs;
  }
}

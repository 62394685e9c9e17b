/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.db.Journal.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay of journals on an in-memory H2 whose rows and watermarks are set to what a file
 * would hold after a kill: some records stored, some not.
 */
final class JournalReplayTest {
  private static final long A = 1;
  private static final long B = 2;
  private static final long C = 3;
  private static final long D = 1 + JournalWriter.STRIPES; // A's stripe

  @TempDir
  Path folder;

  private Connection connection;

  @BeforeEach
  void createTables() throws SQLException {
    connection = DriverManager.getConnection(
        "jdbc:h2:mem:replay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Statement statement = connection.createStatement()) {
      statement.execute(JournalWriter.CREATE_TABLE);
      statement.execute("CREATE TABLE twat_row (key_hash BIGINT NOT NULL PRIMARY KEY, "
          + "cache_id INTEGER NOT NULL, key_bytes VARBINARY NOT NULL, value_bytes VARBINARY, "
          + "checksum INTEGER NOT NULL, expires_at BIGINT NOT NULL, accessed_at BIGINT NOT NULL, "
          + "entry_size BIGINT NOT NULL)");
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    }
    connection.close();
  }

  @Test
  void appliesTheRecordsTheFileLacks_andNeitherStoredNorAbortedOnes() throws Exception {
    long id;
    try (JournalWriter writer = JournalWriter.start(FileSystem.system(), folder.resolve("db"),
        connection, Long.MAX_VALUE)) {
      id = writer.id();
      put(writer, A, "a1", true); // stripe 1, seq 1
      put(writer, B, "b1", true); // stripe 2, seq 1
      put(writer, A, "a2", true); // stripe 1, seq 2
      delete(writer, B); // stripe 2, seq 2
      put(writer, C, "c1", false); // stripe 3, seq 1, rolled back: aborted
      put(writer, D, "d1", true); // stripe 1, seq 3
    }
    // What the file holds after the kill: stripe 1 stored up to seq 3, and then D written again
    // by another process and stored; stripe 2 stored up to seq 1 only
    setRow(D, "d-newer");
    setRow(B, "b1");
    setWatermark(id, 1, 3);
    setWatermark(id, 2, 1);

    JournalReplay.Result result = JournalReplay.replay(FileSystem.system(), folder.resolve("db"),
        connection);

    assertEquals(new JournalReplay.Result(1, 1, 4, 1, 0, 0), result);
    assertEquals("a2", value(A));
    assertNull(value(B), "the delete the file lacked is redone");
    assertNull(value(C), "an aborted change is not applied");
    assertEquals("d-newer", value(D), "a stored record is not applied over a later change");
    assertFalse(Files.exists(JournalWriter.file(folder.resolve("db"), id)));
    assertEquals(0, count("SELECT COUNT(*) FROM twat_journal"));
  }

  @Test
  void aTornLastRecord_isLeftOut_andTheRecordsBeforeItAreApplied() throws Exception {
    long id;
    Path file;
    try (JournalWriter writer = JournalWriter.start(FileSystem.system(), folder.resolve("db"),
        connection, Long.MAX_VALUE)) {
      id = writer.id();
      file = writer.path();
      put(writer, A, "a1", true);
      put(writer, B, "b1", true);
    }
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length - 3));
    try (Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM twat_row");
      statement.execute("UPDATE twat_journal SET seq = 0 WHERE journal_id = " + id);
    }

    JournalReplay.Result result = JournalReplay.replay(FileSystem.system(), folder.resolve("db"),
        connection);

    assertEquals(new JournalReplay.Result(1, 1, 0, 0, 0, 0), result);
    assertEquals("a1", value(A));
    assertNull(value(B), "its record was torn: its put never returned");
  }

  @Test
  void aJournalWithoutAWholeHeader_isRemoved_andNothingApplied() throws Exception {
    Path torn = JournalWriter.file(folder.resolve("db"), 7);
    Files.write(torn, new byte[] {0x54, 0x57});

    JournalReplay.Result result = JournalReplay.replay(FileSystem.system(), folder.resolve("db"),
        connection);

    assertEquals(new JournalReplay.Result(1, 0, 0, 0, 0, 0), result);
    assertFalse(Files.exists(torn));
  }

  /** A key transaction that writes {@code key}'s row, journaled as the store would. */
  private void put(JournalWriter writer, long key, String value, boolean commit) throws Exception {
    JournalWriter.Ticket ticket = writer.begin(key);
    boolean committed = false;
    connection.setAutoCommit(false);
    try {
      JournalRow row = new JournalRow(1, key, new byte[] {(byte) key},
          value.getBytes(StandardCharsets.UTF_8), 0, Long.MAX_VALUE, 0, value.length());
      JournalReplay.merge(connection, row);
      writer.record(connection, ticket, Kind.ROW, row.encode());
      if (commit) {
        connection.commit();
        committed = true;
      } else {
        connection.rollback();
      }
    } finally {
      connection.setAutoCommit(true);
      writer.end(ticket, committed);
    }
  }

  private void delete(JournalWriter writer, long key) throws Exception {
    JournalWriter.Ticket ticket = writer.begin(key);
    boolean committed = false;
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM twat_row WHERE key_hash = ?")) {
        delete.setLong(1, key);
        delete.executeUpdate();
      }
      writer.record(connection, ticket, Kind.DELETE,
          JournalRow.deleted(1, key, new byte[] {(byte) key}).encode());
      connection.commit();
      committed = true;
    } finally {
      connection.setAutoCommit(true);
      writer.end(ticket, committed);
    }
  }

  private void setRow(long key, String value) throws SQLException {
    JournalReplay.merge(connection, new JournalRow(1, key, new byte[] {(byte) key},
        value.getBytes(StandardCharsets.UTF_8), 0, Long.MAX_VALUE, 0, value.length()));
  }

  private void setWatermark(long id, int stripe, long seq) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE twat_journal SET seq = ? WHERE journal_id = ? AND stripe = ?")) {
      update.setLong(1, seq);
      update.setLong(2, id);
      update.setInt(3, stripe);
      assertEquals(1, update.executeUpdate());
    }
  }

  private String value(long key) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT value_bytes FROM twat_row WHERE key_hash = ?")) {
      select.setLong(1, key);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? new String(rows.getBytes(1), StandardCharsets.UTF_8) : null;
      }
    }
  }

  private long count(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}

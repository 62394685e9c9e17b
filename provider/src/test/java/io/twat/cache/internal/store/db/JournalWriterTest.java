/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.db.Journal.Entry;
import io.twat.cache.internal.store.db.Journal.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal writer's numbers, watermark rows and abort records, on an in-memory H2. */
final class JournalWriterTest {
  @TempDir
  Path folder;

  private final String url = "jdbc:h2:mem:journal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private Connection connection;

  @BeforeEach
  void createTables() throws SQLException {
    connection = DriverManager.getConnection(url);
    try (Statement statement = connection.createStatement()) {
      statement.execute(JournalWriter.CREATE_TABLE);
      statement.execute("CREATE TABLE t (k BIGINT PRIMARY KEY, v INT)");
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
  void start_createsTheFile_andOneWatermarkRowAtZeroPerStripe() throws Exception {
    try (JournalWriter writer = JournalWriter.start(FileSystem.system(), folder.resolve("db"),
        connection, Long.MAX_VALUE)) {
      assertTrue(Files.exists(writer.path()));
      assertEquals(JournalWriter.file(folder.resolve("db"), writer.id()), writer.path());
      Map<Integer, Long> marks = watermarks(writer.id());
      assertEquals(JournalWriter.STRIPES, marks.size());
      assertTrue(marks.values().stream().allMatch(seq -> seq == 0), marks.toString());
      assertEquals(writer.id(), Journal.read(Files.readAllBytes(writer.path())).id());
    }
  }

  @Test
  void aCommittedChange_movesItsStripesWatermark_andARolledBackOne_isAborted() throws Exception {
    try (JournalWriter writer = JournalWriter.start(FileSystem.system(), folder.resolve("db"),
        connection, Long.MAX_VALUE)) {
      change(writer, connection, 5, 1, /* commit= */ true);
      change(writer, connection, 5, 2, /* commit= */ false);

      assertEquals(1L, watermarks(writer.id()).get(5));
      List<Entry> entries = Journal.read(Files.readAllBytes(writer.path())).entries();
      assertEquals(3, entries.size());
      assertEquals(List.of(Kind.ROW, Kind.ROW, Kind.ABORT),
          entries.stream().map(Entry::kind).toList());
      assertEquals(List.of(1L, 2L, 2L), entries.stream().map(Entry::seq).toList());
      assertEquals(1, value(5), "the rolled-back change is not in the table");
    }
  }

  @Test
  void aFullJournal_isEmptiedAfterTheCheckpoint_andTakesRecordsAgain() throws Exception {
    try (JournalWriter writer = JournalWriter.start(FileSystem.system(), folder.resolve("db"),
        connection, /* limit= */ 200)) {
      change(writer, connection, 1, 1, /* commit= */ true);
      assertFalse(writer.full(), "the header and one record (56 bytes) are below the limit");
      for (int i = 2; i < 12; i++) {
        change(writer, connection, i, i, /* commit= */ true);
      }
      assertTrue(writer.full(), "the header and 11 records (416 bytes) are over the limit");
      List<String> ran = new ArrayList<>();
      writer.empty(() -> ran.add("checkpoint"));

      assertEquals(List.of("checkpoint"), ran, "the checkpoint ran before the file was cut");
      assertEquals(Journal.HEADER, Files.size(writer.path()));
      assertFalse(writer.full());
      change(writer, connection, 3, 30, /* commit= */ true);
      List<Entry> entries = Journal.read(Files.readAllBytes(writer.path())).entries();
      assertEquals(1, entries.size(), "a record after the emptying is read back");
      assertEquals(2L, entries.get(0).seq(), "the stripe's numbers go on rising");
    }
  }

  @Test
  void aFailedCheckpoint_leavesTheJournalAsItWas() throws Exception {
    try (JournalWriter writer = JournalWriter.start(FileSystem.system(), folder.resolve("db"),
        connection, /* limit= */ 1)) {
      change(writer, connection, 1, 1, /* commit= */ true);
      long size = Files.size(writer.path());
      assertThrows(SQLException.class, () -> writer.empty(() -> {
        throw new SQLException("disk full");
      }));
      assertEquals(size, Files.size(writer.path()));
      assertEquals(1, Journal.read(Files.readAllBytes(writer.path())).entries().size());
    }
  }

  @Test
  void retire_checkpointsThenDeletesTheFile() throws Exception {
    JournalWriter writer = JournalWriter.start(FileSystem.system(), folder.resolve("db"),
        connection, Long.MAX_VALUE);
    change(writer, connection, 1, 1, /* commit= */ true);
    List<Boolean> existedAtCheckpoint = new ArrayList<>();
    writer.retire(FileSystem.system(), () -> existedAtCheckpoint.add(Files.exists(writer.path())));

    assertEquals(List.of(true), existedAtCheckpoint);
    assertFalse(Files.exists(writer.path()));
  }

  @Test
  void concurrentWriters_numberEachStripeInOrder_andTheWatermarksMatchTheCommits()
      throws Exception {
    try (JournalWriter writer = JournalWriter.start(FileSystem.system(), folder.resolve("db"),
        connection, Long.MAX_VALUE)) {
      ExecutorService threads = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(threads.submit(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          try (Connection own = DriverManager.getConnection(url)) {
            for (int i = 0; i < 300; i++) {
              change(writer, own, random.nextInt(200), i, random.nextInt(10) != 0);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      threads.shutdown();

      List<Entry> entries = Journal.read(Files.readAllBytes(writer.path())).entries();
      // an abort record follows its record, but other stripes' records may come between
      Set<String> aborted = new HashSet<>();
      for (Entry e : entries) {
        if (e.kind() == Kind.ABORT) {
          aborted.add(e.stripe() + "/" + e.seq());
        }
      }
      Map<Integer, Long> lastSeq = new HashMap<>();
      Map<Integer, Long> lastCommitted = new HashMap<>();
      for (Entry e : entries) {
        if (e.kind() == Kind.ABORT) {
          continue;
        }
        long previous = lastSeq.getOrDefault(e.stripe(), 0L);
        assertTrue(e.seq() > previous, "stripe " + e.stripe() + ": " + e.seq() + " after "
            + previous);
        lastSeq.put(e.stripe(), e.seq());
        if (!aborted.contains(e.stripe() + "/" + e.seq())) {
          lastCommitted.put(e.stripe(), e.seq());
        }
      }
      Map<Integer, Long> marks = watermarks(writer.id());
      for (int stripe = 0; stripe < JournalWriter.STRIPES; stripe++) {
        assertEquals(lastCommitted.getOrDefault(stripe, 0L), marks.get(stripe),
            "stripe " + stripe);
      }
    }
  }

  /** One key transaction: sets t's row of {@code key} to {@code value}, journaled. */
  private static void change(JournalWriter writer, Connection on, long key, int value,
      boolean commit) throws Exception {
    JournalWriter.Ticket ticket = writer.begin(key);
    boolean committed = false;
    on.setAutoCommit(false);
    try {
      try (PreparedStatement merge = on.prepareStatement("MERGE INTO t KEY (k) VALUES (?, ?)")) {
        merge.setLong(1, key);
        merge.setInt(2, value);
        merge.executeUpdate();
      }
      writer.record(on, ticket, Kind.ROW,
          JournalRow.deleted(1, key, new byte[] {(byte) value}).encode());
      if (commit) {
        on.commit();
        committed = true;
      } else {
        on.rollback();
      }
    } finally {
      on.setAutoCommit(true);
      writer.end(ticket, committed);
    }
  }

  private Map<Integer, Long> watermarks(long id) throws SQLException {
    Map<Integer, Long> marks = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT stripe, seq FROM twat_journal WHERE journal_id = ?")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          marks.put(rows.getInt(1), rows.getLong(2));
        }
      }
    }
    return marks;
  }

  private int value(long key) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT v FROM t WHERE k = ?")) {
      select.setLong(1, key);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}

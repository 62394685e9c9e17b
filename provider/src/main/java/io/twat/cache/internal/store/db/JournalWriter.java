/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.io.FileSystem;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal of this process's key transactions on one database file (work in progress: no
 * store uses it yet; see docs/performance.md, "Telling a stored record from one to replay").
 *
 * <p>Each key transaction, once its row is written and before it commits, takes the next number
 * of its key's stripe ({@link #begin}), appends its record with that number and sets the stripe's
 * watermark row in {@code twat_journal} to it in the same transaction ({@link #record}), commits,
 * and lets the stripe go ({@link #end}, which appends an abort record if the commit failed). The
 * stripe's lock is held from the number to the end, so within a stripe the numbers follow the
 * commits. Whatever checkpoint stores the file then stores each stripe's watermark with the rows
 * it covers: a replay applies exactly the records above the watermark the file holds.
 *
 * <p>Thread-safe: each stripe has its own lock; appends are serialized by {@link Journal}.
 */
final class JournalWriter implements AutoCloseable {
  /** How many stripes (and watermark rows) a journal has. */
  static final int STRIPES = 64;
  /** How much the journal grows between two looks at the free space of its disk. */
  static final long SPACE_CHECK_BYTES = 1L << 20;
  /** The watermark rows' table. */
  static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS twat_journal ("
      + "journal_id BIGINT NOT NULL, stripe SMALLINT NOT NULL, seq BIGINT NOT NULL, "
      + "PRIMARY KEY (journal_id, stripe))";
  private static final String INSERT_STRIPE =
      "INSERT INTO twat_journal (journal_id, stripe, seq) VALUES (?, ?, 0)";
  private static final String SET_WATERMARK =
      "UPDATE twat_journal SET seq = ? WHERE journal_id = ? AND stripe = ?";
  private static final SecureRandom IDS = new SecureRandom();

  /** One key transaction's place in the journal, from {@link #begin} to {@link #end}. */
  static final class Ticket {
    private final int stripe;
    private final long seq;
    private boolean recorded;

    private Ticket(int stripe, long seq) {
      this.stripe = stripe;
      this.seq = seq;
    }

    int stripe() {
      return stripe;
    }

    long seq() {
      return seq;
    }
  }

  /** What empties the journal must first make durable: every change committed so far. */
  @FunctionalInterface
  interface Checkpoint {
    void run() throws SQLException;
  }

  private final long id;
  private final Journal journal;
  private final long limit;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final long[] seqs = new long[STRIPES]; // guarded by locks[stripe]
  private final ReentrantLock emptying = new ReentrantLock();
  private final AtomicLong nextSpaceCheck = new AtomicLong(SPACE_CHECK_BYTES);

  private JournalWriter(long id, Journal journal, long limit) {
    this.id = id;
    this.journal = journal;
    this.limit = limit;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * Starts a journal of a new id for the database {@code base} (the database file's path without
   * its {@code .mv.db}): its file ({@link #file}), and its watermark rows (all 0),
   * inserted and committed on {@code connection} (their table created if it is missing); the
   * journal is {@link #full} once it is {@code limit} bytes long.
   *
   * @throws IOException if the file cannot be created
   * @throws SQLException if the rows cannot be inserted
   */
  static JournalWriter start(FileSystem fileSystem, Path base, Connection connection,
      long limit) throws IOException, SQLException {
    Journal journal = null;
    long id = 0;
    for (int attempt = 0; journal == null; attempt++) {
      id = IDS.nextLong() & Long.MAX_VALUE;
      try {
        journal = Journal.create(fileSystem, file(base, id), id);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
    try {
      boolean auto = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement create = connection.createStatement()) {
        create.execute(CREATE_TABLE);
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT_STRIPE)) {
        for (int stripe = 0; stripe < STRIPES; stripe++) {
          insert.setLong(1, id);
          insert.setInt(2, stripe);
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(auto);
      }
      return new JournalWriter(id, journal, limit);
    } catch (SQLException | RuntimeException e) {
      journal.close();
      fileSystem.deleteIfExists(journal.path());
      throw e;
    }
  }

  /** The end of a journal file's name, after the database's name and the journal's id. */
  static final String SUFFIX = ".twj";

  /**
   * Returns the journal file of {@code id} for the database {@code base}: beside the database
   * file, named after it ({@code twat-cache.journal-<id in hex>.twj}), so that databases in one
   * folder never read each other's journals.
   */
  static Path file(Path base, long id) {
    return Path.of(base + String.format(Locale.ROOT, ".journal-%016x", id) + SUFFIX);
  }

  /** Returns whether {@code file} is a journal of the database {@code base}. */
  static boolean isJournalOf(Path base, Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(base.getFileName() + ".journal-") && name.endsWith(SUFFIX);
  }

  /** Returns the journal's id. */
  long id() {
    return id;
  }

  /** Returns the journal's file. */
  Path path() {
    return journal.path();
  }

  /**
   * Takes the next number of the stripe of {@code keyHash}, holding the stripe until {@link #end}
   * (which the caller must reach on every path).
   */
  Ticket begin(long keyHash) {
    int stripe = (int) (keyHash & (STRIPES - 1));
    locks[stripe].lock();
    return new Ticket(stripe, ++seqs[stripe]);
  }

  /**
   * In {@code connection}'s open transaction, before its commit: sets the ticket's stripe's
   * watermark row to its number and appends the record.
   *
   * @throws SQLException if the watermark cannot be set
   * @throws IOException if the append fails: the transaction must then be rolled back
   */
  void record(Connection connection, Ticket ticket, Journal.Kind kind, byte[] payload)
      throws SQLException, IOException {
    try (PreparedStatement update = connection.prepareStatement(SET_WATERMARK)) {
      update.setLong(1, ticket.seq);
      update.setLong(2, id);
      update.setInt(3, ticket.stripe);
      if (update.executeUpdate() != 1) {
        throw new SQLException("journal " + journal.path() + " has no watermark row for stripe "
            + ticket.stripe);
      }
    }
    ticket.recorded = true;
    journal.append(ticket.seq, ticket.stripe, kind, payload);
  }

  /**
   * Lets the ticket's stripe go after its transaction ended; if it did not commit, a record it
   * appended is cancelled by an abort record first.
   *
   * @throws IOException if the abort record cannot be appended: the stripe is let go all the
   *     same, and the journal can no longer be trusted (the caller stops journaling)
   */
  void end(Ticket ticket, boolean committed) throws IOException {
    try {
      if (!committed && ticket.recorded) {
        journal.append(ticket.seq, ticket.stripe, Journal.Kind.ABORT, new byte[0]);
      }
    } finally {
      locks[ticket.stripe].unlock();
    }
  }

  /**
   * Returns true once each time the journal has grown by {@value #SPACE_CHECK_BYTES} bytes more
   * since it was started or emptied: time to look at the free space of its disk.
   */
  boolean dueForSpaceCheck() {
    long due = nextSpaceCheck.get();
    return journal.size() >= due && nextSpaceCheck.compareAndSet(due, due + SPACE_CHECK_BYTES);
  }

  /** Returns whether the journal has reached its length limit: time to {@link #empty} it. */
  boolean full() {
    return journal.size() >= limit;
  }

  /**
   * Empties the journal: holding every stripe (no transaction is then between its number and its
   * end), runs {@code checkpoint}, which makes every committed change durable, and truncates the
   * file back to its header. Returns at once, doing nothing, while another thread empties it.
   *
   * @throws SQLException if the checkpoint fails: the journal is left as it was
   * @throws IOException if the file cannot be truncated
   */
  void empty(Checkpoint checkpoint) throws SQLException, IOException {
    if (!emptying.tryLock()) {
      return;
    }
    try {
      holdingEveryStripe(() -> {
        checkpoint.run();
        journal.truncate();
        nextSpaceCheck.set(SPACE_CHECK_BYTES);
      });
    } finally {
      emptying.unlock();
    }
  }

  /**
   * Ends the journal for good, once this process stops serving the database: holding every
   * stripe, runs {@code checkpoint}, then closes and deletes the file. A failure leaves the file
   * for the next opener to replay; the records the checkpoint stored are then skipped.
   *
   * @throws SQLException if the checkpoint fails
   * @throws IOException if the file cannot be closed or deleted
   */
  void retire(FileSystem fileSystem, Checkpoint checkpoint) throws SQLException, IOException {
    emptying.lock();
    try {
      holdingEveryStripe(() -> {
        checkpoint.run();
        journal.close();
        fileSystem.deleteIfExists(journal.path());
      });
    } finally {
      emptying.unlock();
    }
  }

  /** What runs while every stripe is held. */
  @FunctionalInterface
  private interface Held {
    void run() throws SQLException, IOException;
  }

  private void holdingEveryStripe(Held action) throws SQLException, IOException {
    int held = 0;
    try {
      for (; held < STRIPES; held++) {
        locks[held].lock();
      }
      action.run();
    } finally {
      for (int i = held - 1; i >= 0; i--) {
        locks[i].unlock();
      }
    }
  }

  @Override
  public void close() throws IOException {
    journal.close();
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.db.Journal.Contents;
import io.twat.cache.internal.store.db.Journal.Entry;
import io.twat.cache.internal.store.db.Journal.Kind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
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

/**
 * Redoes, on the file that was just opened, the journaled changes that the file lacks (work in
 * progress: nothing calls it yet; it is meant to run in {@code EmbeddedFile}'s open, holding the
 * open lock, before anyone is served).
 *
 * <p>For each journal file in the folder: the records above its stripe's watermark row (the
 * number of the last record the file holds, see {@link JournalWriter}) and not cancelled by an
 * abort record are applied in file order, a row image by {@code MERGE}, a delete by {@code
 * DELETE}; the watermarks are set to the last number applied; all of it is committed and made
 * durable with a checkpoint; then the journal file and its watermark rows go. A journal whose
 * header is not whole holds no record (its writer died creating it) and goes too.
 *
 * <p>Run again after a crash at any point, it ends in the same state: applying a stripe's records
 * in order is idempotent, and nobody writes while it runs.
 */
final class JournalReplay {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  private static final String MERGE_ROW = "MERGE INTO twat_row (key_hash, cache_id, key_bytes, "
      + "value_bytes, checksum, expires_at, accessed_at, entry_size) KEY (key_hash) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String DELETE_ROW = "DELETE FROM twat_row WHERE key_hash = ?";
  private static final String WATERMARKS =
      "SELECT stripe, seq FROM twat_journal WHERE journal_id = ?";
  private static final String SET_WATERMARK = "MERGE INTO twat_journal (journal_id, stripe, seq) "
      + "KEY (journal_id, stripe) VALUES (?, ?, ?)";
  private static final String DROP_WATERMARKS = "DELETE FROM twat_journal";
  /** H2's SQLSTATE of a row whose cache is gone (the foreign key of {@link CacheForeignKey}). */
  private static final String PARENT_MISSING = "23506";

  /**
   * What a replay did: journals read, records applied, records the file held already, records
   * of transactions that did not commit, records of caches destroyed since (not applied), and
   * journals whose replay stopped at a record this version cannot read.
   */
  record Result(int journals, int applied, int alreadyStored, int aborted, int cacheGone,
      int undecodable) {
    /** Returns the result of a folder without journals. */
    static Result none() {
      return new Result(0, 0, 0, 0, 0, 0);
    }
  }

  private JournalReplay() {
  }

  /**
   * Replays every journal of the database {@code base} ({@link JournalWriter#file}) on {@code
   * connection} (auto-commit on; left on), then removes them.
   *
   * @throws SQLException if a change, the commit or the checkpoint fails: the journals stay, for
   *     the next open
   * @throws IOException if the folder or a journal cannot be read
   */
  static Result replay(FileSystem fileSystem, Path base, Connection connection)
      throws SQLException, IOException {
    List<Path> journals = journals(fileSystem, base);
    if (journals.isEmpty()) {
      return Result.none();
    }
    try (Statement create = connection.createStatement()) {
      // a writer killed before a checkpoint stored its table leaves a file without it
      create.execute(JournalWriter.CREATE_TABLE);
    }
    int applied = 0;
    int alreadyStored = 0;
    int aborted = 0;
    int cacheGone = 0;
    int undecodable = 0;
    connection.setAutoCommit(false);
    try {
      for (Path file : journals) {
        Contents contents;
        byte[] bytes = fileSystem.readAllBytes(file);
        try {
          contents = Journal.read(bytes);
        } catch (IOException e) {
          continue; // no whole header: no record was ever appended
        }
        Map<Integer, Long> marks = watermarks(connection, contents.id());
        Set<Long> cancelled = new HashSet<>();
        for (Entry entry : contents.entries()) {
          if (entry.kind() == Kind.ABORT) {
            cancelled.add(key(entry));
          }
        }
        for (Entry entry : contents.entries()) {
          if (entry.kind() == Kind.ABORT) {
            continue;
          }
          if (cancelled.contains(key(entry))) {
            aborted++;
          } else if (entry.seq() <= marks.getOrDefault(entry.stripe(), 0L)) {
            alreadyStored++;
          } else {
            JournalRow row;
            try {
              row = JournalRow.decode(entry.kind(), entry.payload());
            } catch (IOException e) {
              // its checksum matched, so another version's record: trust nothing after it
              LOG.log(Level.ERROR, "The journal {0} holds a record this version cannot read ({1});"
                  + " the replay stops there, and the changes after it are lost", file,
                  e.getMessage());
              undecodable++;
              break;
            }
            if (apply(connection, row)) {
              applied++;
            } else {
              cacheGone++;
            }
            marks.put(entry.stripe(), entry.seq());
          }
        }
        setWatermarks(connection, contents.id(), marks);
      }
      connection.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    }
    for (Path file : journals) {
      fileSystem.deleteIfExists(file);
    }
    try (Statement drop = connection.createStatement()) {
      // every journal is gone; so are the rows of those that their writers retired
      drop.executeUpdate(DROP_WATERMARKS);
    }
    return new Result(journals.size(), applied, alreadyStored, aborted, cacheGone, undecodable);
  }

  /**
   * Deletes the journals of the database {@code base} unread: for a database file replaced by a
   * new, empty one, to which their records do not belong. Returns how many it deleted.
   *
   * @throws IOException if the folder cannot be listed or a journal deleted
   */
  static int discard(FileSystem fileSystem, Path base) throws IOException {
    List<Path> journals = journals(fileSystem, base);
    for (Path file : journals) {
      fileSystem.deleteIfExists(file);
    }
    return journals.size();
  }

  /** Returns the journal files of the database {@code base} ({@link JournalWriter#file}). */
  static List<Path> journals(FileSystem fileSystem, Path base) throws IOException {
    List<Path> journals = new ArrayList<>();
    try (DirectoryStream<Path> files = fileSystem.list(base.getParent())) {
      for (Path file : files) {
        if (JournalWriter.isJournalOf(base, file)) {
          journals.add(file);
        }
      }
    }
    return journals;
  }

  /** A record's stripe and number as one value. */
  private static long key(Entry entry) {
    return entry.seq() * 65_536L + entry.stripe();
  }

  /** Writes {@code row}'s image into {@code twat_row}, in place of the key's row if it has one. */
  static void merge(Connection connection, JournalRow row) throws SQLException {
    try (PreparedStatement merge = connection.prepareStatement(MERGE_ROW)) {
      merge.setLong(1, row.keyHash());
      merge.setInt(2, row.cacheId());
      merge.setBytes(3, row.key());
      merge.setBytes(4, row.value());
      merge.setInt(5, row.checksum());
      merge.setLong(6, row.expiresAt());
      merge.setLong(7, row.accessedAt());
      merge.setLong(8, row.size());
      merge.executeUpdate();
    }
  }

  /** Applies one record; returns false if its cache is gone (destroyed since), so it was not. */
  private static boolean apply(Connection connection, JournalRow row) throws SQLException {
    if (row.written()) {
      try {
        merge(connection, row);
      } catch (SQLException e) {
        if (PARENT_MISSING.equals(e.getSQLState())) {
          return false; // a failed statement leaves H2's transaction as it was
        }
        throw e;
      }
    } else {
      try (PreparedStatement delete = connection.prepareStatement(DELETE_ROW)) {
        delete.setLong(1, row.keyHash());
        delete.executeUpdate();
      }
    }
    return true;
  }

  private static Map<Integer, Long> watermarks(Connection connection, long id)
      throws SQLException {
    Map<Integer, Long> marks = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(WATERMARKS)) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          marks.put(rows.getInt(1), rows.getLong(2));
        }
      }
    }
    return marks;
  }

  private static void setWatermarks(Connection connection, long id, Map<Integer, Long> marks)
      throws SQLException {
    try (PreparedStatement merge = connection.prepareStatement(SET_WATERMARK)) {
      for (Map.Entry<Integer, Long> mark : marks.entrySet()) {
        merge.setLong(1, id);
        merge.setInt(2, mark.getKey());
        merge.setLong(3, mark.getValue());
        merge.executeUpdate();
      }
    }
  }
}

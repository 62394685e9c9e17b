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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the indexes of an embedded H2 database that a killed process left out of step with
 * their table, and rebuilds them from the table.
 *
 * <p><b>Why.</b> H2 stores a table and each of its indexes as separate maps, and a write to the
 * file does not capture them at one instant. After a process was killed during an insert, H2's
 * recovery (which rolls back the transactions the process left open) can leave an index with an
 * entry whose row is not in the table: seen on 2 of 40 kills of a JVM with 8 writer threads, and
 * on CI, where the entry sat in {@code twat_row}'s LRU, expiry and foreign key indexes but not in
 * the table or its other index. Every statement that reaches such an entry waits for the lock
 * timeout (10 s) and fails with H2's "Row not found in primary index" (90143). The rows
 * themselves are intact: rebuilding the indexes from the table loses nothing, where moving the
 * file aside as damaged would lose every cached entry.
 *
 * <p><b>How.</b> For each table that every write changes ({@code twat_row}, {@code twat_change}),
 * it counts the rows once through each index (H2 counts them from the index alone) and compares
 * the counts with the table's; an entry too many or too few shows as a difference. Then the
 * table's secondary indexes (and the foreign key, whose index H2 owns) are dropped and created
 * again from the schema (those that the schema no longer has, see {@link
 * Dialect#H2_UNUSED_ROW_INDEXES}, stay dropped), and one WARNING line says so. A check reads
 * each index once: run it when the file may be out of step (the first open after a killed
 * process, see {@link EmbeddedFile}, or a statement that met 90143), not at every open.
 *
 * <p>Stateless and thread-safe.
 */
final class IndexCheck {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  private static final AtomicLong REBUILT = new AtomicLong();
  /** The tables that every write changes, upper case as H2 reports them. */
  private static final List<String> TABLES = List.of("TWAT_ROW", "TWAT_CHANGE");
  private static final String INDEXES = "SELECT i.INDEX_NAME, i.INDEX_TYPE_NAME, c.COLUMN_NAME"
      + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
      + " ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME"
      + " AND c.ORDINAL_POSITION = 1"
      + " WHERE i.TABLE_SCHEMA = 'PUBLIC' AND i.TABLE_NAME = ?";

  private IndexCheck() {
  }

  /** One index of a table: its name, whether it is the primary key, its first column. */
  private record Index(String name, boolean primary, String firstColumn) {
  }

  /** Returns how many tables this JVM has rebuilt the indexes of. */
  static long rebuilt() {
    return REBUILT.get();
  }

  /**
   * Checks the indexes of the tables that every write changes and rebuilds those of a table
   * whose indexes do not hold exactly its rows; returns whether it rebuilt any.
   *
   * @param connection a connection to the embedded H2 database, in auto-commit mode
   * @param database the database file, for the log line
   * @param url the database's URL, for the log line of the foreign key
   * @throws SQLException if a check or a rebuild failed
   */
  static boolean rebuildIfOutOfStep(Connection connection, Object database, String url)
      throws SQLException {
    boolean any = false;
    for (String table : TABLES) {
      List<Index> indexes = indexes(connection, table);
      Map<String, Long> counts = counts(connection, table, indexes);
      if (counts.values().stream().distinct().count() <= 1) {
        continue;
      }
      rebuild(connection, table, indexes, url);
      Map<String, Long> after = counts(connection, table, indexes(connection, table));
      REBUILT.incrementAndGet();
      any = true;
      LOG.log(Level.WARNING, "The indexes of table " + table + " in the database file "
          + database + " did not hold exactly its rows (rows counted through each index: "
          + counts + "), as H2 may leave them after a killed process; rebuilt them from the"
          + " table, so no cached entry was lost (now: " + after + ")");
    }
    return any;
  }

  private static List<Index> indexes(Connection connection, String table) throws SQLException {
    List<Index> indexes = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(INDEXES)) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          indexes.add(new Index(rows.getString(1), "PRIMARY KEY".equals(rows.getString(2)),
              rows.getString(3)));
        }
      }
    }
    return indexes;
  }

  /** Counts the table's rows through each index (a range over all values of its first column). */
  private static Map<String, Long> counts(Connection connection, String table,
      List<Index> indexes) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement()) {
      for (Index index : indexes) {
        try (ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table
            + " USE INDEX (" + quoted(index.name()) + ") WHERE " + quoted(index.firstColumn())
            + " >= " + Long.MIN_VALUE)) {
          row.next();
          counts.put(index.name(), row.getLong(1));
        }
      }
    }
    return counts;
  }

  /** Drops the table's secondary indexes and the foreign key, and creates them again. */
  private static void rebuild(Connection connection, String table, List<Index> indexes,
      String url) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (table.equals("TWAT_ROW")) {
        // its index belongs to the constraint: dropping the constraint drops it
        statement.execute("ALTER TABLE twat_row DROP CONSTRAINT IF EXISTS "
            + CacheForeignKey.NAME);
      }
      for (Index index : indexes(connection, table)) {
        if (!index.primary()) {
          statement.execute("DROP INDEX IF EXISTS " + quoted(index.name()));
        }
      }
      for (String sql : Dialect.H2.schema()) {
        statement.execute(sql);
      }
    }
    if (table.equals("TWAT_ROW")) {
      CacheForeignKey.ensure(connection, url);
    }
    // a file of an earlier version may hold indexes that the schema now drops
    long kept = indexes.stream()
        .filter(index -> !Dialect.H2_UNUSED_ROW_INDEXES.contains(index.name()))
        .count();
    int now = indexes(connection, table).size();
    if (now < kept) {
      throw new SQLException("Rebuilt the indexes of " + table + " but " + kept
          + " of those there before are in the schema and only " + now + " are there now");
    }
  }

  private static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** Returns whether {@code e} says an index entry has no row in its table (H2 90143, 90112). */
  static boolean isOutOfStep(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && (sql.getErrorCode() == EmbeddedFile.H2_ROW_NOT_IN_INDEX
              || sql.getErrorCode() == EmbeddedFile.H2_ROW_NOT_FOUND_WHEN_DELETING)) {
        return true;
      }
    }
    return false;
  }
}

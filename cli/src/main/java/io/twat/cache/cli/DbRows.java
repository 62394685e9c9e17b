/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.store.db.RowCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Reads every row of one cache of the embedded database, streaming, and checks each with the db
 * store's own row checks ({@link RowCheck}: checksum and key hash; no key and no value classes
 * needed). Rows without a value hold a key for a transaction in progress and are skipped. Reads
 * only.
 *
 * <p>Stateless and thread-safe.
 */
final class DbRows {
  private static final int FETCH_SIZE = 1000;

  private DbRows() {
  }

  /** What {@link #check} calls with each row. */
  interface RowVisitor {
    /** Visits one row: its key hash, and why it is damaged or empty if it is whole. */
    void visit(long keyHash, Optional<String> damage);
  }

  /**
   * Checks each row of cache {@code name} of the embedded database in {@code folder}.
   *
   * @throws SQLException if the database cannot be read
   */
  static void check(Path folder, String name, RowVisitor visit) throws SQLException {
    try (Connection connection = DiskCaches.connectEmbedded(folder)) {
      check(connection, name, visit);
    }
  }

  /**
   * Checks each row of cache {@code name} of the database {@code connection} reads.
   *
   * @throws SQLException if the database cannot be read
   */
  static void check(Connection connection, String name, RowVisitor visit) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT r.cache_id, r.key_hash, r.key_bytes, r.value_bytes, r.checksum, r.expires_at"
            + " FROM twat_row r JOIN twat_cache c ON c.id = r.cache_id WHERE c.name = ?")) {
      select.setFetchSize(FETCH_SIZE);
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          byte[] value = rows.getBytes(4);
          if (value == null) {
            continue;
          }
          long keyHash = rows.getLong(2);
          visit.visit(keyHash, RowCheck.damage(rows.getInt(1), keyHash, rows.getBytes(3), value,
              rows.getInt(5), rows.getLong(6)));
        }
      }
    }
  }

  /**
   * Returns the figures of cache {@code name} of the database {@code connection} reads: each row
   * with a value, its {@code entry_size}, {@code accessed_at} (the last write) and whether it is
   * expired ({@code expired} of its {@code expires_at}) or damaged (the row checks). Encryption is
   * not told by a row: every row counts as encrypted when the cache's recorded settings say it
   * has keys of its own ({@code ownKeys}), none otherwise.
   *
   * @throws SQLException if the database cannot be read
   */
  static Figures figures(Connection connection, String name, LongPredicate expired)
      throws SQLException {
    boolean ownKeys = ownKeys(connection, name);
    Figures figures = new Figures();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT r.cache_id, r.key_hash, r.key_bytes, r.value_bytes, r.checksum, r.expires_at,"
            + " r.accessed_at, r.entry_size"
            + " FROM twat_row r JOIN twat_cache c ON c.id = r.cache_id WHERE c.name = ?")) {
      select.setFetchSize(FETCH_SIZE);
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          byte[] value = rows.getBytes(4);
          if (value == null) {
            continue;
          }
          long expiresAt = rows.getLong(6);
          boolean damaged = RowCheck.damage(rows.getInt(1), rows.getLong(2), rows.getBytes(3),
              value, rows.getInt(5), expiresAt).isPresent();
          figures.add(rows.getLong(8), rows.getLong(7), !damaged && expired.test(expiresAt),
              ownKeys, damaged);
        }
      }
    }
    return figures;
  }

  /** Returns whether cache {@code name}'s recorded settings say it has keys of its own. */
  static boolean ownKeys(Connection connection, String name) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT s.setting_value FROM twat_cache_setting s JOIN twat_cache c ON c.id = s.cache_id"
            + " WHERE c.name = ? AND s.setting_name = 'ownKeys'")) {
      select.setString(1, name);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() && Boolean.parseBoolean(rows.getString(1));
      }
    }
  }
}

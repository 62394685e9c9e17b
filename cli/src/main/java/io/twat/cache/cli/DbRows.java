/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.store.db.RowCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Reads every row of one cache of the embedded database, streaming, and checks each with the db
 * store's own row checks ({@link RowCheck}: checksum and key hash; no key and no value classes
 * needed). Rows without a value hold a key for a transaction in progress and are skipped. Reads
 * only, except {@link #quarantine}, which moves one damaged row into {@code twat_quarantine}
 * under the row's lock.
 *
 * <p>Stateless and thread-safe (each call works on the caller's connection).
 */
final class DbRows {
  private static final int FETCH_SIZE = 1000;
  /**
   * SQLSTATEs after which a quarantine's transaction is tried again, as the store's writers try
   * theirs: serialization failure, deadlock, lock timeouts (H2, PostgreSQL).
   */
  private static final Set<String> RETRY_STATES = Set.of("40001", "40P01", "HYT00", "55P03");
  /** H2's error code of a row changed by another transaction meanwhile. */
  private static final int H2_CONCURRENT_UPDATE = 90131;
  /** How many times a quarantine's transaction is tried. */
  private static final int MAX_ATTEMPTS = 5;
  /** Locks a row as the store's writers lock theirs: parameters cache id, key hash. */
  private static final String LOCK_ROW = "SELECT key_bytes, value_bytes, checksum, expires_at,"
      + " accessed_at, entry_size FROM twat_row WHERE cache_id = ? AND key_hash = ? FOR UPDATE";
  private static final String INSERT_QUARANTINED = "INSERT INTO twat_quarantine (key_hash,"
      + " cache_id, key_bytes, value_bytes, checksum, expires_at, accessed_at, entry_size, reason,"
      + " quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String DELETE_ROW =
      "DELETE FROM twat_row WHERE cache_id = ? AND key_hash = ?";

  private DbRows() {
  }

  /** What {@link #check} calls with each row. */
  interface RowVisitor {
    /**
     * Visits one row: its cache id, key hash, why it is damaged or empty if it is whole, and,
     * when it is whole and keys were given, why its value does not open with them (empty if it
     * opens, or if no keys were given).
     */
    void visit(int cacheId, long keyHash, Optional<String> damage, Optional<String> sealDamage);
  }

  /**
   * Checks each row of cache {@code name} of the database {@code connection} reads.
   *
   * @throws SQLException if the database cannot be read
   */
  static void check(Connection connection, String name, RowVisitor visit) throws SQLException {
    check(connection, name, /* sealer= */ null, visit);
  }

  /**
   * Checks each row of cache {@code name} of the database {@code connection} reads, and opens
   * each whole row's value with {@code sealer}'s keys if it is not null
   * ({@link RowCheck#sealDamage}).
   *
   * @throws SQLException if the database cannot be read
   */
  static void check(Connection connection, String name, Sealer sealer, RowVisitor visit)
      throws SQLException {
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
          int cacheId = rows.getInt(1);
          long keyHash = rows.getLong(2);
          byte[] key = rows.getBytes(3);
          Optional<String> damage =
              RowCheck.damage(cacheId, keyHash, key, value, rows.getInt(5), rows.getLong(6));
          visit.visit(cacheId, keyHash, damage, damage.isPresent() || sealer == null
              ? Optional.empty() : RowCheck.sealDamage(name, key, value, sealer));
        }
      }
    }
  }

  /**
   * Creates {@code twat_quarantine} in the database {@code connection} reads if it is missing,
   * with that database's column types ({@link RowCheck#quarantineTable}).
   *
   * @throws SQLException if it cannot be created
   */
  static void createQuarantine(Connection connection) throws SQLException {
    String sql = RowCheck.quarantineTable(connection.getMetaData().getDatabaseProductName());
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Quarantines the row {@code keyHash} of cache {@code cacheId} if it is still damaged, in one
   * transaction: locks it with {@code SELECT ... FOR UPDATE} as the store's writers lock a key
   * (so it waits for a writer of the key, and no writer changes it meanwhile), checks it again
   * under the lock ({@link RowCheck}), and then copies it into {@code twat_quarantine} (see
   * {@link #createQuarantine}) with the damage found and {@code now} (epoch milliseconds) and
   * deletes it from {@code twat_row}. A row that a writer replaced meanwhile (whole now), or
   * removed, stays as it is. A transaction that meets another one (a lock timeout, a deadlock)
   * is tried again, up to {@value #MAX_ATTEMPTS} times. Leaves the connection in auto-commit.
   * With {@code sealer} (the cache's keys), a row whose value does not open with them is still
   * damaged under the lock ({@link RowCheck#sealDamage}); {@code cacheName} is the row's cache.
   *
   * @return the id of the row in {@code twat_quarantine}, or empty if the row was whole or gone
   *     once its lock was held
   * @throws SQLException if the row cannot be locked, copied or deleted; it then stays
   */
  static OptionalLong quarantine(Connection connection, int cacheId, long keyHash, long now,
      String cacheName, Sealer sealer) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      connection.setAutoCommit(false);
      try {
        OptionalLong id =
            quarantineLocked(connection, cacheId, keyHash, now, cacheName, sealer);
        if (id.isPresent()) {
          connection.commit();
        } else {
          connection.rollback();
        }
        return id;
      } catch (SQLException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        boolean again = RETRY_STATES.contains(e.getSQLState())
            || e.getErrorCode() == H2_CONCURRENT_UPDATE;
        if (!again || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** The statements of {@link #quarantine}, in the connection's transaction. */
  private static OptionalLong quarantineLocked(Connection connection, int cacheId, long keyHash,
      long now, String cacheName, Sealer sealer) throws SQLException {
    byte[] key;
    byte[] value;
    int checksum;
    long expiresAt;
    long accessedAt;
    long size;
    try (PreparedStatement lock = connection.prepareStatement(LOCK_ROW)) {
      lock.setInt(1, cacheId);
      lock.setLong(2, keyHash);
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next()) {
          return OptionalLong.empty(); // removed meanwhile
        }
        key = row.getBytes(1);
        value = row.getBytes(2);
        checksum = row.getInt(3);
        expiresAt = row.getLong(4);
        accessedAt = row.getLong(5);
        size = row.getLong(6);
      }
    }
    if (value == null) {
      return OptionalLong.empty(); // a placeholder: the entry was removed, its key is being set
    }
    Optional<String> damage = RowCheck.damage(cacheId, keyHash, key, value, checksum, expiresAt);
    if (damage.isEmpty() && sealer != null) {
      damage = RowCheck.sealDamage(cacheName, key, value, sealer);
    }
    if (damage.isEmpty()) {
      return OptionalLong.empty(); // a writer replaced it meanwhile
    }
    String reason = damage.get();
    if (reason.length() > RowCheck.MAX_REASON_LENGTH) {
      reason = reason.substring(0, RowCheck.MAX_REASON_LENGTH);
    }
    long id;
    try (PreparedStatement insert =
        connection.prepareStatement(INSERT_QUARANTINED, new String[] {"id"})) {
      insert.setLong(1, keyHash);
      insert.setInt(2, cacheId);
      insert.setBytes(3, key);
      insert.setBytes(4, value);
      insert.setInt(5, checksum);
      insert.setLong(6, expiresAt);
      insert.setLong(7, accessedAt);
      insert.setLong(8, size);
      insert.setString(9, reason);
      insert.setLong(10, now);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database gave no id for the row inserted into "
              + "twat_quarantine");
        }
        id = keys.getLong(1);
      }
    }
    try (PreparedStatement delete = connection.prepareStatement(DELETE_ROW)) {
      delete.setInt(1, cacheId);
      delete.setLong(2, keyHash);
      if (delete.executeUpdate() != 1) {
        throw new SQLException("the locked row key_hash " + keyHash + " of twat_row could not "
            + "be deleted");
      }
    }
    return OptionalLong.of(id);
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

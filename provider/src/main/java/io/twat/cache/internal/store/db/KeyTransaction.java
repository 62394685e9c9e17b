/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.db.CacheRows.CorruptRow;
import io.twat.cache.internal.store.db.CacheRows.RefusedRow;
import io.twat.cache.internal.store.db.CacheRows.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The per-key read-modify-write of {@link DbStore#compute}: one transaction that locks the key's
 * row, calls the function once, and writes, deletes or leaves the row as the function says.
 *
 * <h2>Locking</h2>
 * The row is locked with {@code SELECT ... FOR UPDATE}; when it is missing, an empty placeholder
 * row (no value) is inserted first, which holds the key against every other transaction: another
 * inserter's insert waits, then fails with a duplicate key and starts over, before it called its
 * function. So a compute is atomic per key across the threads and processes that share the
 * database, and its function is called exactly once.
 *
 * <h2>Retries and failures</h2>
 * Before the function runs, a transaction that met another one on the key (a duplicate key, a
 * serialization failure, a deadlock, a lock timeout, H2's concurrent update) rolls back and tries
 * again: up to {@value #MAX_ATTEMPTS} attempts, of which at most {@value #MAX_LOCK_TIMEOUTS} may
 * end in a lock timeout (the next one fails the compute). A lost connection is replaced by a new
 * one, up to {@link Database#MAX_RECONNECTS} connections in all.
 * Once the function has run there is no retry: a function that throws, or a failure, rolls the
 * transaction back, and the key is unchanged. A placeholder left by the function returning null
 * is rolled back too, so it never outlives the transaction.
 *
 * <p>A committed change is made durable ({@link CacheRows#sync}) and counted in the rows'
 * estimate; a change that added a row or grew one then lets the {@link DbEvictor} check the
 * bounds, on the caller's thread, after the connection went back to the pool.
 *
 * <p>Thread-safe: every call has its own connection and transaction.
 */
final class KeyTransaction {
  /** How many times the row is locked when each attempt meets another transaction. */
  private static final int MAX_ATTEMPTS = 20;
  /** How many lock timeouts a compute tries again after; the next one fails it. */
  private static final int MAX_LOCK_TIMEOUTS = 2;
  /** SQLSTATEs of a lock timeout: H2, PostgreSQL. */
  private static final Set<String> LOCK_TIMEOUT_STATES = Set.of("HYT00", "55P03");
  /**
   * SQLSTATEs worth another attempt: duplicate key, serialization failure, deadlock, lock
   * timeouts.
   */
  private static final Set<String> RETRY_STATES =
      Set.of("23505", "40001", "40P01", "HYT00", "55P03");
  /** H2's error code of a row changed by another transaction meanwhile. */
  private static final int H2_CONCURRENT_UPDATE = 90131;

  private final CacheRows rows;
  private final DbEvictor evictor;

  /** Makes the transactions on {@code rows}; {@code evictor} checks the bounds after growth. */
  KeyTransaction(CacheRows rows, DbEvictor evictor) {
    this.rows = rows;
    this.evictor = evictor;
  }

  /**
   * Replaces the entry of {@code key} by what {@code function} returns for the current one, as
   * {@link io.twat.cache.internal.store.Store#compute} says.
   *
   * @return the entry the key has afterwards, or null
   * @throws StoreException if the key cannot be serialized, the row cannot be locked, read or
   *     written, or the value cannot be serialized; the key is then unchanged
   */
  <K> StoreEntry compute(K key,
      BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function)
      throws StoreException {
    Objects.requireNonNull(function, "function");
    byte[] keyBytes = rows.keyBytes(key);
    long hash = rows.hash(keyBytes);
    Database database = rows.database();
    Connection connection = null;
    Row row = null;
    for (int attempt = 1; connection == null; attempt++) {
      Connection candidate = rows.borrow();
      try {
        candidate.setAutoCommit(false);
        row = lockRow(candidate, hash, keyBytes);
        connection = candidate;
      } catch (SQLException e) {
        database.discard(candidate, e);
        if (!Database.isConnectionLost(e) || attempt >= Database.MAX_RECONNECTS) {
          throw rows.failure("change an entry in", e);
        }
        // the process that served the database file went away before the function ran: start
        // over
      }
    }
    boolean healthy = false;
    boolean inserted = false;
    boolean grew = false;
    StoreEntry result;
    try {
      try {
        boolean placeholder = row == null;
        StoreEntry current = null;
        boolean corrupt = false;
        if (row != null && row.belongsTo(keyBytes)) {
          try {
            current = rows.toEntry(row);
          } catch (CorruptRow e) {
            corrupt = true;
            rows.countCorrupt(hash, e.getMessage());
          } catch (RefusedRow e) {
            // absent to the function: a write replaces the row, nothing else touches it
            rows.countRefused(hash, e);
          }
        }
        result = function.apply(key, current);
        long oldSize = row == null || row.value() == null ? 0 : row.size();
        if (result == null) {
          if (current != null || corrupt) {
            rows.execute(connection, DbSql.DELETE_ROW, hash);
            connection.commit();
            rows.removed(oldSize);
            rows.sync(connection);
          } else {
            connection.rollback();
          }
        } else if (result == current) {
          connection.rollback();
        } else {
          long size = write(connection, hash, keyBytes, result);
          connection.commit();
          inserted = placeholder || row.value() == null;
          rows.written(inserted, size - oldSize);
          grew = size > oldSize;
          rows.sync(connection);
        }
      } finally {
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
        // back in auto-commit mode: fit for the pool, even if the function threw
        healthy = true;
      }
    } catch (SQLException e) {
      throw rows.failure("change an entry in", e);
    } finally {
      if (healthy) {
        database.giveBack(connection);
      } else {
        database.discard(connection);
      }
    }
    if (inserted || grew) {
      evictor.evictIfOverBound();
    }
    return result;
  }

  /**
   * Locks the key's row, inserting a placeholder if it is missing; returns the row, or null if it
   * was missing.
   */
  private Row lockRow(Connection connection, long hash, byte[] keyBytes) throws SQLException {
    int timeouts = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        Row row = rows.select(connection, DbSql.SELECT_ROW_FOR_UPDATE, hash);
        if (row != null) {
          return row;
        }
        try (PreparedStatement insert = connection.prepareStatement(DbSql.INSERT_PLACEHOLDER)) {
          insert.setInt(1, rows.cacheId());
          insert.setLong(2, hash);
          insert.setBytes(3, keyBytes);
          insert.setLong(4, System.currentTimeMillis());
          insert.executeUpdate();
        }
        return null;
      } catch (SQLException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        boolean timedOut = LOCK_TIMEOUT_STATES.contains(e.getSQLState());
        if (!isRetryable(e) || attempt >= MAX_ATTEMPTS
            || (timedOut && ++timeouts > MAX_LOCK_TIMEOUTS)) {
          throw e;
        }
        // another transaction inserted or held the key; its function was not ours: try again
      }
    }
  }

  private static boolean isRetryable(SQLException e) {
    return RETRY_STATES.contains(e.getSQLState()) || e.getErrorCode() == H2_CONCURRENT_UPDATE;
  }

  /** Writes the entry into the locked row; returns its size. */
  private long write(Connection connection, long hash, byte[] keyBytes, StoreEntry entry)
      throws SQLException, StoreException {
    byte[] value = rows.storedValue(keyBytes, entry.value());
    long size = (long) keyBytes.length + value.length;
    try (PreparedStatement update = connection.prepareStatement(DbSql.UPDATE_ROW)) {
      update.setBytes(1, keyBytes);
      update.setBytes(2, value);
      update.setInt(3, RowFormat.checksum(keyBytes, value, entry.expiresAt()));
      update.setLong(4, entry.expiresAt());
      update.setLong(5, System.currentTimeMillis());
      update.setLong(6, size);
      update.setInt(7, rows.cacheId());
      update.setLong(8, hash);
      update.executeUpdate();
    }
    return size;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.crypto.SealedDataException;
import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.serial.ClassNotAllowedException;
import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.RefusedReads;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of one cache in {@code twat_row}, as the parts of a {@link DbStore} share them: how a
 * row is read, decoded and checked ({@link #toEntry}), how a value is encoded for it
 * ({@link #storedValue}), what happens to a corrupt row, how a change is made durable
 * ({@link #sync}), and the running estimate of the cache's rows and bytes that the bounds are
 * checked against.
 *
 * <p>A row whose checksum fails, whose sealed value fails authentication, or whose bytes do not
 * deserialize is a {@link CorruptRow}: counted in {@link #corruptReads()}, logged, and deleted by
 * the caller (a read deletes it at once through {@link #removeCorrupt}, unless a writer replaced
 * it meanwhile). A key or value the serializer refuses (a class neither its allow-list nor the
 * cache's signature admits) is not corruption: it is a {@link RefusedRow}, which the caller reads
 * as a miss and counts through {@link #countRefused}, and the row stays (see
 * {@link RefusedReads}).
 *
 * <p>The methods that take a {@link Connection} run on the caller's connection (and in its
 * transaction, if it has one) and let its {@link SQLException}s through; the caller borrows the
 * connection ({@link #borrow()}) and gives it back or discards it. Log lines go to
 * {@link DbStore}'s logger, like those of the store's other parts.
 *
 * <p>Thread-safe: the counters are atomic and everything else is fixed at construction. The
 * estimate is exact after {@link #recount()} and drifts while other processes write the cache.
 */
final class CacheRows {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  /** How long after its last recorded use a read of a row in a bounded store records another. */
  private static final long TOUCH_MILLIS = 1_000L;

  private final Database database;
  private final Serializer serializer;
  private final String cacheName;
  private final int cacheId;
  private final Sealer sealer;
  private final Durability durability;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong corruptReads = new AtomicLong();
  private volatile boolean open; // once the store opened: see failure
  private final RefusedReads refusedReads = new RefusedReads(LOG);

  /**
   * Makes the rows of the cache {@code cacheId}.
   *
   * @param database the database, released by the store, not here
   * @param serializer turns keys and values into bytes and back
   * @param cacheName the cache's name, for messages and as the associated data of sealed values
   * @param cacheId the cache's id in {@code twat_cache}
   * @param sealer encrypts every value, or null to store values in the clear
   * @param durability how far a change goes before {@link #sync} returns
   */
  CacheRows(Database database, Serializer serializer, String cacheName, int cacheId, Sealer sealer,
      Durability durability) {
    this.database = database;
    this.serializer = serializer;
    this.cacheName = cacheName;
    this.cacheId = cacheId;
    this.sealer = sealer;
    this.durability = durability;
  }

  /** A row as read: value null for a placeholder. */
  @SuppressWarnings("ArrayRecordComponent") // a row as read, never compared or hashed
  record Row(byte[] key, byte[] value, int checksum, long expiresAt, long accessedAt, long size) {
    /** Returns whether this is a written row (not a placeholder) of the key {@code keyBytes}. */
    boolean belongsTo(byte[] keyBytes) {
      return value != null && Arrays.equals(key, keyBytes);
    }
  }

  /** A row whose bytes are not what this store wrote; never leaves the store. */
  static final class CorruptRow extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptRow(String reason) {
      super(reason, null, /* enableSuppression= */ false, /* writableStackTrace= */ false);
    }
  }

  /** A row whose key or value the serializer refused to deserialize; never leaves the store. */
  static final class RefusedRow extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedRow(ClassNotAllowedException refusal) {
      super(refusal.getMessage(), refusal, /* enableSuppression= */ false,
          /* writableStackTrace= */ false);
    }

    /** Returns what the serializer refused, and why. */
    ClassNotAllowedException refusal() {
      return (ClassNotAllowedException) getCause();
    }
  }

  /** Returns the database. */
  Database database() {
    return database;
  }

  /** Returns the cache's name. */
  String cacheName() {
    return cacheName;
  }

  /** Returns how far a change goes before {@link #sync} returns. */
  Durability durability() {
    return durability;
  }

  /** Returns the cache's id, the {@code cache_id} of its rows. */
  int cacheId() {
    return cacheId;
  }

  // ---------------------------------------------------------------- connections and failures

  /** Borrows a connection in auto-commit mode; a failure names the database and the cause. */
  Connection borrow() throws StoreException {
    return database.borrowOrThrow();
  }

  /** Returns the failure to {@code what} (e.g. "read an entry from") the cache's rows. */
  StoreException failure(String what, SQLException e) {
    if (CacheForeignKey.isCacheGone(e)) {
      return destroyed(what, "its entries would be read by nobody", e);
    }
    if (open) {
      // at open, DbStore.openEmbedded moves a damaged file aside at once
      database.noteDamage(e);
    }
    return new StoreException("Could not " + what + " cache \"" + cacheName + "\" in "
        + database.url() + ": " + Database.explain(e), e);
  }

  /**
   * Returns the failure to {@code what} the cache's rows of a cache whose record is gone (see
   * {@link #isRecorded}): {@code consequence} says what would go wrong if it went on.
   */
  StoreException destroyed(String what, String consequence, SQLException cause) {
    return new StoreException("Could not " + what + " cache \"" + cacheName + "\" in "
        + database.url() + ": the cache was destroyed (by another process or cache manager; or "
        + "created again with other types) while this one held it open, so " + consequence
        + "; close the cache and get it again (CacheManager.getCache or createCache)", cause);
  }

  /**
   * Returns whether the cache's record still exists under its id: false once another process or
   * manager destroyed the cache (or created it again, with a new id), while this store held it.
   *
   * @throws SQLException also if the record is found by the cache's name under its id but not by
   *     its id: a damaged file (H2's "file corrupted", see {@link Database#noteDamage}), not a
   *     destroyed cache
   */
  boolean isRecorded(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(DbSql.CACHE_RECORDED)) {
      select.setInt(1, cacheId);
      try (ResultSet result = select.executeQuery()) {
        if (result.next()) {
          return true;
        }
      }
    }
    try (PreparedStatement select = connection.prepareStatement(DbSql.SELECT_CACHE)) {
      select.setString(1, cacheName);
      try (ResultSet result = select.executeQuery()) {
        if (result.next() && result.getInt(1) == cacheId) {
          throw new SQLException("File corrupted: the record of cache \"" + cacheName + "\" is"
              + " found by its name under id " + cacheId + " but not by that id", "90030",
              90030);
        }
      }
    }
    return false;
  }

  /**
   * After a commit on {@code connection}: writes committed data to the file (durability {@code
   * process}) or forces it to the device ({@code fsync}) where the database needs to be told,
   * returning once a checkpoint that started after the call has completed; concurrent writers
   * share one checkpoint ({@link Database#makeDurable}).
   */
  void sync(Connection connection) throws SQLException {
    database.makeDurable(connection, durability);
  }

  // ---------------------------------------------------------------- keys and rows

  /** Returns the bytes of a key (not null). */
  byte[] keyBytes(Object key) throws StoreException {
    Objects.requireNonNull(key, "key");
    try {
      return serializer.toBytes(key);
    } catch (SerializationException e) {
      throw new StoreException("Could not serialize a key for the database store: "
          + e.getMessage(), e);
    }
  }

  /** Returns the key hash, the primary key, of the row of {@code keyBytes} in this cache. */
  long hash(byte[] keyBytes) {
    return RowFormat.keyHash(cacheId, keyBytes);
  }

  /**
   * Returns the key of a row.
   *
   * @throws RefusedRow if the serializer refuses the key's class
   * @throws SerializationException if the key does not deserialize otherwise
   */
  Object key(Row row) throws RefusedRow {
    try {
      return serializer.fromBytes(row.key());
    } catch (ClassNotAllowedException e) {
      throw new RefusedRow(e);
    }
  }

  /**
   * Reads one row with {@code sql} ({@link DbSql#SELECT_ROW} or
   * {@link DbSql#SELECT_ROW_FOR_UPDATE}); returns null if there is none.
   */
  Row select(Connection connection, String sql, long hash) throws SQLException {
    PreparedStatement select = database.statement(connection, sql);
    select.setInt(1, cacheId);
    select.setLong(2, hash);
    try (ResultSet result = select.executeQuery()) {
      return result.next() ? readRow(result, 1) : null;
    }
  }

  /** Reads the {@link DbSql#COLUMNS} of a row, starting at column {@code first}. */
  static Row readRow(ResultSet result, int first) throws SQLException {
    return new Row(result.getBytes(first), result.getBytes(first + 1), result.getInt(first + 2),
        result.getLong(first + 3), result.getLong(first + 4), result.getLong(first + 5));
  }

  /** Runs {@code sql} with the parameters cache id and key hash (e.g. {@link DbSql#DELETE_ROW}). */
  void execute(Connection connection, String sql, long hash) throws SQLException {
    PreparedStatement statement = database.statement(connection, sql);
    statement.setInt(1, cacheId);
    statement.setLong(2, hash);
    statement.executeUpdate();
  }

  /**
   * Returns the entry of a written row (not a placeholder).
   *
   * @throws CorruptRow if the checksum fails, the sealed value fails authentication, or the value
   *     does not deserialize
   * @throws RefusedRow if the serializer refuses the value's class
   */
  StoreEntry toEntry(Row row) throws CorruptRow, RefusedRow {
    if (RowFormat.checksum(row.key(), row.value(), row.expiresAt()) != row.checksum()) {
      throw new CorruptRow("checksum mismatch");
    }
    try {
      return new StoreEntry(serializer.fromBytes(
          RowFormat.openValue(sealer, row.value(), aad(row.key()))), row.expiresAt());
    } catch (SealedDataException e) {
      throw new CorruptRow("the value fails authentication (tampered, moved, or sealed with "
          + "another key): " + e.getMessage());
    } catch (ClassNotAllowedException e) {
      throw new RefusedRow(e);
    } catch (SerializationException e) {
      throw new CorruptRow("the value does not deserialize: " + e.getMessage());
    }
  }

  /**
   * Returns the bytes to store for {@code value} in the row of {@code keyBytes}:
   * serialized, then sealed if the store encrypts.
   */
  byte[] storedValue(byte[] keyBytes, Object value) throws StoreException {
    try {
      return RowFormat.sealValue(sealer, serializer.toBytes(value), aad(keyBytes));
    } catch (SerializationException e) {
      throw new StoreException("Could not serialize a value for the database store: "
          + e.getMessage(), e);
    }
  }

  /** Returns the associated data of a sealed value: cache name and key, so a moved value fails. */
  private byte[] aad(byte[] keyBytes) {
    return RowFormat.associatedData(cacheName, keyBytes);
  }

  /**
   * Records a read of a row in a bounded store, unless its last recorded use is less than a
   * second old or it was used meanwhile: eviction takes the least recently used rows first.
   */
  void touch(Connection connection, long hash, Row row) throws SQLException {
    long now = System.currentTimeMillis();
    if (now - row.accessedAt() < TOUCH_MILLIS) {
      return;
    }
    PreparedStatement touch = database.statement(connection, DbSql.TOUCH);
    touch.setLong(1, now);
    touch.setInt(2, cacheId);
    touch.setLong(3, hash);
    touch.setLong(4, row.accessedAt());
    touch.executeUpdate();
  }

  // ---------------------------------------------------------------- corrupt rows

  /** Returns how many reads met a corrupt row since the store opened. */
  long corruptReads() {
    return corruptReads.get();
  }

  /** Counts and logs a corrupt row; the caller deletes it. */
  void countCorrupt(long hash, String reason) {
    corruptReads.incrementAndGet();
    LOG.log(Level.WARNING, "A row of cache \"{0}\" in {1} (key hash {2}) is corrupt ({3}); it is "
        + "treated as a miss and deleted", cacheName, database.url(), Long.toHexString(hash),
        reason);
  }

  /** Marks the store open: from now on, damage a statement meets is recorded (see failure). */
  void opened() {
    open = true;
  }

  /**
   * Counts a read that met damage in the database file (see {@link Database#noteDamage}, which
   * logs it) as a corrupt read: the read is a miss.
   */
  void countDamagedRead() {
    corruptReads.incrementAndGet();
  }

  /** Deletes a corrupt row read without a lock, unless a writer replaced it meanwhile. */
  void removeCorrupt(Connection connection, long hash, Row row, String reason) throws SQLException {
    countCorrupt(hash, reason);
    try (PreparedStatement delete = connection.prepareStatement(DbSql.DELETE_CORRUPT)) {
      delete.setInt(1, cacheId);
      delete.setLong(2, hash);
      delete.setInt(3, row.checksum());
      delete.setLong(4, row.expiresAt());
      if (delete.executeUpdate() > 0) {
        removed(row.size());
      }
    }
  }

  // ---------------------------------------------------------------- refused rows

  /** Returns how many reads met a key or value the serializer refused since the store opened. */
  long refusedReads() {
    return refusedReads.count();
  }

  /** Counts and logs (once per row) a read that met a refused key or value; the row stays. */
  void countRefused(long hash, RefusedRow refused) {
    refusedReads.refused(hash, "The row of cache \"" + cacheName + "\" in " + database.url()
        + " (key hash " + Long.toHexString(hash) + ")", refused.refusal());
  }

  // ---------------------------------------------------------------- the running estimate

  /** Returns the estimated number of rows. */
  long rows() {
    return count.get();
  }

  /** Returns the estimated bytes of keys and values. */
  long bytes() {
    return bytes.get();
  }

  /** Records that a row of {@code size} bytes was deleted. */
  void removed(long size) {
    count.decrementAndGet();
    bytes.addAndGet(-size);
  }

  /** Records that a row was written: a new one if {@code inserted}, {@code growth} bytes larger. */
  void written(boolean inserted, long growth) {
    if (inserted) {
      count.incrementAndGet();
    }
    bytes.addAndGet(growth);
  }

  /** Records that every row was deleted. */
  void emptied() {
    count.set(0);
    bytes.set(0);
  }

  /**
   * Counts the rows and their bytes exactly, setting the estimate; returns the rows.
   *
   * @throws StoreException if the database cannot be read
   */
  long recount() throws StoreException {
    return recount(/* withBytes= */ true);
  }

  /**
   * Counts the rows exactly, and their bytes too if {@code withBytes}, setting the estimate;
   * returns the rows. Without the bytes, the count reads an index instead of every row.
   *
   * @throws StoreException if the database cannot be read
   */
  long recount(boolean withBytes) throws StoreException {
    for (int attempt = 1; ; attempt++) {
      Connection connection = borrow();
      try {
        long rows;
        try (PreparedStatement select =
            connection.prepareStatement(withBytes ? DbSql.COUNT : DbSql.COUNT_ROWS)) {
          select.setInt(1, cacheId);
          try (ResultSet result = select.executeQuery()) {
            result.next();
            rows = result.getLong(1);
            if (withBytes) {
              bytes.set(result.getLong(2));
            }
          }
        }
        count.set(rows);
        database.giveBack(connection);
        return rows;
      } catch (SQLException e) {
        database.discard(connection, e);
        if (!Database.isConnectionLost(e) || attempt >= Database.MAX_RECONNECTS) {
          throw failure("count the entries in", e);
        }
      }
    }
  }
}

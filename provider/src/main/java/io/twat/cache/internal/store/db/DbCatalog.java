/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * The catalog of the caches in one database: the table {@code twat_cache}, one row per cache
 * (its id, name, key and value type names and the {@link RowFormat#VERSION} of its rows), and
 * the table {@code twat_cache_setting}, one row per setting the cache manager recorded for a
 * cache (cache id, setting name, setting value; none for caches recorded by earlier versions).
 *
 * <ul>
 *   <li>{@link #register} finds a cache's record by name, or records it, and returns its id, the
 *       {@code cache_id} of its rows. A cache recorded with other types is recorded anew with the
 *       new ones, under a new id, while it has no rows, and refused while it has some.</li>
 *   <li>{@link #recordSettings} replaces a cache's settings in one transaction.</li>
 *   <li>{@link #list} returns the recorded caches with their settings; {@link #destroy} deletes
 *       a cache's rows, settings and record.</li>
 * </ul>
 *
 * <p>Two processes that record one cache at once agree on one record: the name is unique, and
 * the one whose insert fails reads the other's. Failures are {@link StoreException}s naming the
 * cache, the database and the cause.
 *
 * <p>Thread-safe: it keeps no state but its database, and each call has its own connection.
 */
final class DbCatalog {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  /** How many times {@link #register} reads and inserts before it gives up. */
  private static final int MAX_ATTEMPTS = 20;
  private static final AtomicLong DAMAGED_RECORDS = new AtomicLong();
  /**
   * The longest cache name, and the longest key or value type name, a database store records
   * (the width of their columns in {@code twat_cache}).
   */
  static final int MAX_NAME_LENGTH = 1000;

  private final Database database;

  /** Returns how many damaged cache records this JVM recorded anew (their caches emptied). */
  static long damagedRecords() {
    return DAMAGED_RECORDS.get();
  }

  /**
   * Returns the check of a cache's record: the CRC32C of its name, key type, value type (UTF-8,
   * each followed by a 0 byte) and format version.
   */
  static int recordCheck(String name, String keyType, String valueType, int formatVersion) {
    CRC32C crc = new CRC32C();
    for (String part : List.of(name, keyType, valueType, Integer.toString(formatVersion))) {
      crc.update(part.getBytes(StandardCharsets.UTF_8));
      crc.update(0);
    }
    return (int) crc.getValue();
  }

  /**
   * Adds the column {@code record_check} to a {@code twat_cache} of an earlier version. Looks
   * first: an {@code ALTER TABLE} locks the table even when it changes nothing (PostgreSQL).
   *
   * @throws SQLException if the column cannot be read or added (the caller tries again: two
   *     processes may add it at once)
   */
  static void ensureRecordCheck(Connection connection) throws SQLException {
    try (PreparedStatement column = connection.prepareStatement("SELECT 1 FROM"
        + " information_schema.columns WHERE UPPER(table_name) = 'TWAT_CACHE'"
        + " AND UPPER(column_name) = 'RECORD_CHECK'");
        ResultSet found = column.executeQuery()) {
      if (found.next()) {
        return;
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE twat_cache ADD COLUMN IF NOT EXISTS record_check INTEGER");
    }
  }

  /** Makes the catalog of {@code database}; it borrows connections, never releases the database. */
  DbCatalog(Database database) {
    this.database = database;
  }

  /**
   * Finds or records the cache of {@code spec}, checking its types, and returns its id; takes a
   * new connection when pooled ones turn out lost (the process that served the database file
   * went away).
   *
   * @throws StoreException if the database cannot be reached or written, or holds rows of the
   *     cache under other key or value types
   */
  int register(StoreSpec spec) throws StoreException {
    for (int attempt = 1; ; attempt++) {
      try {
        return registerOnce(spec);
      } catch (StoreException e) {
        // pooled connections of a database whose serving process went away: the pool is
        // drained, try anew
        if (!(e.getCause() instanceof SQLException sql && Database.isConnectionLost(sql))
            || attempt >= Database.MAX_RECONNECTS) {
          throw e;
        }
      }
    }
  }

  private int registerOnce(StoreSpec spec) throws StoreException {
    String keyType = spec.keyType().getName();
    String valueType = spec.valueType().getName();
    checkLength("cache name", spec.cacheName());
    checkLength("key type name", keyType);
    checkLength("value type name", valueType);
    Connection connection = database.borrowOrThrow();
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        try (PreparedStatement select = connection.prepareStatement(DbSql.SELECT_CACHE)) {
          select.setString(1, spec.cacheName());
          try (ResultSet row = select.executeQuery()) {
            if (row.next()) {
              int id = row.getInt(1);
              String storedKey = row.getString(2);
              String storedValue = row.getString(3);
              int formatVersion = row.getInt(4);
              int check = row.getInt(5);
              boolean damaged = !row.wasNull() && check
                  != recordCheck(spec.cacheName(), storedKey, storedValue, formatVersion);
              if (!damaged && keyType.equals(storedKey) && valueType.equals(storedValue)) {
                database.giveBack(connection);
                return id;
              }
              // recorded with other types, or damaged: recorded anew under a new id, then read
              // again
              retype(connection, spec, id, storedKey, storedValue, damaged);
              continue;
            }
          }
        }
        try (PreparedStatement insert = connection.prepareStatement(DbSql.INSERT_CACHE)) {
          insert.setString(1, spec.cacheName());
          insert.setString(2, keyType);
          insert.setString(3, valueType);
          insert.setInt(4, RowFormat.VERSION);
          insert.setInt(5, recordCheck(spec.cacheName(), keyType, valueType, RowFormat.VERSION));
          insert.executeUpdate();
          // in the file before any change of its rows: a journal's records need their cache
          database.flush(connection);
        } catch (SQLException e) {
          if (!Database.isDuplicateKey(e)) {
            throw e;
          }
          // another process recorded the cache meanwhile: read its row
        }
      }
      throw new StoreException("Could not record the cache \"" + spec.cacheName() + "\" in "
          + database.url() + " after " + MAX_ATTEMPTS + " attempts");
    } catch (SQLException e) {
      database.discard(connection, e);
      throw new StoreException("Could not open the cache \"" + spec.cacheName() + "\" in "
          + database.url() + ": " + Database.explain(e), e);
    } catch (StoreException e) {
      database.giveBack(connection);
      throw e;
    }
  }

  private static void checkLength(String what, String name) throws StoreException {
    if (name.length() > MAX_NAME_LENGTH) {
      throw new StoreException("The " + what + " \"" + name.substring(0, 40) + "...\" is "
          + name.length() + " characters long; a twat:db store records names of at most "
          + MAX_NAME_LENGTH + " characters. Choose a shorter name.");
    }
  }

  /**
   * Records the cache of {@code spec} anew, under a new id, in place of its record {@code id} of
   * other types, if it has no rows; else refuses. In one transaction that locks the record: its
   * settings and record are deleted and a new record inserted, as a destroy and a create would.
   * So a store that still holds the cache under its old types (another process, another manager)
   * is a holder of a destroyed cache: its writes are refused by the database, never read back by
   * the new cache as values of other types (as the file store, which gives the cache a new
   * generation). The caller reads the record again; if it changed meanwhile, nothing is done.
   * A {@code damaged} record (its check does not match its name, types and format version: a
   * damaged page, not a cache of other types) is recorded anew whatever rows it has, which are
   * dropped with it, with one ERROR line and a count ({@link #damagedRecords()}).
   */
  private void retype(Connection connection, StoreSpec spec, int id, String storedKey,
      String storedValue, boolean damaged) throws SQLException, StoreException {
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement lock = connection.prepareStatement(DbSql.SELECT_CACHE_FOR_UPDATE)) {
        lock.setString(1, spec.cacheName());
        try (ResultSet row = lock.executeQuery()) {
          if (!row.next() || row.getInt(1) != id || !storedKey.equals(row.getString(2))
              || !storedValue.equals(row.getString(3))) {
            connection.rollback();
            return; // recorded anew or destroyed meanwhile: the caller reads it again
          }
        }
      }
      try (PreparedStatement any = connection.prepareStatement(DbSql.ANY_ROW)) {
        any.setInt(1, id);
        try (ResultSet row = any.executeQuery()) {
          if (row.next() && !damaged) {
            connection.rollback();
            throw new StoreException("The cache \"" + spec.cacheName() + "\" in "
                + database.url() + " holds entries of " + storedKey + " -> " + storedValue
                + ", not " + spec.keyType().getName() + " -> " + spec.valueType().getName()
                + "; create it with the types it was stored with, use another cache name, "
                + "or destroy the cache (CacheManager.destroyCache) to store other types under "
                + "this name");
          }
        }
      }
      try (PreparedStatement settings = connection.prepareStatement(DbSql.DELETE_SETTINGS);
          PreparedStatement record = connection.prepareStatement(DbSql.DELETE_CACHE);
          PreparedStatement insert = connection.prepareStatement(DbSql.INSERT_CACHE)) {
        settings.setInt(1, id);
        settings.executeUpdate();
        record.setString(1, spec.cacheName());
        record.executeUpdate();
        insert.setString(1, spec.cacheName());
        insert.setString(2, spec.keyType().getName());
        insert.setString(3, spec.valueType().getName());
        insert.setInt(4, RowFormat.VERSION);
        insert.setInt(5, recordCheck(spec.cacheName(), spec.keyType().getName(),
            spec.valueType().getName(), RowFormat.VERSION));
        insert.executeUpdate();
      }
      connection.commit();
      database.flush(connection);
      if (damaged) {
        DAMAGED_RECORDS.incrementAndGet();
        LOG.log(Level.ERROR, "The record of cache \"" + spec.cacheName() + "\" in "
            + database.url() + " is damaged (it says " + storedKey + " -> " + storedValue
            + ", which its check does not match); recorded it anew: the cache starts empty");
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /**
   * Returns the recorded caches.
   *
   * @throws StoreException if the database cannot be reached or read
   */
  List<PersistedCache> list() throws StoreException {
    Connection connection = database.borrowOrThrow();
    try {
      Map<String, Map<String, String>> settings = settingsByCache(connection);
      List<PersistedCache> caches = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(DbSql.LIST_CACHES);
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String name = rows.getString(1);
          caches.add(new PersistedCache(name, rows.getString(2), rows.getString(3),
              settings.getOrDefault(name, Map.of())));
        }
      }
      database.giveBack(connection);
      return caches;
    } catch (SQLException e) {
      database.discard(connection, e);
      throw new StoreException("Could not list the caches in " + database.url() + ": "
          + Database.explain(e), e);
    }
  }

  /**
   * Returns the recorded settings by cache name, leaving out those a store cannot keep
   * ({@link PersistedCache#isValidSetting}) and those past {@link PersistedCache#MAX_SETTINGS}.
   * Settings that cannot be read (their table was dropped while this JVM had the database open)
   * are logged and left out, so that the caches still open, with the JCache defaults.
   */
  private Map<String, Map<String, String>> settingsByCache(Connection connection)
      throws SQLException {
    Map<String, Map<String, String>> settings = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(DbSql.LIST_SETTINGS);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String name = rows.getString(2);
        String value = rows.getString(3);
        Map<String, String> ofCache = settings.computeIfAbsent(rows.getString(1),
            cache -> new TreeMap<>());
        if (PersistedCache.isValidSetting(name, value)
            && ofCache.size() < PersistedCache.MAX_SETTINGS) {
          ofCache.put(name, value);
        }
      }
    } catch (SQLException e) {
      if (Database.isConnectionLost(e)) {
        throw e;
      }
      LOG.log(Level.WARNING, "Could not read the recorded cache settings in {0} ({1}); its "
          + "caches reopen with the JCache defaults", database.url(), Database.explain(e));
      settings.clear();
    }
    return settings;
  }

  /**
   * Replaces the settings recorded for the cache {@code cacheName}, in one transaction that
   * holds the cache's record, so that concurrent recorders take turns and readers see either
   * the old settings or the new ones; then asks the database to write them to its file.
   *
   * @return whether the cache is recorded (nothing is written if not)
   * @throws StoreException if the database cannot be reached or written
   */
  boolean recordSettings(String cacheName, Map<String, String> settings) throws StoreException {
    Connection connection = database.borrowOrThrow();
    try {
      boolean recorded;
      connection.setAutoCommit(false);
      boolean committed = false;
      try {
        recorded = replaceSettings(connection, cacheName, settings);
        connection.commit();
        committed = true;
      } finally {
        Database.autoCommitAgain(connection, committed);
      }
      if (recorded) {
        database.flush(connection);
      }
      database.giveBack(connection);
      return recorded;
    } catch (SQLException e) {
      database.discard(connection, e);
      throw new StoreException("Could not record the settings of the cache \"" + cacheName
          + "\" in " + database.url() + ": " + Database.explain(e), e);
    }
  }

  private static boolean replaceSettings(Connection connection, String cacheName,
      Map<String, String> settings) throws SQLException {
    int id;
    try (PreparedStatement select = connection.prepareStatement(DbSql.SELECT_CACHE_FOR_UPDATE)) {
      select.setString(1, cacheName);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return false;
        }
        id = row.getInt(1);
      }
    }
    try (PreparedStatement delete = connection.prepareStatement(DbSql.DELETE_SETTINGS)) {
      delete.setInt(1, id);
      delete.executeUpdate();
    }
    if (!settings.isEmpty()) {
      try (PreparedStatement insert = connection.prepareStatement(DbSql.INSERT_SETTING)) {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
          insert.setInt(1, id);
          insert.setString(2, setting.getKey());
          insert.setString(3, setting.getValue());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    return true;
  }

  /**
   * Deletes the rows, the settings and the record of the cache {@code cacheName}, so that no
   * manager lists it any more.
   *
   * @return whether the cache was recorded
   * @throws StoreException if the database cannot be reached or written
   */
  boolean destroy(String cacheName) throws StoreException {
    Connection connection = database.borrowOrThrow();
    try {
      try (PreparedStatement rows = connection.prepareStatement(DbSql.DELETE_CACHE_ROWS);
          PreparedStatement settings = connection.prepareStatement(DbSql.DELETE_CACHE_SETTINGS);
          PreparedStatement record = connection.prepareStatement(DbSql.DELETE_CACHE)) {
        rows.setString(1, cacheName);
        rows.executeUpdate();
        settings.setString(1, cacheName);
        settings.executeUpdate();
        record.setString(1, cacheName);
        boolean recorded = record.executeUpdate() > 0;
        database.giveBack(connection);
        return recorded;
      }
    } catch (SQLException e) {
      database.discard(connection, e);
      throw new StoreException("Could not delete the cache \"" + cacheName + "\" in "
          + database.url() + ": " + Database.explain(e), e);
    }
  }
}

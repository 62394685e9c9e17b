package io.twat.cache.internal.store.db;

import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog of the caches in one database: the table {@code twat_cache}, one row per cache
 * (its id, name, key and value type names and the {@link RowFormat#VERSION} of its rows).
 *
 * <ul>
 *   <li>{@link #register} finds a cache's record by name, or records it, and returns its id, the
 *       {@code cache_id} of its rows. A cache recorded with other types is recorded with the new
 *       ones while it has no rows, and refused while it has some.</li>
 *   <li>{@link #list} returns the recorded caches; {@link #destroy} deletes a cache's rows and
 *       record.</li>
 * </ul>
 *
 * <p>Two processes that record one cache at once agree on one record: the name is unique, and
 * the one whose insert fails reads the other's. Failures are {@link StoreException}s naming the
 * cache, the database and the cause.
 *
 * <p>Thread-safe: it keeps no state but its database, and each call has its own connection.
 */
final class DbCatalog {
  /** SQLSTATE of a unique constraint violation: the record was inserted by someone else. */
  private static final String DUPLICATE_KEY = "23505";
  /** How many times {@link #register} reads and inserts before it gives up. */
  private static final int MAX_ATTEMPTS = 20;

  private final Database database;

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
    Connection connection = database.borrowOrThrow();
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        try (PreparedStatement select = connection.prepareStatement(DbSql.SELECT_CACHE)) {
          select.setString(1, spec.cacheName());
          try (ResultSet row = select.executeQuery()) {
            if (row.next()) {
              int id = row.getInt(1);
              if (!keyType.equals(row.getString(2)) || !valueType.equals(row.getString(3))) {
                retype(connection, spec, id, row.getString(2), row.getString(3));
              }
              database.giveBack(connection);
              return id;
            }
          }
        }
        try (PreparedStatement insert = connection.prepareStatement(DbSql.INSERT_CACHE)) {
          insert.setString(1, spec.cacheName());
          insert.setString(2, keyType);
          insert.setString(3, valueType);
          insert.setInt(4, RowFormat.VERSION);
          insert.executeUpdate();
        } catch (SQLException e) {
          if (!DUPLICATE_KEY.equals(e.getSQLState())) {
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

  /** Records the types of {@code spec} for the cache {@code id} if it has no rows, else refuses. */
  private void retype(Connection connection, StoreSpec spec, int id, String storedKey,
      String storedValue) throws SQLException, StoreException {
    try (PreparedStatement any = connection.prepareStatement(DbSql.ANY_ROW)) {
      any.setInt(1, id);
      try (ResultSet row = any.executeQuery()) {
        if (row.next()) {
          throw new StoreException("The cache \"" + spec.cacheName() + "\" in " + database.url()
              + " holds entries of " + storedKey + " -> " + storedValue + ", not "
              + spec.keyType().getName() + " -> " + spec.valueType().getName()
              + "; create it with the types it was stored with, use another cache name, "
              + "or destroy the cache (CacheManager.destroyCache) to store other types under "
              + "this name");
        }
      }
    }
    try (PreparedStatement update = connection.prepareStatement(DbSql.UPDATE_CACHE)) {
      update.setString(1, spec.keyType().getName());
      update.setString(2, spec.valueType().getName());
      update.setInt(3, RowFormat.VERSION);
      update.setInt(4, id);
      update.executeUpdate();
    }
  }

  /**
   * Returns the recorded caches.
   *
   * @throws StoreException if the database cannot be reached or read
   */
  List<PersistedCache> list() throws StoreException {
    Connection connection = database.borrowOrThrow();
    try (PreparedStatement select = connection.prepareStatement(DbSql.LIST_CACHES);
        ResultSet rows = select.executeQuery()) {
      List<PersistedCache> caches = new ArrayList<>();
      while (rows.next()) {
        caches.add(new PersistedCache(rows.getString(1), rows.getString(2), rows.getString(3)));
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
   * Deletes the rows and the record of the cache {@code cacheName}, so that no manager lists it
   * any more.
   *
   * @return whether the cache was recorded
   * @throws StoreException if the database cannot be reached or written
   */
  boolean destroy(String cacheName) throws StoreException {
    Connection connection = database.borrowOrThrow();
    try {
      try (PreparedStatement rows = connection.prepareStatement(DbSql.DELETE_CACHE_ROWS);
          PreparedStatement record = connection.prepareStatement(DbSql.DELETE_CACHE)) {
        rows.setString(1, cacheName);
        rows.executeUpdate();
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

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

/**
 * The text of every statement the database store runs on its tables, {@code twat_cache},
 * {@code twat_cache_setting} and {@code twat_row} (their layout is described in {@link DbStore},
 * the statements that create them in {@link Dialect#schema()}). Every statement here is standard
 * SQL, the same for every {@link Dialect}: {@code SELECT ... FOR UPDATE}, plain {@code INSERT},
 * {@code UPDATE}, {@code DELETE}, {@code JOIN} and {@code FETCH FIRST n ROWS ONLY}. What differs
 * between databases (the column types of the schema, how a commit reaches the device) is in
 * {@link Dialect}.
 *
 * <p>The statements of a row name both the cache id and the key hash, even though the key hash
 * alone is the primary key: a row of another cache is never read or changed by mistake.
 *
 * <p>Constants only; thread-safe.
 */
final class DbSql {
  /** How many rows one page of the iterator reads ({@link Dialect#pageRows()}). */
  static final int PAGE = 128;
  /**
   * How many rows one round of a sweep lists ({@link #EXPIRED}), and one batch of an eviction
   * deletes.
   */
  static final int BATCH = 256;

  /** The columns of a row as {@link CacheRows#readRow} reads them, in order. */
  static final String COLUMNS =
      "key_bytes, value_bytes, checksum, expires_at, accessed_at, entry_size";

  // ------------------------------------------------------------ one row (cache id, key hash)

  /** Reads a row: parameters cache id, key hash. */
  static final String SELECT_ROW =
      "SELECT " + COLUMNS + " FROM twat_row WHERE cache_id = ? AND key_hash = ?";
  /** Reads a row and locks it until the transaction ends: parameters cache id, key hash. */
  static final String SELECT_ROW_FOR_UPDATE = SELECT_ROW + " FOR UPDATE";
  /**
   * Inserts the empty row (no value) that holds a missing key for a transaction: parameters
   * cache id, key hash, key bytes, accessed at.
   */
  static final String INSERT_PLACEHOLDER = "INSERT INTO twat_row (cache_id, key_hash, key_bytes, "
      + "value_bytes, checksum, expires_at, accessed_at, entry_size) "
      + "VALUES (?, ?, ?, NULL, 0, 0, ?, 0)";
  /**
   * Writes a locked row: parameters key bytes, value bytes, checksum, expires at, accessed at,
   * entry size, cache id, key hash.
   */
  static final String UPDATE_ROW = "UPDATE twat_row SET key_bytes = ?, value_bytes = ?, "
      + "checksum = ?, expires_at = ?, accessed_at = ?, entry_size = ? "
      + "WHERE cache_id = ? AND key_hash = ?";
  /** Deletes a row: parameters cache id, key hash. */
  static final String DELETE_ROW = "DELETE FROM twat_row WHERE cache_id = ? AND key_hash = ?";
  /**
   * Deletes a corrupt row read without a lock, unless a writer replaced it meanwhile:
   * parameters cache id, key hash, checksum, expires at as read.
   */
  static final String DELETE_CORRUPT = DELETE_ROW + " AND checksum = ? AND expires_at = ?";
  /**
   * Records a read of a row unless it was written or read meanwhile: parameters the new accessed
   * at, cache id, key hash, the accessed at as read.
   */
  static final String TOUCH = "UPDATE twat_row SET accessed_at = ? "
      + "WHERE cache_id = ? AND key_hash = ? AND accessed_at = ?";

  // ------------------------------------------------------------ the rows of one cache (cache id)

  /** Counts a cache's rows (placeholders included) and their bytes: parameter cache id. */
  static final String COUNT =
      "SELECT COUNT(*), COALESCE(SUM(entry_size), 0) FROM twat_row WHERE cache_id = ?";
  /**
   * Counts a cache's rows alone: parameter cache id. An index answers it, where the sum of
   * {@link #COUNT} reads every row.
   */
  static final String COUNT_ROWS = "SELECT COUNT(*) FROM twat_row WHERE cache_id = ?";
  /** Deletes every row of a cache: parameter cache id. */
  static final String CLEAR = "DELETE FROM twat_row WHERE cache_id = ?";
  /** Reads a page of rows from a key hash on, key hash first: parameters cache id, first hash. */
  static final String PAGE_ROWS = "SELECT key_hash, " + COLUMNS + " FROM twat_row "
      + "WHERE cache_id = ? AND key_hash >= ? ORDER BY key_hash FETCH FIRST " + PAGE + " ROWS ONLY";
  /**
   * {@link #PAGE_ROWS} for a database that would otherwise plan it with an index on {@code
   * cache_id} and sort (H2, see {@link Dialect#pageRows()}): {@code cache_id + 0} is no column,
   * so only the primary key's range on {@code key_hash} is left to plan with, which is in the
   * order asked for. Parameters cache id, first hash.
   */
  static final String PAGE_ROWS_BY_PRIMARY_KEY = "SELECT key_hash, " + COLUMNS + " FROM twat_row "
      + "WHERE cache_id + 0 = ? AND key_hash >= ? ORDER BY key_hash FETCH FIRST " + PAGE
      + " ROWS ONLY";
  /** Lists the hashes of rows whose deadline has passed: parameters cache id, now. */
  static final String EXPIRED = "SELECT key_hash FROM twat_row "
      + "WHERE cache_id = ? AND expires_at <= ? ORDER BY expires_at "
      + "FETCH FIRST " + BATCH + " ROWS ONLY";
  /**
   * Lists the least recently used rows: parameters cache id, how many. One listing serves a whole
   * eviction: on H2, which has no index in this order, each listing reads all of the cache's rows.
   */
  static final String LEAST_RECENT = "SELECT key_hash, accessed_at, entry_size FROM twat_row "
      + "WHERE cache_id = ? ORDER BY accessed_at, key_hash FETCH FIRST ? ROWS ONLY";
  /**
   * Evicts a row unless it was used since it was listed: parameters cache id, key hash, accessed
   * at as listed.
   */
  static final String EVICT =
      "DELETE FROM twat_row WHERE cache_id = ? AND key_hash = ? AND accessed_at = ?";
  /** Tells whether a cache has a row: parameter cache id. */
  static final String ANY_ROW =
      "SELECT key_hash FROM twat_row WHERE cache_id = ? FETCH FIRST 1 ROWS ONLY";

  // ------------------------------------------------------------ the catalog (twat_cache)

  /** Lists the recorded caches. */
  static final String LIST_CACHES = "SELECT name, key_type, value_type FROM twat_cache";
  /** Finds a cache's record: parameter name. */
  static final String SELECT_CACHE = "SELECT id, key_type, value_type, format_version,"
      + " record_check FROM twat_cache WHERE name = ?";
  /** Records a cache: parameters name, key type, value type, format version, record check. */
  static final String INSERT_CACHE = "INSERT INTO twat_cache (name, key_type, value_type, "
      + "format_version, record_check) VALUES (?, ?, ?, ?, ?)";
  /** Finds a cache's record by its id: parameter id. */
  static final String CACHE_RECORDED = "SELECT id FROM twat_cache WHERE id = ?";
  /** Deletes the rows of a cache by its name: parameter name. */
  static final String DELETE_CACHE_ROWS =
      "DELETE FROM twat_row WHERE cache_id IN (SELECT id FROM twat_cache WHERE name = ?)";
  /** Deletes a cache's record: parameter name. */
  static final String DELETE_CACHE = "DELETE FROM twat_cache WHERE name = ?";

  // ------------------------------------------------------------ settings (twat_cache_setting)

  /** Lists the recorded settings of every cache: cache name, setting name, setting value. */
  static final String LIST_SETTINGS = "SELECT c.name, s.setting_name, s.setting_value "
      + "FROM twat_cache_setting s JOIN twat_cache c ON c.id = s.cache_id";
  /**
   * Finds a cache's record and locks it until the transaction ends, so that recorders of its
   * settings take turns: parameter name.
   */
  static final String SELECT_CACHE_FOR_UPDATE = SELECT_CACHE + " FOR UPDATE";
  /** Deletes a cache's settings: parameter cache id. */
  static final String DELETE_SETTINGS = "DELETE FROM twat_cache_setting WHERE cache_id = ?";
  /** Records a setting: parameters cache id, setting name, setting value. */
  static final String INSERT_SETTING = "INSERT INTO twat_cache_setting (cache_id, setting_name, "
      + "setting_value) VALUES (?, ?, ?)";
  /** Deletes the settings of a cache by its name: parameter name. */
  static final String DELETE_CACHE_SETTINGS = "DELETE FROM twat_cache_setting "
      + "WHERE cache_id IN (SELECT id FROM twat_cache WHERE name = ?)";

  private DbSql() {
  }
}

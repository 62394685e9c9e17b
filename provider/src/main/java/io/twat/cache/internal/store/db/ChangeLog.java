/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes one store's changes into {@code twat_change}, in the transaction of the change, so that
 * the heap tiers of other JVMs (other hosts) over the same database learn of them
 * ({@link ChangeFeed}).
 *
 * <h2>The table</h2>
 * <pre>
 *   twat_change (seq IDENTITY PRIMARY KEY, cache_id, origin, key_bytes, created_at)
 * </pre>
 * One row per committed change of a key ({@code key_bytes}: the key's serialized bytes), or of
 * the whole cache ({@code key_bytes} null: a {@code clear}). {@code origin} is a random number
 * per open store, so that a store skips its own changes (its heap tier has them already);
 * {@code created_at} is the writer's wall clock, which pruning reads. On PostgreSQL the same
 * statement calls {@code pg_notify('twat_change', seq)}, which the server delivers to the
 * listening connections when (and only if) the transaction commits.
 *
 * <h2>A sequence behind its rows</h2>
 * On H2 a process killed at the wrong moment can leave {@code seq}'s identity behind the rows
 * already in the table: H2 hands out the first number of a new block of its sequence before it
 * has written the block's end to the file, so another writer's row with a later number may reach
 * the file first (seen as a duplicate key in the kill tests). The next inserts would then fail as
 * duplicates until the identity passed the highest row. So on H2 an insert that meets a
 * duplicate {@code seq} is made again, each time with the next number, up to {@value
 * #MAX_REUSED_NUMBERS} times, and the numbers skipped are logged once per store (a WARNING). A
 * failed statement leaves H2's transaction as it was, so the change and its record still commit
 * together. PostgreSQL's sequences are in its write-ahead log and never go back.
 *
 * <h2>Pruning</h2>
 * Rows older than {@link #RETENTION_MILLIS} are deleted every {@link #PRUNE_INTERVAL_MILLIS} by
 * each store that writes the log, except the newest row, whatever its age: a follower that starts
 * takes the newest number as its place in the log ({@link ChangeFeed}), and in an empty log it
 * would start from 0, taking every number before the next change for a hole, or emptying its
 * heap tiers when more than {@link ChangeFeed#MAX_HOLES} were missing. A follower that has not
 * read the log for half the retention assumes it missed rows and empties its heap tiers.
 *
 * <p>Thread-safe and immutable: each call works on the caller's connection.
 */
final class ChangeLog {
  /** How long a row is kept. */
  static final long RETENTION_MILLIS = 60_000L;
  /** How often old rows are deleted. */
  static final long PRUNE_INTERVAL_MILLIS = 10_000L;
  /** The PostgreSQL notification channel. */
  static final String CHANNEL = "twat_change";
  /** A log that records nothing: for stores no heap tier of another JVM reads. */
  static final ChangeLog NONE = new ChangeLog(/* database= */ null, 0, 0);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String INSERT = "INSERT INTO twat_change (cache_id, origin, key_bytes, "
      + "created_at) VALUES (?, ?, ?, ?)";
  /** PostgreSQL: the insert and its notification in one round trip. */
  private static final String INSERT_AND_NOTIFY = "WITH c AS (" + INSERT + " RETURNING seq) "
      + "SELECT pg_notify('" + CHANNEL + "', CAST(seq AS VARCHAR(20))) FROM c";
  private static final String PRUNE = "DELETE FROM twat_change WHERE created_at < ? AND seq < ?";
  private static final String NEWEST = "SELECT MAX(seq) FROM twat_change";
  private static final AgedRows AGED =
      new AgedRows(PRUNE, NEWEST, RETENTION_MILLIS, "the change log");

  /**
   * How many numbers already used one insert skips on H2 before it fails (see "A sequence behind
   * its rows"); H2 reserves 32 at a time.
   */
  static final int MAX_REUSED_NUMBERS = 1_024;
  private static final System.Logger LOG = System.getLogger(ChangeLog.class.getName());

  private final Database database;
  private final int cacheId;
  private final long origin;
  private final AtomicBoolean reuseLogged = new AtomicBoolean();

  private ChangeLog(Database database, int cacheId, long origin) {
    this.database = database;
    this.cacheId = cacheId;
    this.origin = origin;
  }

  /**
   * Returns the log of one open store of cache {@code cacheId} in {@code database}, with a fresh
   * origin.
   */
  static ChangeLog of(Database database, int cacheId) {
    long origin;
    do {
      origin = RANDOM.nextLong();
    } while (origin == 0);
    return new ChangeLog(database, cacheId, origin);
  }

  /** Returns whether this log records changes. */
  boolean isOn() {
    return database != null;
  }

  /** Returns the number that marks this store's own rows. */
  long origin() {
    return origin;
  }

  /**
   * Records a change of {@code keyBytes} (null: of the whole cache) in the transaction of
   * {@code connection}, a connection borrowed from the log's database; does nothing if the log is
   * off. The insert stays prepared on the connection ({@link Database#statement}).
   */
  void record(Connection connection, byte[] keyBytes) throws SQLException {
    if (database == null) {
      return;
    }
    Dialect dialect = database.dialect();
    boolean notify = dialect == Dialect.POSTGRESQL;
    PreparedStatement insert = database.statement(connection, notify ? INSERT_AND_NOTIFY : INSERT);
    insert.setInt(1, cacheId);
    insert.setLong(2, origin);
    if (keyBytes == null) {
      insert.setNull(3, Types.VARBINARY);
    } else {
      insert.setBytes(3, keyBytes);
    }
    insert.setLong(4, System.currentTimeMillis());
    if (notify) {
      // the notification is sent at commit
      insert.executeQuery().close();
    } else if (dialect == Dialect.H2) {
      insertSkippingUsedNumbers(insert);
    } else {
      insert.executeUpdate();
    }
  }

  /** Runs the insert, made again while its {@code seq} is a number already used (above). */
  private void insertSkippingUsedNumbers(PreparedStatement insert) throws SQLException {
    for (int skipped = 0; ; skipped++) {
      try {
        insert.executeUpdate();
        if (skipped > 0 && reuseLogged.compareAndSet(false, true)) {
          LOG.log(Level.WARNING, "The change log of cache id {0} handed out {1} numbers already"
              + " used, after a process was killed (H2 can write a block of its sequence after"
              + " rows numbered from it); they were skipped and nothing was lost", cacheId,
              skipped);
        }
        return;
      } catch (SQLException e) {
        if (!Database.isDuplicateKey(e) || skipped >= MAX_REUSED_NUMBERS) {
          throw e;
        }
      }
    }
  }

  /** Deletes old rows every {@link #PRUNE_INTERVAL_MILLIS} until the returned task is cancelled. */
  static ScheduledFuture<?> schedulePruning(Database database, ScheduledExecutorService executor) {
    return AGED.schedule(database, executor, PRUNE_INTERVAL_MILLIS);
  }

  /** Deletes the rows older than {@link #RETENTION_MILLIS}; returns how many, -1 on a failure. */
  static int prune(Database database) {
    return AGED.prune(database);
  }
}

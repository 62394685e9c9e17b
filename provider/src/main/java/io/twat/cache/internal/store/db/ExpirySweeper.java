/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.Ticker;
import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.db.CacheRows.CorruptRow;
import io.twat.cache.internal.store.db.CacheRows.RefusedRow;
import io.twat.cache.internal.store.db.CacheRows.Row;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deletes a cache's rows whose deadline has passed on the cache's clock, in batches of
 * {@link DbSql#BATCH} (the earliest deadlines first), until a batch comes back short or deletes
 * nothing. Each row is locked ({@code SELECT ... FOR UPDATE}), checked again, deleted and
 * reported to {@link StoreListener#onExpired} in one transaction, so the listener hears of it
 * while the key is held and a row that was rewritten meanwhile is left alone. A row that cannot
 * be read back is deleted all the same, without a report.
 *
 * <p>When made with a positive interval, it sweeps on the {@link Database#housekeeping()} thread
 * at that interval until {@link #stop()}; a failure there is logged, and the next sweep tries
 * again. {@link #sweep()} also sweeps on the caller's thread.
 *
 * <p>Thread-safe: each sweep has its own connection, and sweeps that overlap (here or in other
 * processes) each delete and report a row at most once between them, since the row is locked and
 * checked again.
 */
final class ExpirySweeper {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());

  private final CacheRows rows;
  private final Ticker ticker;
  private final StoreListener listener;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ScheduledFuture<?> scheduled;

  /**
   * Makes the sweeper of {@code rows}, scheduling it on {@code housekeeping} every
   * {@code intervalMillis} (0: never; {@link #sweep()} still sweeps when called).
   *
   * @param rows the cache's rows
   * @param ticker the cache's clock, which the deadlines run against
   * @param listener told about each row swept
   * @param housekeeping the thread that runs the scheduled sweeps
   * @param intervalMillis how often to sweep, or 0 never to schedule a sweep
   */
  ExpirySweeper(CacheRows rows, Ticker ticker, StoreListener listener,
      ScheduledExecutorService housekeeping, long intervalMillis) {
    this.rows = rows;
    this.ticker = ticker;
    this.listener = listener;
    this.scheduled = intervalMillis > 0
        ? housekeeping.scheduleWithFixedDelay(this::sweepQuietly, intervalMillis, intervalMillis,
            TimeUnit.MILLISECONDS)
        : null;
  }

  /** Returns whether sweeps are scheduled; false once stopped. */
  boolean isScheduled() {
    return scheduled != null && !scheduled.isDone();
  }

  /** Cancels the scheduled sweeps and ends a sweep in progress after its current batch. */
  void stop() {
    stopped.set(true);
    if (scheduled != null) {
      scheduled.cancel(/* mayInterruptIfRunning= */ false);
    }
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (StoreException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not sweep the expired entries of cache \"{0}\" in {1}: {2}",
          rows.cacheName(), rows.database().url(), e.getMessage());
    }
  }

  /**
   * Deletes the rows whose deadline has passed, reporting each to the listener while its row is
   * locked; returns how many it deleted (0 once stopped).
   *
   * @throws StoreException if the database cannot be read or written
   */
  int sweep() throws StoreException {
    Database database = rows.database();
    int swept = 0;
    long now = ticker.millis();
    while (!stopped.get()) {
      List<Long> hashes = new ArrayList<>();
      Connection connection = rows.borrow();
      try {
        try (PreparedStatement select = connection.prepareStatement(DbSql.EXPIRED)) {
          select.setInt(1, rows.cacheId());
          select.setLong(2, now);
          try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
              hashes.add(result.getLong(1));
            }
          }
        }
        int before = swept;
        for (long hash : hashes) {
          if (expire(connection, hash, now)) {
            swept++;
          }
        }
        database.giveBack(connection);
        if (hashes.size() < DbSql.BATCH || swept == before) {
          return swept;
        }
      } catch (SQLException e) {
        database.discard(connection, e);
        throw rows.failure("sweep expired entries from", e);
      }
    }
    return swept;
  }

  /** Deletes the row of {@code hash} if its deadline is still past; returns whether it did. */
  private boolean expire(Connection connection, long hash, long now) throws SQLException {
    connection.setAutoCommit(false);
    boolean committed = false;
    try {
      Row row = rows.select(connection, DbSql.SELECT_ROW_FOR_UPDATE, hash);
      if (row == null || row.value() == null || row.expiresAt() > now) {
        return false;
      }
      rows.execute(connection, DbSql.DELETE_ROW, hash);
      try {
        StoreEntry entry = rows.toEntry(row);
        listener.onExpired(rows.key(row), entry);
      } catch (CorruptRow | RefusedRow | SerializationException e) {
        LOG.log(Level.DEBUG, "Swept an expired row that could not be read back: {0}",
            e.getMessage());
      }
      connection.commit();
      committed = true;
      rows.removed(row.size());
      return true;
    } finally {
      Database.autoCommitAgain(connection, committed);
    }
  }
}

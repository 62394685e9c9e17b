/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreListener;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a cache's rows within its bounds: at most {@code maxEntries} rows and {@code maxBytes}
 * bytes of keys and values (either bound 0 for none).
 *
 * <p>The bounds are checked against the running estimate of {@link CacheRows}, after a change
 * that added or grew a row ({@link #evictIfOverBound()}). Once past a bound, the evictor counts
 * exactly, lists as many of the least recently used rows ({@code accessed_at}, then key hash) as
 * it takes to free about a tenth of the bound, in one query, and deletes them in batches of
 * {@link DbSql#BATCH}; it lists again only if rows it listed were used or deleted meanwhile, or
 * if the rows' average size misled it about a byte bound. One listing per eviction matters on
 * H2, where no index has this order and each listing reads every row of the cache: listing a
 * batch at a time made the put that crossed a bound of 100,000 rows wait 2.5-2.8 s (40 listings),
 * instead of one. A row is deleted only if it was not used since it was listed (its {@code
 * accessed_at} is unchanged), so a row that was just written or read survives. The deletions
 * are reported to the {@link StoreListener} as one {@code onEvicted} call. A failure is logged,
 * not thrown: the change that triggered the eviction succeeded, and the next one tries again.
 *
 * <p>Thread-safe: one eviction runs at a time per store (a caller that finds one running returns
 * at once); evictions of other processes may run meanwhile, and a row that one of them deleted
 * is simply not counted twice.
 */
final class DbEvictor {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  /** How many listings one eviction makes at most. */
  private static final int MAX_ROUNDS = 1_000;
  /** The most rows one listing returns; a larger eviction lists again. */
  static final int MAX_LISTED = 65_536;

  private final CacheRows rows;
  private final long maxEntries;
  private final long maxBytes;
  private final StoreListener listener;
  private final AtomicBoolean evicting = new AtomicBoolean();

  /**
   * Makes the evictor of {@code rows}.
   *
   * @param rows the cache's rows
   * @param maxEntries the most rows, or 0 for no such bound
   * @param maxBytes the most bytes of keys and values, or 0 for no such bound
   * @param listener told how many rows each eviction deleted
   */
  DbEvictor(CacheRows rows, long maxEntries, long maxBytes, StoreListener listener) {
    this.rows = rows;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.listener = listener;
  }

  /** Returns whether the cache has a bound, so that reads must record their use. */
  boolean isBounded() {
    return maxEntries > 0 || maxBytes > 0;
  }

  private boolean isOverBound() {
    return (maxEntries > 0 && rows.rows() > maxEntries)
        || (maxBytes > 0 && rows.bytes() > maxBytes);
  }

  /** A row that may be evicted, as it was when listed. */
  private record Candidate(long hash, long accessedAt, long size) {
  }

  /** Evicts the least recently used rows if the estimate is past a bound; never throws. */
  void evictIfOverBound() {
    if (isOverBound()) {
      evict();
    }
  }

  private void evict() {
    if (!evicting.compareAndSet(false, true)) {
      return;
    }
    int evicted = 0;
    Set<Long> gone = new HashSet<>();
    try {
      long count = rows.recount(/* withBytes= */ maxBytes > 0);
      long entriesToGo = maxEntries > 0 && count > maxEntries
          ? count - (maxEntries - maxEntries / 10) : 0;
      long bytes = rows.bytes();
      long bytesToGo = maxBytes > 0 && bytes > maxBytes ? bytes - (maxBytes - maxBytes / 10) : 0;
      for (int round = 0; round < MAX_ROUNDS && (entriesToGo > 0 || bytesToGo > 0); round++) {
        List<Candidate> listed = leastRecent(listingSize(entriesToGo, bytesToGo, count, bytes));
        if (listed.isEmpty()) {
          break;
        }
        int evictedBefore = evicted;
        for (int from = 0; from < listed.size() && (entriesToGo > 0 || bytesToGo > 0);
            from += DbSql.BATCH) {
          List<Candidate> chosen = new ArrayList<>();
          long entries = entriesToGo;
          long size = bytesToGo;
          for (Candidate candidate
              : listed.subList(from, Math.min(listed.size(), from + DbSql.BATCH))) {
            if (entries <= 0 && size <= 0) {
              break;
            }
            chosen.add(candidate);
            entries--;
            size -= candidate.size();
          }
          for (Candidate deleted : deleteAll(chosen)) {
            evicted++;
            entriesToGo--;
            bytesToGo -= deleted.size();
            rows.removed(deleted.size());
            gone.add(deleted.hash());
          }
        }
        if (evicted == evictedBefore) {
          break; // every listed row was used or deleted meanwhile: the next change tries again
        }
      }
      if (evicted > 0) {
        syncDeletions();
      }
    } catch (StoreException e) {
      // the change itself succeeded; the next insert tries again
      LOG.log(Level.WARNING, "Could not evict entries of cache \"{0}\" from {1}: {2}",
          rows.cacheName(), rows.database().url(), e.getMessage());
    } finally {
      evicting.set(false);
      if (evicted > 0) {
        listener.onEvicted(evicted, key -> gone.contains(hashOf(key)));
      }
    }
  }

  /**
   * How many rows to list for an eviction that must delete {@code entriesToGo} rows or {@code
   * bytesToGo} bytes, whichever is more, from a cache of {@code rowCount} rows and {@code
   * byteCount} bytes: a byte bound is turned into rows at the cache's average row size. At least
   * one batch, at most {@link #MAX_LISTED}.
   */
  static int listingSize(long entriesToGo, long bytesToGo, long rowCount, long byteCount) {
    long wanted = entriesToGo;
    if (bytesToGo > 0) {
      long average = rowCount > 0 ? Math.max(1L, byteCount / rowCount) : 1L;
      wanted = Math.max(wanted, bytesToGo / average + 1);
    }
    return (int) Math.min(MAX_LISTED, Math.max(DbSql.BATCH, wanted));
  }

  private List<Candidate> leastRecent(int limit) throws StoreException {
    Database database = rows.database();
    Connection connection = rows.borrow();
    try {
      List<Candidate> candidates = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(DbSql.LEAST_RECENT)) {
        select.setInt(1, rows.cacheId());
        select.setInt(2, limit);
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            candidates.add(new Candidate(result.getLong(1), result.getLong(2), result.getLong(3)));
          }
        }
      }
      database.giveBack(connection);
      return candidates;
    } catch (SQLException e) {
      database.discard(connection, e);
      throw rows.failure("list entries to evict from", e);
    }
  }

  /**
   * Makes the eviction's deletions as durable as the store's writes, with one checkpoint for all
   * of its batches: one per batch rewrote the pages the next batch changed again (a tenth of a
   * bound of 100,000 rows took 40).
   */
  private void syncDeletions() throws StoreException {
    Database database = rows.database();
    Connection connection = rows.borrow();
    try {
      rows.sync(connection);
      database.giveBack(connection);
    } catch (SQLException e) {
      database.discard(connection, e);
      throw rows.failure("write the evictions to", e);
    }
  }

  /** Deletes the candidates that were not used since they were listed; returns those it deleted. */
  private List<Candidate> deleteAll(List<Candidate> candidates) throws StoreException {
    Database database = rows.database();
    Connection connection = rows.borrow();
    try {
      List<Candidate> deleted = new ArrayList<>();
      connection.setAutoCommit(false);
      boolean committed = false;
      try (PreparedStatement delete = connection.prepareStatement(DbSql.EVICT)) {
        for (Candidate candidate : candidates) {
          delete.setInt(1, rows.cacheId());
          delete.setLong(2, candidate.hash());
          delete.setLong(3, candidate.accessedAt());
          delete.addBatch();
        }
        int[] results = delete.executeBatch();
        connection.commit();
        committed = true;
        for (int i = 0; i < results.length; i++) {
          if (results[i] > 0 || results[i] == Statement.SUCCESS_NO_INFO) {
            deleted.add(candidates.get(i));
          }
        }
      } finally {
        Database.autoCommitAgain(connection, committed);
      }
      database.giveBack(connection);
      return deleted;
    } catch (SQLException e) {
      database.discard(connection, e);
      throw rows.failure("evict entries from", e);
    }
  }

  /** Returns the row key of {@code key}, or null if it cannot be a key of the cache. */
  private Long hashOf(Object key) {
    try {
      return rows.hash(rows.keyBytes(key));
    } catch (StoreException e) {
      return null;
    }
  }
}

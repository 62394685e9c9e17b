/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.db.CacheRows.CorruptRow;
import io.twat.cache.internal.store.db.CacheRows.RefusedRow;
import io.twat.cache.internal.store.db.CacheRows.Row;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Iterates over a cache's entries by paging through its rows in key-hash order: one short query
 * ({@link Dialect#pageRows()}, {@link DbSql#PAGE} rows) per page, each on a connection borrowed
 * for that page only, so an iterator left unfinished holds nothing. The next page starts after the
 * last hash of the previous one, so the iteration is weakly consistent: it never fails on rows
 * that others change, sees each row that stays put once, and may or may not see rows written
 * meanwhile.
 *
 * <p>Placeholders (rows locked by a transaction in progress) are skipped. A corrupt row (see
 * {@link CacheRows}), or one whose key does not deserialize, is counted, logged and deleted; a
 * row whose key or value the serializer refuses is skipped, counted and logged once, and stays
 * (see {@link CacheRows#countRefused}). A database failure
 * is logged and ends the iteration, since {@link Iterator} cannot throw a checked exception.
 * {@code remove} is not supported.
 *
 * <p>Not thread-safe: one thread iterates, like any iterator.
 *
 * @param <K> the type of keys
 */
final class RowIterator<K> implements Iterator<Map.Entry<K, StoreEntry>> {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());

  private final CacheRows rows;
  private final ArrayDeque<Map.Entry<K, StoreEntry>> ready = new ArrayDeque<>();
  private long from = Long.MIN_VALUE;
  private boolean exhausted;

  /** Makes an iterator over {@code rows}, which reads its first page when first asked. */
  RowIterator(CacheRows rows) {
    this.rows = rows;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty() && !exhausted) {
      fetch();
    }
    return !ready.isEmpty();
  }

  @Override
  public Map.Entry<K, StoreEntry> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  /** A row to delete after the page was read, and why. */
  private record Corrupt(long hash, Row row, String reason) {
  }

  /** Reads the next page into {@link #ready}, deleting its corrupt rows. */
  @SuppressWarnings("unchecked")
  private void fetch() {
    Database database = rows.database();
    List<Corrupt> corrupt = new ArrayList<>();
    Connection connection;
    try {
      connection = database.borrow();
    } catch (SQLException e) {
      warnUnreadable(e);
      exhausted = true;
      return;
    }
    try {
      int read = 0;
      long last = from;
      try (PreparedStatement select = connection.prepareStatement(database.dialect().pageRows())) {
        select.setInt(1, rows.cacheId());
        select.setLong(2, from);
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            read++;
            last = result.getLong(1);
            Row row = CacheRows.readRow(result, 2);
            if (row.value() == null) {
              continue;
            }
            try {
              StoreEntry entry = rows.toEntry(row);
              K key = (K) rows.key(row);
              ready.add(new AbstractMap.SimpleImmutableEntry<>(key, entry));
            } catch (CorruptRow e) {
              corrupt.add(new Corrupt(last, row, e.getMessage()));
            } catch (RefusedRow e) {
              rows.countRefused(last, e);
            } catch (SerializationException e) {
              corrupt.add(
                  new Corrupt(last, row, "the key does not deserialize: " + e.getMessage()));
            }
          }
        }
      }
      for (Corrupt gone : corrupt) {
        rows.removeCorrupt(connection, gone.hash(), gone.row(), gone.reason());
      }
      exhausted = read < DbSql.PAGE || last == Long.MAX_VALUE;
      from = last + 1;
      database.giveBack(connection);
    } catch (SQLException e) {
      database.discard(connection, e);
      warnUnreadable(e);
      exhausted = true;
    }
  }

  private void warnUnreadable(SQLException e) {
    LOG.log(Level.WARNING, "Could not read the entries of cache \"{0}\" from {1}: {2}",
        rows.cacheName(), rows.database().url(), Database.explain(e));
  }
}

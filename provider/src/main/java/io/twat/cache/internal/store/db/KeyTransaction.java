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
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * end in a lock timeout (the next one fails the compute). A lost connection (the process that
 * served the database file went away) is replaced by a new one, for at least
 * {@link Database#MAX_RECONNECTS} connections and, for an embedded file handed over between
 * processes, up to {@value #RECONNECT_MILLIS} ms.
 * Once the function has run it is never called again: a function that throws, or a failure,
 * rolls the transaction back, and the key is unchanged. A placeholder left by the function
 * returning null is rolled back too, so it never outlives the transaction.
 *
 * <h2>Lost connections</h2>
 * A connection that may be lost (see {@link OperationLog}: a client of another process's H2
 * server, or a database server) records a fresh operation id in the transaction that writes.
 * When the connection is lost after the function ran (at the write, the commit or the durability
 * statement), the change is finished on a new connection ({@link #recover}): the key's row is
 * locked again and the id looked up; if it is there, the change was committed and the compute
 * returns what the function returned; if not, and the row is as the function saw it, the change
 * the function asked for is made now (so the call completes once, its function called once); if
 * another process changed the row meanwhile, the compute fails with a {@link StoreException}
 * saying that this change was not applied. So a handover between processes either goes unseen or
 * fails a call that left the key as the other process made it, never one that was applied.
 *
 * <p>A committed change is made durable (by this JVM's journal or a checkpoint, see {@link
 * #commitDurably}) and counted in the rows'
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
  /** How long a change keeps taking new connections while each one turns out lost. */
  private static final long RECONNECT_MILLIS = 30_000L;
  /** H2's error code of a database file held by another process. */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;
  /** H2's error code of a row changed by another transaction meanwhile. */
  private static final int H2_CONCURRENT_UPDATE = 90131;

  private final CacheRows rows;
  private final DbEvictor evictor;
  private final ChangeLog changes;

  /**
   * Makes the transactions on {@code rows}; {@code evictor} checks the bounds after growth, and
   * each committed change is recorded in {@code changes} in its transaction.
   */
  KeyTransaction(CacheRows rows, DbEvictor evictor, ChangeLog changes) {
    this.rows = rows;
    this.evictor = evictor;
    this.changes = changes;
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
    boolean handovers = EmbeddedFile.of(database.url()).isPresent();
    Connection connection = null;
    Row row = null;
    long start = System.nanoTime();
    for (int attempt = 1; connection == null; attempt++) {
      Connection candidate;
      try {
        candidate = database.borrow();
      } catch (SQLException e) {
        if (isHandover(e) && reconnect(attempt, start, handovers)) {
          continue;
        }
        throw new StoreException("Could not connect to " + database.url() + ": "
            + Database.explain(e), e);
      }
      try {
        candidate.setAutoCommit(false);
        row = lockRow(candidate, hash, keyBytes);
        connection = candidate;
      } catch (SQLException e) {
        database.discard(candidate, e);
        if (!Database.isConnectionLost(e) || !reconnect(attempt, start, handovers)) {
          throw rows.failure("change an entry in", e);
        }
        // the process that served the database file went away before the function ran: start
        // over
      }
    }
    long opId = OperationLog.idFor(connection, database.dialect());
    StoreEntry result;
    Action action;
    try {
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
      action = result == current ? Action.NOTHING
          : result != null ? Action.WRITE
          : current != null || corrupt ? Action.DELETE : Action.NOTHING;
    } catch (RuntimeException | Error e) {
      release(connection);
      throw e;
    }
    boolean grew;
    try {
      grew = apply(connection, hash, keyBytes, row, action, result, opId);
      release(connection, /* ended= */ true);
    } catch (SQLException e) {
      if (!Database.isConnectionLost(e)) {
        release(connection);
        throw rows.failure("change an entry in", e);
      }
      database.discard(connection, e);
      if (action == Action.NOTHING) {
        // nothing was to be written: the transaction ended with the connection
        return result;
      }
      if (opId == 0) {
        throw rows.failure("change an entry in", e);
      }
      grew = recover(hash, keyBytes, row, action, result, opId, e);
    } catch (StoreException | RuntimeException e) {
      release(connection);
      throw e;
    }
    if (grew) {
      evictor.evictIfOverBound();
    }
    return result;
  }

  /** What the function asked of the row. */
  private enum Action {
    /** Leave it as it was: the transaction rolls back (and a placeholder goes with it). */
    NOTHING,
    /** Delete it. */
    DELETE,
    /** Write the function's entry into it. */
    WRITE
  }

  /**
   * Carries out {@code action} on the key's row, locked by {@code connection}'s transaction
   * ({@code row} as it was read, or null if a placeholder holds the missing key), records
   * {@code opId} (0 for none) in the same transaction, commits and makes the change durable.
   *
   * @return whether the cache may have grown past a bound (a row added or made larger)
   */
  private boolean apply(Connection connection, long hash, byte[] keyBytes, Row row, Action action,
      StoreEntry result, long opId) throws SQLException, StoreException {
    long oldSize = row == null || row.value() == null ? 0 : row.size();
    switch (action) {
      case DELETE -> {
        rows.execute(connection, DbSql.DELETE_ROW, hash);
        OperationLog.record(connection, opId);
        changes.record(connection, keyBytes);
        commitDurably(connection, hash, JournalRow.deleted(rows.cacheId(), hash, keyBytes));
        rows.removed(oldSize);
        return false;
      }
      case WRITE -> {
        JournalRow image = write(connection, hash, keyBytes, result);
        OperationLog.record(connection, opId);
        changes.record(connection, keyBytes);
        commitDurably(connection, hash, image);
        boolean inserted = row == null || row.value() == null;
        rows.written(inserted, image.size() - oldSize);
        return inserted || image.size() > oldSize;
      }
      default -> {
        connection.rollback();
        return false;
      }
    }
  }

  /**
   * Commits the transaction of {@code connection}, which changed the row of {@code hash} to
   * {@code image}, and makes it as durable as the store's durability says: by a record in this
   * JVM's journal, appended before the commit ({@link JournalBinder#journal}), where the database
   * has one for this connection and the change log is off; otherwise by a checkpoint after the
   * commit ({@link CacheRows#sync}).
   *
   * <p>The change log is left to checkpoints: another JVM's heap tier follows its rows, which a
   * replay would not bring back with their numbers, so a follower could skip the rows that the
   * next changes get under the same numbers.
   *
   * @throws SQLException if the commit or the checkpoint fails, or the record cannot be appended
   *     (the transaction is then not committed: the caller rolls it back)
   */
  private void commitDurably(Connection connection, long hash, JournalRow image)
      throws SQLException {
    Database database = rows.database();
    JournalWriter journal = changes.isOn() ? null : database.journal(connection, rows.durability());
    byte[] payload = journal == null ? null : image.encode();
    if (journal == null || payload.length > Journal.MAX_PAYLOAD) {
      connection.commit();
      rows.sync(connection);
      return;
    }
    JournalWriter.Ticket ticket = journal.begin(hash);
    boolean committed = false;
    IOException failure = null;
    try {
      journal.record(connection, ticket, image.written() ? Journal.Kind.ROW : Journal.Kind.DELETE,
          payload);
      connection.commit();
      committed = true;
    } catch (IOException e) {
      failure = e;
    } finally {
      try {
        journal.end(ticket, committed);
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      database.journalFailed(journal, failure);
      throw new SQLException("Could not append the change to the journal " + journal.path()
          + ": " + failure + "; check the free space of its folder", "58030", failure);
    }
    database.journaled(journal, connection);
  }

  /**
   * Finishes a change whose connection was lost after the function ran (the process that served
   * the database file went away at a write or at the commit), so that it is applied exactly once
   * or not at all. On a new connection (which waits out the handover) it locks the key's row,
   * which waits for the lost transaction if its server still runs it, and claims
   * {@code opId} ({@link OperationLog#claim}): if the lost transaction committed, the change is
   * done; if not, and the row is as the function saw it ({@code seen}), the change the function
   * asked for still applies and is made now, with the id; if another process changed the row
   * meanwhile, the change is not made and this fails.
   *
   * @return whether the cache may have grown past a bound
   * @throws StoreException if another process changed the row first (the key is as it left it and
   *     this change was not applied), or if the outcome cannot be found out
   */
  private boolean recover(long hash, byte[] keyBytes, Row seen, Action action, StoreEntry result,
      long opId, SQLException lost) throws StoreException {
    Database database = rows.database();
    boolean handovers = EmbeddedFile.of(database.url()).isPresent();
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      Connection connection;
      try {
        connection = database.borrow();
      } catch (SQLException e) {
        if (isHandover(e) && reconnect(attempt, start, handovers)) {
          continue;
        }
        e.addSuppressed(lost);
        throw unknownOutcome(e);
      }
      boolean decided = false;
      try {
        connection.setAutoCommit(false);
        Row now = lockRow(connection, hash, keyBytes);
        if (OperationLog.claim(connection, opId)) {
          // the lost transaction was committed
          release(connection);
          return false;
        }
        decided = true;
        if (!sameRow(seen, now)) {
          release(connection);
          throw new StoreException("Could not change an entry in cache \"" + rows.cacheName()
              + "\" in " + database.url() + ": the connection to the process that served the "
              + "database file was lost (that process exited) before the change was committed, "
              + "and another process changed the entry meanwhile; this change was not applied "
              + "and the entry is as that process left it. Try the operation again", lost);
        }
        boolean grew = apply(connection, hash, keyBytes, now, action, result, /* opId= */ 0);
        release(connection);
        return grew;
      } catch (SQLException e) {
        if (Database.isConnectionLost(e) && reconnect(attempt, start, handovers)) {
          // the next server went away too: look again on another connection
          database.discard(connection, e);
          continue;
        }
        release(connection);
        e.addSuppressed(lost);
        throw decided ? rows.failure("change an entry in", e) : unknownOutcome(e);
      } catch (StoreException | RuntimeException e) {
        release(connection);
        throw e;
      }
    }
  }

  /**
   * Returns whether to try another connection after the {@code attempt}th was lost, pausing a
   * little first: at least {@link Database#MAX_RECONNECTS} connections, and, where the database
   * is an embedded file that {@code handovers} between processes, more for up to
   * {@value #RECONNECT_MILLIS} ms since {@code startNanos}. A handover takes seconds after the
   * serving process was killed, and meanwhile a new connection may reach the old server just as
   * it goes away. A database server that is down gets no such wait: the call fails after
   * {@link Database#MAX_RECONNECTS} connections, each bounded by the driver's timeouts.
   */
  private static boolean reconnect(int attempt, long startNanos, boolean handovers) {
    if (attempt >= Database.MAX_RECONNECTS && (!handovers
        || System.nanoTime() - startNanos > TimeUnit.MILLISECONDS.toNanos(RECONNECT_MILLIS))) {
      return false;
    }
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(
        ThreadLocalRandom.current().nextLong(10, 20 + 20L * Math.min(attempt, 5))));
    return true;
  }

  /**
   * Returns whether a new connection failed because the file is being handed over: the
   * connection was lost, or the file is "already in use" past {@link Database#HANDOVER_MILLIS}
   * (the process taking it over is still opening it).
   */
  private static boolean isHandover(SQLException e) {
    return Database.isConnectionLost(e) || e.getErrorCode() == H2_DATABASE_ALREADY_OPEN;
  }

  /** The failure of a change whose outcome could not be found out after a lost connection. */
  private StoreException unknownOutcome(SQLException e) {
    return new StoreException("Could not change an entry in cache \"" + rows.cacheName()
        + "\" in " + rows.database().url() + ": the connection was lost while the change was "
        + "being committed, and no new connection could find out whether it had been, so it may "
        + "or may not have been applied: " + Database.explain(e) + ". Read the entry to see", e);
  }

  /** Returns whether the key's row is as it was read: the same bytes, or missing both times. */
  private static boolean sameRow(Row seen, Row now) {
    boolean seenMissing = seen == null || seen.value() == null;
    boolean nowMissing = now == null || now.value() == null;
    if (seenMissing || nowMissing) {
      return seenMissing && nowMissing;
    }
    return Arrays.equals(seen.key(), now.key())
        && Arrays.equals(seen.value(), now.value())
        && seen.checksum() == now.checksum()
        && seen.expiresAt() == now.expiresAt();
  }

  /**
   * Ends the connection's transaction (rolling back what was not committed) and gives it back to
   * the pool in auto-commit mode, or discards it if that fails.
   */
  private void release(Connection connection) {
    release(connection, /* ended= */ false);
  }

  /**
   * Gives the connection back like {@link #release(Connection)}; when {@code ended} (the
   * transaction was committed or rolled back already), without a second rollback ({@link
   * Database#autoCommitAgain}).
   */
  private void release(Connection connection, boolean ended) {
    Database database = rows.database();
    try {
      Database.autoCommitAgain(connection, ended);
      database.giveBack(connection);
    } catch (SQLException e) {
      database.discard(connection, e);
    }
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
        PreparedStatement insert =
            rows.database().statement(connection, DbSql.INSERT_PLACEHOLDER);
        insert.setInt(1, rows.cacheId());
        insert.setLong(2, hash);
        insert.setBytes(3, keyBytes);
        insert.setLong(4, System.currentTimeMillis());
        insert.executeUpdate();
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

  /** Writes the entry into the locked row; returns the row's new image. */
  private JournalRow write(Connection connection, long hash, byte[] keyBytes, StoreEntry entry)
      throws SQLException, StoreException {
    byte[] value = rows.storedValue(keyBytes, entry.value());
    long size = (long) keyBytes.length + value.length;
    int checksum = RowFormat.checksum(keyBytes, value, entry.expiresAt());
    long now = System.currentTimeMillis();
    PreparedStatement update = rows.database().statement(connection, DbSql.UPDATE_ROW);
    update.setBytes(1, keyBytes);
    update.setBytes(2, value);
    update.setInt(3, checksum);
    update.setLong(4, entry.expiresAt());
    update.setLong(5, now);
    update.setLong(6, size);
    update.setInt(7, rows.cacheId());
    update.setLong(8, hash);
    update.executeUpdate();
    return new JournalRow(rows.cacheId(), hash, keyBytes, value, checksum, entry.expiresAt(), now,
        size);
  }
}

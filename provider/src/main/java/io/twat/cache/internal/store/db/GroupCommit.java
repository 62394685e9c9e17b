/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Makes committed transactions durable with one flush (an H2 {@code CHECKPOINT}, or {@code
 * CHECKPOINT SYNC}) shared by the writers that wait at the same time, instead of one flush per
 * writer in a row.
 *
 * <h2>The guarantee</h2>
 * A writer calls {@link #await} after its transaction committed. It joins the next round: the
 * flush that has not started yet. {@code await} returns once that round's flush has completed,
 * so never before a flush that started after the writer's commit (a flush running when the
 * writer arrives may have started before the commit, and does not count). A flush writes every
 * committed change of the database, whichever connection made it, so the writer's change is in
 * the file when {@code await} returns. If the round's flush fails, {@code await} throws for every
 * writer of that round: none of them learns that its change is durable.
 *
 * <h2>When the database changes hands</h2>
 * A flush writes what the server it reaches has committed. An H2 file in mixed mode is served by
 * one process at a time, and another takes it over when that one exits: a writer's commit may
 * have gone to a server that died before the round's flush, which then ran, on another writer's
 * new connection, on the next server. So a writer that did not run its round's flush {@link
 * Flush confirms} afterwards, on its own connection, that the server that took its commit still
 * serves it (a round trip; a connection to a server that died fails, and the caller goes the way
 * of a lost connection). If it still does, the round's flush ran there: only one server runs at a
 * time, and a new one starts only after the old one is gone.
 *
 * <h2>Rounds</h2>
 * At most one round runs at a time. Its flush is run by one of its writers (the first that finds
 * no round running), on that writer's connection; the others wait for it. Writers that arrive
 * while a round runs join the next one, which starts as soon as the running one ends. So a
 * single writer pays one flush, as before, and concurrent writers share flushes: while one
 * round runs, the next one gathers every writer that commits meanwhile.
 *
 * <p>Waiting is not interruptible (a writer whose change is committed but not yet durable
 * cannot return early): an interrupt is kept and set again on the way out.
 *
 * <p>Thread-safe.
 */
final class GroupCommit {
  /** What a round runs on the connection of the writer that leads it. */
  @FunctionalInterface
  interface Flush {
    /** Makes every committed change of the database durable. */
    void run(Connection connection) throws SQLException;
  }

  /** One flush and the writers that wait for it. */
  private static final class Round {
    private boolean done; // guarded by the GroupCommit
    private Throwable failure; // guarded by the GroupCommit
  }

  private final Flush flush;
  private final Flush confirm;
  private Round next = new Round(); // guarded by this: the round that has not started yet
  private boolean running; // guarded by this
  private int waiting; // guarded by this
  private long rounds; // guarded by this

  /**
   * Shares {@code flush} among the writers that wait at the same time; {@code confirm} runs on the
   * connection of each writer that did not run its round's flush, after the flush succeeded (see
   * "When the database changes hands").
   */
  GroupCommit(Flush flush, Flush confirm) {
    this.flush = flush;
    this.confirm = confirm;
  }

  /**
   * Returns once a flush that started after this call began has completed; called after the
   * caller's transaction committed. May run the flush on {@code connection}.
   *
   * @throws SQLException if the flush of this caller's round failed (the same failure for every
   *     caller of the round; for those that did not run it, a copy naming it as its cause), or if
   *     the confirmation on {@code connection} failed
   */
  void await(Connection connection) throws SQLException {
    Round mine;
    Throwable failure = null;
    boolean leader;
    boolean interrupted = false;
    synchronized (this) {
      mine = next;
      waiting++;
      try {
        while (!mine.done && (running || mine != next)) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        waiting--;
      }
      leader = !mine.done;
      if (!leader) {
        failure = mine.failure;
      } else {
        // no round runs, and ours has not started: lead it
        running = true;
        next = new Round();
        rounds++;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (leader) {
      lead(mine, connection);
      return;
    }
    rethrow(failure);
    confirm.run(connection);
  }

  /** Runs {@code round}'s flush on {@code connection}, then releases its writers. */
  private void lead(Round round, Connection connection) throws SQLException {
    Throwable failure = null;
    try {
      flush.run(connection);
    } catch (SQLException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      synchronized (this) {
        round.done = true;
        round.failure = failure;
        running = false;
        notifyAll();
      }
    }
  }

  /** Throws, for a writer that waited, the failure of its round's flush, if it failed. */
  private static void rethrow(Throwable failure) throws SQLException {
    if (failure == null) {
      return;
    }
    String message = "The checkpoint shared with other writers failed, so this change may not "
        + "be in the database file yet: " + failure.getMessage();
    if (failure instanceof SQLException sql) {
      throw new SQLException(message, sql.getSQLState(), sql.getErrorCode(), sql);
    }
    throw new SQLException(message, failure);
  }

  /** Returns how many writers wait for a round now (for tests). */
  synchronized int waiting() {
    return waiting;
  }

  /** Returns how many rounds have started (for tests and measurements). */
  synchronized long rounds() {
    return rounds;
  }
}

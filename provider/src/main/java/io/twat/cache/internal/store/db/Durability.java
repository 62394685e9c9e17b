/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

/**
 * How far a write of the database store has gone when it returns. The levels are kept by the
 * embedded H2 database; on another database the server's own settings decide (PostgreSQL, for
 * example, flushes its log at every commit unless told otherwise), and only {@link #FSYNC} adds
 * an explicit checkpoint where the database has one.
 */
public enum Durability {
  /**
   * A write that returned is in the database file or in the journal beside it (in the operating
   * system's page cache): it survives the process being killed, not a power loss. On an embedded
   * H2 file, a key's change made by the JVM that serves the file (and whose store keeps no change
   * log, as {@code twat:db}) appends its row to that JVM's journal before it commits ({@code
   * JournalWriter}), and whoever opens the file next redoes what the file lacks ({@code
   * JournalReplay}); every other write (over another process's server, a bulk change, the db tier
   * of {@code twat:universal}, a disk with less than 64 MiB free) runs a {@code CHECKPOINT} after
   * its transaction, shared by the writers that wait at the same time ({@code GroupCommit}: a
   * write returns once a checkpoint that started after its commit has completed). (Not {@code
   * WRITE_DELAY=0}: that stops H2's background writer, which is also what compacts the file, and
   * the file then grew several times faster.)
   */
  PROCESS,
  /**
   * A write that returned has also been forced to the device ({@code CHECKPOINT SYNC} after each
   * writing transaction on H2, shared like {@link #PROCESS}'s): it survives a power loss, at the
   * cost of an fsync per write, or per group of concurrent writes.
   */
  FSYNC,
  /**
   * Writes reach the file within half a second (H2's background writer, {@code WRITE_DELAY=500},
   * its own default, as for every level): a killed process may lose the writes of its last half
   * second, in exchange for speed.
   */
  RELAXED
}

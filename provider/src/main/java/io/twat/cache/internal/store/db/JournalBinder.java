/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.io.FileSystem;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Binds this JVM's journal ({@link JournalWriter}) to each open of an embedded H2 file that a
 * {@link Database} makes durable changes in: starts it on the first durable change of an open,
 * empties it when full, takes it off the open when it fails or its disk runs out of room, and
 * retires it when the database closes here. The format and the rules: docs/file-format.md ("The
 * {@code twat:db} journal").
 *
 * <p>Thread-safe: the binding is one volatile field, changed under a lock.
 */
final class JournalBinder {
  private static final System.Logger LOG = System.getLogger(Database.class.getName());

  /**
   * How long this JVM's journal grows before it is emptied after a checkpoint: H2's background
   * writer stores the file every {@code WRITE_DELAY} anyway, so a replay redoes at most what was
   * committed since, which this bounds too.
   */
  static final long LIMIT = 16L << 20;
  /** How much free space the disk of a journal must have (see {@link #hasRoom}). */
  static final long ROOM = 4 * LIMIT;
  /** How long an open of the file without a journal waits before it tries to start one again. */
  static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private final Database database;
  private final Optional<EmbeddedFile> file; // present for an embedded H2 file in mixed mode
  private final Object lock = new Object();
  /** The journal of this JVM's open of the file, and which open it belongs to; null: none yet. */
  private volatile Binding journal;

  /**
   * This JVM's journal for one open of the database file ({@link EmbeddedFile#opens}); a null
   * writer for an open whose journal could not be started or failed: its changes checkpoint.
   */
  private record Binding(JournalWriter writer, long open, long sinceNanos) {
  }

  JournalBinder(Database database, Optional<EmbeddedFile> file) {
    this.database = database;
    this.file = file;
  }

  /**
   * Returns this JVM's journal of the database file, in which a key transaction on {@code
   * connection} records its change instead of waiting for a checkpoint ({@link Durability#PROCESS}
   * only), or null where changes are made durable by a checkpoint: another durability, a
   * database that is not an embedded H2 file, a connection to a server in another process (that
   * process would have to replay the journal), a file that another process has reached in this
   * open ({@link JournalOpenGuard#isShared}), a URL without {@link JournalOpenGuard} (the
   * application's own), or a journal that could not be started or failed in this open of the
   * file. The journal is started on the first call of each open of the file
   * by this JVM (the opener replayed and removed every earlier one).
   */
  JournalWriter journal(Connection connection, Durability durability) {
    if (durability != Durability.PROCESS || file.isEmpty()
        || OperationLog.mayBeLost(connection, database.dialect())) {
      return null;
    }
    if (JournalOpenGuard.isShared(file.get().database())) {
      return null; // another process uses the file: see JournalOpenGuard.isShared
    }
    long open = file.get().opens();
    if (open == 0) {
      // JournalOpenGuard, which counts the opens, never saw this file open here: the URL is the
      // application's own, without the guard, so nothing would refuse H2's reconnect while a
      // journal waits, nor tell that another process reached the file
      return null;
    }
    Binding binding = journal;
    if (isCurrent(binding, open)) {
      return binding.writer();
    }
    synchronized (lock) {
      binding = journal;
      if (isCurrent(binding, open)) {
        return binding.writer();
      }
      if (binding != null && binding.writer() != null) {
        close(binding.writer()); // an earlier open's: its opener replayed and removed it
      }
      JournalWriter writer = start();
      journal = new Binding(writer, open, System.nanoTime());
      return writer;
    }
  }

  /**
   * Returns whether {@code binding} is the journal (or the lack of one) to use in the open
   * {@code open}: a missing journal is tried again after {@link #RETRY_NANOS}.
   */
  private static boolean isCurrent(Binding binding, long open) {
    return binding != null && binding.open() == open && (binding.writer() != null
        || System.nanoTime() - binding.sinceNanos() < RETRY_NANOS);
  }

  private JournalWriter start() {
    Path folder = file.orElseThrow().base().getParent();
    if (!hasRoom(folder)) {
      return null;
    }
    Connection connection;
    try {
      connection = database.borrow();
    } catch (SQLException e) {
      return notStarted(Database.explain(e));
    }
    try {
      JournalWriter writer = JournalWriter.start(FileSystem.system(), file.orElseThrow().base(),
          connection, LIMIT);
      try {
        // the schema, the caches' records and the watermarks in the file before any record
        database.flush(connection);
      } catch (SQLException e) {
        close(writer);
        FileSystem.system().deleteIfExists(writer.path());
        throw e;
      }
      database.giveBack(connection);
      return writer;
    } catch (SQLException e) {
      database.discard(connection, e);
      return notStarted(Database.explain(e));
    } catch (IOException e) {
      database.giveBack(connection);
      return notStarted(e.toString());
    }
  }

  /** Logs why the journal did not start, and returns no journal. */
  private JournalWriter notStarted(String why) {
    LOG.log(Level.WARNING, "Could not start the journal of {0} ({1}); changes are made durable by"
        + " a checkpoint each", database.url(), why);
    return null;
  }

  /**
   * Returns whether the disk of {@code folder} has room for a journal: at least {@value
   * #ROOM} bytes free. A journal holds changes that a checkpoint has yet to write to the
   * database file, which takes as much space again; on a disk too full for that checkpoint, H2
   * could no longer store the file, and a new open could not redo the journal. So below that
   * room each change is checkpointed, as without a journal, and a full disk fails the change
   * that does not fit while every acknowledged one is in the file.
   */
  private boolean hasRoom(Path folder) {
    try {
      return Files.getFileStore(folder).getUsableSpace() >= ROOM;
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not read the free space of {0}: {1}", folder, e.toString());
      return false;
    }
  }

  /**
   * After a change was journaled in {@code writer}, on the caller's {@code connection}: empties
   * the journal once it is full ({@link #empty}), and, every {@link
   * JournalWriter#SPACE_CHECK_BYTES} bytes, retires it if its disk has no more room for it
   * ({@link #hasRoom}); a later open of the file, or a change after {@link
   * #RETRY_NANOS}, starts one again.
   */
  void journaled(JournalWriter writer, Connection connection) {
    if (writer.full()) {
      empty(writer, connection);
    } else if (writer.dueForSpaceCheck()
        && !hasRoom(file.orElseThrow().base().getParent())) {
      if (!unbind(writer)) {
        return;
      }
      LOG.log(Level.WARNING, "The disk of {0} has less than {1} bytes free: its journal is"
          + " retired, and each change is checkpointed until there is room again", database.url(),
          ROOM);
      retire(writer);
    }
  }

  /**
   * After {@code writer} failed to append (a full disk, see {@link Journal#append}): ends it, so
   * that the rest of this open of the file makes changes durable by a checkpoint each, as without
   * a journal. The journal is retired ({@link JournalWriter#retire}): a checkpoint stores what it
   * held, then its file goes.
   */
  void failed(JournalWriter writer, IOException failure) {
    if (!unbind(writer)) {
      return;
    }
    LOG.log(Level.ERROR, "Could not append to the journal " + writer.path() + " of "
        + database.url() + " (" + failure + "); from now on each change of this process waits"
        + " for a checkpoint instead");
    retire(writer);
  }

  /**
   * Takes {@code writer} off this open of the file, if it is still its journal, so that its
   * changes checkpoint from now on (a journal is tried again after {@link #RETRY_NANOS});
   * returns false if it was not (another thread took it off first).
   */
  private boolean unbind(JournalWriter writer) {
    synchronized (lock) {
      Binding binding = journal;
      if (binding == null || binding.writer() != writer) {
        return false;
      }
      journal = new Binding(null, binding.open(), System.nanoTime());
      return true;
    }
  }

  /**
   * Empties the full {@code writer} after a checkpoint that {@code connection} runs or shares
   * ({@link JournalWriter#empty}); a failure is logged, and the journal stays as it was.
   */
  private void empty(JournalWriter writer, Connection connection) {
    try {
      writer.empty(() -> database.makeDurable(connection, Durability.PROCESS));
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not empty the journal {0} of {1} ({2}); it is tried again "
          + "after the next change", writer.path(), database.url(), Database.explain(e));
    } catch (IOException e) {
      failed(writer, e);
    }
  }

  /** Retires the journal of this JVM's open, if any: when the database closes here. */
  void retire() {
    Binding binding;
    synchronized (lock) {
      binding = journal;
      journal = null;
    }
    if (binding != null && binding.writer() != null) {
      if (binding.open() == file.orElseThrow().opens()) {
        retire(binding.writer());
      } else {
        close(binding.writer());
      }
    }
  }

  private void retire(JournalWriter writer) {
    Connection connection = null;
    try {
      connection = database.borrow();
      Connection on = connection;
      writer.retire(FileSystem.system(), () -> database.flush(on));
      try (PreparedStatement drop = connection.prepareStatement(
          "DELETE FROM twat_journal WHERE journal_id = ?")) {
        drop.setLong(1, writer.id());
        drop.executeUpdate();
      }
      database.giveBack(connection);
    } catch (SQLException e) {
      if (connection != null) {
        database.discard(connection, e);
      }
      close(writer);
      // closed already (H2 closed it at shutdown, or a test shut it down): what the journal
      // holds is in the file if H2 closed it cleanly; if not, the next opener needs the journal
      LOG.log(Database.isConnectionLost(e) ? Level.DEBUG : Level.WARNING, "Could not retire the"
          + " journal {0} of {1} ({2}); the next process to open the file redoes what it lacks",
          writer.path(), database.url(), Database.explain(e));
    } catch (IOException e) {
      if (connection != null) {
        database.giveBack(connection);
      }
      LOG.log(Level.WARNING, "Could not remove the journal {0} of {1} ({2}); the next process to"
          + " open the file reads it and finds its changes stored", writer.path(), database.url(),
          e.toString());
    }
  }

  private static void close(JournalWriter writer) {
    try {
      writer.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not close the journal {0}: {1}", writer.path(), e.toString());
    }
  }
}

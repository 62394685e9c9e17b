/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.io.FileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.api.DatabaseEventListener;

/**
 * H2 calls this at each open of an embedded {@code twat:db} file in this JVM, before it locks the
 * file (it is named in the URL's {@code DATABASE_EVENT_LISTENER}, see {@link
 * DbStore#embeddedUrl}): the one place that sees every open, whoever asks for it.
 *
 * <p>An open must redo the journals that a killed process left ({@link JournalReplay}) before
 * anything reads or writes the file. {@link EmbeddedFile} does, under its open lock. But H2 also
 * opens the file on its own: a session of a process that served no file reconnects by itself when
 * the server it talked to died (mixed mode implies H2's {@code AUTO_RECONNECT}), and opens the
 * file where it can. Such an open is refused while the file has journals: the session fails as a
 * lost connection ({@link Database#isConnectionLost}), and the store connects again through
 * {@link EmbeddedFile}, which redoes them first.
 *
 * <p>H2 also calls {@link #init} for each new session of a file it has open (it applies the URL's
 * settings to every session, over the socket too): those are told from an open by the files this
 * JVM has open ({@link #opened}, until {@link #closingDatabase}). It also counts the opens of each
 * file in this JVM ({@link EmbeddedFile#opens}), so that a JVM's journal never outlives the open
 * it belongs to, and tells {@link EmbeddedFile} whether its connect opened the file ({@link
 * #connect}).
 *
 * <p>Thread-safe: H2 creates one per open and per session; what they share is a concurrent set
 * and per-thread flags.
 */
public final class JournalOpenGuard implements DatabaseEventListener {
  /** What a refused open says; H2 wraps it in its error 90099. */
  static final String REFUSED = "twat-cache refuses to open this database file outside its own"
      + " open";
  private static final ThreadLocal<Boolean> AUTHORIZED = new ThreadLocal<>();
  private static final ThreadLocal<Boolean> OPENED = new ThreadLocal<>();
  /** The database files H2 has open in this JVM, as seen by {@link #opened}. */
  private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();
  /**
   * The files open here that a session from outside the store's own connect reached (another
   * process over the socket, as a rule), until they close: see {@link #isShared}.
   */
  private static final Set<Path> SHARED = ConcurrentHashMap.newKeySet();

  private Path database; // set by init, before H2 shares this instance

  /** For H2, which creates it by name. */
  public JournalOpenGuard() {
    // set up by init
  }

  /** What {@link #connect} got: the connection, and whether its connect opened the file. */
  record Opened(Connection connection, boolean opened) {
  }

  /**
   * Connects through {@code connector} as an open this guard lets through, and says whether the
   * connect opened the file in this JVM (H2 called {@link #opened} on this thread).
   */
  static Opened connect(EmbeddedFile.Connector connector) throws SQLException {
    AUTHORIZED.set(Boolean.TRUE);
    OPENED.remove();
    try {
      Connection connection = connector.connect();
      return new Opened(connection, Boolean.TRUE.equals(OPENED.get()));
    } finally {
      AUTHORIZED.remove();
      OPENED.remove();
    }
  }

  /**
   * Called by H2 as it starts to open the database of {@code url}, or as it applies the URL's
   * settings to a new session of a database it has open: refuses an open (H2 then fails it before
   * it touches the file) that does not come from {@link #connect} while the file has journals to
   * redo.
   */
  @Override
  public void init(String url) {
    Optional<Path> base = DbStore.embeddedBase(url).map(Path::of);
    if (base.isEmpty()) {
      return;
    }
    database = Path.of(base.get() + ".mv.db").toAbsolutePath();
    boolean authorized = Boolean.TRUE.equals(AUTHORIZED.get());
    if (OPEN_HERE.contains(database)) {
      if (!authorized) {
        SHARED.add(database); // a session of another process (or not of the store)
      }
      return;
    }
    if (!authorized && hasJournals(base.get())) {
      throw new IllegalStateException(REFUSED + " while it has journals to redo; the store"
          + " connects again and redoes them");
    }
  }

  /** Called by H2 once it opened the database: counts the open. */
  @Override
  public void opened() {
    if (database == null) {
      return;
    }
    OPEN_HERE.add(database);
    EmbeddedFile.countOpen(database);
    if (Boolean.TRUE.equals(AUTHORIZED.get())) {
      OPENED.set(Boolean.TRUE);
    }
  }

  /** Called by H2 as it closes the database. */
  @Override
  public void closingDatabase() {
    if (database != null) {
      closed(database); // absolute already
    }
  }

  /**
   * Forgets that H2 has {@code database} open here: for a close that H2 does not report to its
   * listeners ({@code SHUTDOWN IMMEDIATELY}).
   */
  static void closed(Path database) {
    Path absolute = database.toAbsolutePath();
    OPEN_HERE.remove(absolute);
    SHARED.remove(absolute);
  }

  /** Returns whether H2 has {@code database} (its {@code .mv.db} file) open in this JVM. */
  static boolean isOpenHere(Path database) {
    return OPEN_HERE.contains(database.toAbsolutePath());
  }

  /**
   * Returns whether a session that did not come from the store's own connect has reached {@code
   * database} since this JVM opened it: as a rule another process, over H2's socket. Such a
   * process checkpoints its own changes, but a change of the serving JVM journaled on a row that
   * such a process committed and had not yet stored would survive a kill while that process's
   * operation id did not, and its call would then fail though its change was applied (found by
   * {@code DbHandoverTest}); so from then on the serving JVM checkpoints too ({@link
   * JournalBinder#journal}). The session's settings reach this JVM before its first statement, so
   * the check after a row's lock sees every process that could have changed the row.
   */
  static boolean isShared(Path database) {
    return SHARED.contains(database);
  }

  private static boolean hasJournals(Path base) {
    try {
      return !JournalReplay.journals(FileSystem.system(), base.toAbsolutePath()).isEmpty();
    } catch (IOException e) {
      return false; // no folder to list: no journal either
    }
  }
}

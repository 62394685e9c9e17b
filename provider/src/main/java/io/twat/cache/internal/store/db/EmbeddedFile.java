/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.io.PrivateFolders;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file of an embedded H2 database in mixed mode ({@code AUTO_SERVER=TRUE}), and the one way
 * the processes of this host connect to it: {@link #connect}.
 *
 * <p><b>One opener at a time.</b> Every embedded connect (the first one of a JVM, and every one
 * after a handover) holds an OS lock ({@link FileChannel#lock}) on a private sidecar file
 * {@value #SIDECAR} beside the database, and within this JVM a lock per file (an OS file lock
 * belongs to the process, so two threads of one JVM cannot both hold it). While it holds them,
 * no other twat-cache process is between H2's lock file and its server, so:
 * <ul>
 *   <li><b>A stale lock file is removed at once.</b> H2 leaves its lock file
 *       ({@code .lock.db}) behind when the process that served the database is killed, and the
 *       next opener then waits for the file to age and races the other openers for it (4 to 9 s,
 *       and all but one of several openers failed with "Locked by another process"). A lock file
 *       whose {@code server} refuses connections on its address names a dead server: it is
 *       deleted and H2 opens at once. A server that is closing refuses too, but still holds
 *       H2's own OS lock on the database file, so H2 reports the file in use and the caller
 *       tries again, as in any handover. A lock file without a server (a process that opened the
 *       file without mixed mode) is left to H2.</li>
 *   <li><b>A damaged database file is moved aside.</b> When H2 fails to open the file because
 *       its content cannot be read ({@link #isDamagedAtOpen}) and no other process holds it, the
 *       file is renamed to {@code twat-cache.mv.db.damaged-<UTC time>} (kept 0600), one ERROR
 *       line names both files and says the cache starts empty, {@link #movedAside()} counts it,
 *       and a new, empty database is opened. It holds only cached data.</li>
 *   <li><b>So is a file that lost its newest content.</b> H2 opens a file truncated after an
 *       older complete chunk at that older state, without an error. Before the first process
 *       opens the file (no H2 lock file), {@link RolledBackFile} asks H2 which state it would
 *       open and compares it with the one the file's header records; an older one is damage, as
 *       above.</li>
 * </ul>
 *
 * <p>Thread-safe; the per-file locks of this JVM live in a static map, like the registry of
 * open databases in {@link Database}.
 */
final class EmbeddedFile {
  /** The name of the sidecar file whose OS lock serializes opening, beside the database. */
  static final String SIDECAR = DbStore.EMBEDDED_FILE + ".open.lock";
  /**
   * The name of the file, beside the database, that records damage a statement met after the
   * file was open ({@link #recordDamage}): the first process to open the file next acts on it.
   */
  static final String DAMAGE_FOUND = DbStore.EMBEDDED_FILE + ".damage-found";
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  private static final ConcurrentMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
  private static final AtomicLong MOVED_ASIDE = new AtomicLong();
  private static final AtomicLong STALE_LOCKS_REMOVED = new AtomicLong();
  private static final AtomicLong CHANGES_REDONE = new AtomicLong();
  /** How many times this JVM opened each database file (see {@link #opens}). */
  private static final ConcurrentMap<Path, AtomicLong> OPENS = new ConcurrentHashMap<>();
  private static final int PROBE_TIMEOUT_MILLIS = 500;
  private static final int H2_GENERAL_ERROR = 50000;
  private static final int H2_FILE_CORRUPTED = 90030;
  static final int H2_ROW_NOT_IN_INDEX = 90143;
  static final int H2_ROW_NOT_FOUND_WHEN_DELETING = 90112;
  private static final String H2_STORE_EXCEPTION = "org.h2.mvstore.MVStoreException";
  /**
   * H2's error codes at connect time whose cause lies outside the file: database in use (90020),
   * error opening (its lock file, 8000), wrong file password (90049), not found (90146, 90013),
   * closed or broken (90098, 90121, 90067), I/O and permissions without a damaged file (90028,
   * 90031, 90096), out of memory (90108).
   */
  private static final java.util.Set<Integer> OUTSIDE_THE_FILE = java.util.Set.of(
      90020, 8000, 90049, 90146, 90013, 90098, 90121, 90067, 90028, 90031, 90096, 90108);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path base;
  private final Path folder;
  private final Path database;
  private final Path h2Lock;
  private final Path sidecar;
  private final Path damageFound;
  private final AtomicLong opens;

  private EmbeddedFile(Path base) {
    this.base = base;
    this.folder = base.getParent();
    this.database = Path.of(base + ".mv.db");
    this.h2Lock = Path.of(base + ".lock.db");
    this.sidecar = folder.resolve(SIDECAR);
    this.damageFound = folder.resolve(DAMAGE_FOUND);
    this.opens = OPENS.computeIfAbsent(database, file -> new AtomicLong());
  }

  /** What {@link #connect} runs while it holds the file: one plain JDBC connect. */
  @FunctionalInterface
  interface Connector {
    Connection connect() throws SQLException;
  }

  /**
   * Returns the embedded database file of {@code url}, or empty if {@code url} is not an
   * embedded H2 URL in mixed mode.
   */
  static Optional<EmbeddedFile> of(String url) {
    return LoopbackServer.lockFile(url).map(lock -> {
      String name = lock.toString();
      return new EmbeddedFile(
          Path.of(name.substring(0, name.length() - ".lock.db".length())).toAbsolutePath());
    });
  }

  /** Returns how many damaged database files this JVM has moved aside. */
  static long movedAside() {
    return MOVED_ASIDE.get();
  }

  /**
   * Returns how many stale H2 lock files (of a server whose process is gone) this JVM removed,
   * each sparing an opener H2's wait for the file to age.
   */
  static long staleLocksRemoved() {
    return STALE_LOCKS_REMOVED.get();
  }

  /**
   * Returns how many changes this JVM redid from the journals of processes that served a file
   * before it and were killed before a checkpoint stored them ({@link JournalReplay}).
   */
  static long changesRedone() {
    return CHANGES_REDONE.get();
  }

  /** Returns the database file's path without its {@code .mv.db}, which H2's URL names. */
  Path base() {
    return base;
  }

  /** Counts an open of {@code database} by H2 in this JVM ({@link JournalOpenGuard#init}). */
  static void countOpen(Path database) {
    OPENS.computeIfAbsent(database, file -> new AtomicLong()).incrementAndGet();
  }

  /**
   * Returns how many times H2 has opened the database file in this JVM: a number that changes
   * whenever this JVM starts serving the file again (after another process served it, or after a
   * close), which is when the journals were replayed and removed ({@link JournalReplay}), this
   * JVM's own included.
   */
  long opens() {
    return opens.get();
  }

  /** Returns the database file. */
  Path database() {
    return database;
  }

  /**
   * Connects through {@code connector} while holding this file's open lock (waiting for it until
   * {@code deadlineNanos} of {@link System#nanoTime()}), after removing a stale H2 lock file, and
   * moving a damaged database file aside if H2 cannot open it; then {@code replaced} prepares
   * the new, empty database (its tables) before the lock is let go.
   *
   * @throws SQLException what H2 reported, or that the open lock was not free in time
   */
  Connection connect(Connector connector, Replaced replaced, long deadlineNanos)
      throws SQLException {
    if (!Files.isDirectory(folder)) {
      // H2 reports the missing folder, or creates it
      return JournalOpenGuard.connect(connector).connection();
    }
    return holding(deadlineNanos, () -> connectHolding(connector, replaced));
  }

  /** What runs on the first connection to the new, empty database that replaced a damaged one. */
  @FunctionalInterface
  interface Replaced {
    void prepare(Connection connection) throws SQLException;
  }

  /**
   * Moves the database file aside after {@code cause}, a sign of damage that a statement met
   * once the file was open (see {@link Database#recoverDamaged}), unless another process holds
   * it; returns whether it did. Call it only once no store of this JVM uses the database: if H2
   * still keeps the file open here (for its own sessions, or those of processes it serves, which
   * would meet the same damage), it is shut down first through {@code connector}.
   *
   * @throws SQLException if the open lock was not free in time
   */
  boolean moveAsideAfter(SQLException cause, Connector connector, long deadlineNanos)
      throws SQLException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    return holding(deadlineNanos, () -> {
      if (holder() == Holder.THIS_JVM) {
        // H2 keeps the file open here for sessions of its own (or of other processes, which
        // would meet the same damage): close it at once so that the file can be replaced
        try (Connection connection = JournalOpenGuard.connect(connector).connection();
            Statement statement = connection.createStatement()) {
          statement.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException e) {
          LOG.log(Level.DEBUG, "Could not shut down the damaged database {0}: {1}", database,
              e.getMessage());
        }
        // H2's immediate shutdown does not tell its event listeners that the file closed
        JournalOpenGuard.closed(database);
      }
      return moveAside(cause);
    });
  }

  /**
   * Rebuilds the indexes that a statement found out of step with their table (H2's "Row not
   * found in primary index", see {@link IndexCheck}), under the open lock; returns whether it
   * rebuilt any. Call it only once no store of this JVM uses the database.
   *
   * @throws SQLException if the open lock was not free in time, or the check or rebuild failed
   */
  boolean rebuildIndexesAfter(Connector connector, long deadlineNanos) throws SQLException {
    return holding(deadlineNanos, () -> {
      try (Connection connection = JournalOpenGuard.connect(connector).connection()) {
        return IndexCheck.rebuildIfOutOfStep(connection, database, database.toString());
      }
    });
  }

  /** What runs while this file's open lock is held. */
  @FunctionalInterface
  private interface Holding<T> {
    T run() throws SQLException;
  }

  private <T> T holding(long deadlineNanos, Holding<T> action) throws SQLException {
    ReentrantLock inJvm = IN_JVM.computeIfAbsent(sidecar, path -> new ReentrantLock());
    try {
      if (!inJvm.tryLock(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw timedOut();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while waiting to open " + database, "08001", e);
    }
    try (FileChannel channel = openSidecar()) {
      FileLock lock = lockWithin(channel, deadlineNanos);
      try {
        return action.run();
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new SQLException("Could not lock " + sidecar + " to open " + database + ": " + e
          + "; check that this user can write the folder " + folder, "08001", e);
    } finally {
      inJvm.unlock();
    }
  }

  private FileChannel openSidecar() throws IOException {
    try {
      return FileChannel.open(sidecar, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          StandardOpenOption.READ);
    } catch (FileAlreadyExistsException e) {
      // made private below; an existing one may predate a folder opened up later
    }
    FileChannel channel = FileChannel.open(sidecar, StandardOpenOption.WRITE,
        StandardOpenOption.READ);
    try {
      PrivateFolders.makePrivateFile(sidecar);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  private FileLock lockWithin(FileChannel channel, long deadlineNanos)
      throws IOException, SQLException {
    for (long pause = 1; ; pause = Math.min(pause * 2, 20)) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw timedOut();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause));
    }
  }

  private SQLException timedOut() {
    // H2's "error opening database": Database.connect tries again while it has time
    return new SQLException("Another process is opening " + database + " and did not finish in"
        + " time (it holds " + sidecar + "); try again, or stop the process that hangs", "08001",
        8000);
  }

  private Connection connectHolding(Connector connector, Replaced replaced) throws SQLException {
    boolean killed = removeStaleLock();
    Optional<SQLException> recorded = recordedDamage();
    boolean outOfStep = recorded.isPresent() && IndexCheck.isOutOfStep(recorded.get());
    Optional<SQLException> damage = recorded.isPresent() && !outOfStep ? recorded : rolledBack();
    if (damage.isEmpty() || !moveAside(damage.get())) {
      Connection connection = null;
      boolean opened = false;
      try {
        JournalOpenGuard.Opened open = JournalOpenGuard.connect(connector);
        connection = open.connection();
        opened = open.opened();
        if (killed || outOfStep) {
          checkIndexes(connection);
        }
      } catch (SQLException e) {
        if (!isDamagedAtConnect(e) || !moveAside(e)) {
          throw e;
        }
      }
      if (connection != null) {
        // outside the catch above: a replay that fails is no sign of a damaged file
        if (opened && !OperationLog.mayBeLost(connection, Dialect.H2)) {
          try {
            replayJournals(connection);
          } catch (SQLException e) {
            connection.close();
            throw e;
          }
        }
        return connection;
      }
    }
    removeStaleLock();
    discardJournals(); // the damaged file's, moved aside with it
    Connection connection = JournalOpenGuard.connect(connector).connection();
    try {
      // still under the open lock: no other process sees the new database without its tables
      replaced.prepare(connection);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * On the first connection of this JVM's open of the file, before any other connection (of any
   * process) reaches it: redoes the changes that the journals of the processes that served the
   * file before hold and the file lacks ({@link JournalReplay}), and removes the journals.
   *
   * @throws SQLException if the replay fails (a full disk, a file it cannot read): the journals
   *     stay, and so does the failure, until an open can redo them; served without them, the file
   *     would lack changes that were acknowledged, and a later replay would redo old changes
   *     over newer ones
   */
  private void replayJournals(Connection connection) throws SQLException {
    JournalReplay.Result result;
    try {
      result = JournalReplay.replay(FileSystem.system(), base, connection);
    } catch (IOException e) {
      throw new SQLException("Could not redo the journals of the database file " + database
          + ": " + e + "; check that the folder " + folder + " can be read and has free space,"
          + " then open it again", "58030", e);
    } catch (SQLException e) {
      SQLException failure = new SQLException("Could not redo the journals of the database file "
          + database + ": " + e.getMessage() + "; check that the folder " + folder + " has free"
          + " space, then open it again", e.getSQLState(), e.getErrorCode(), e);
      throw failure;
    }
    CHANGES_REDONE.addAndGet(result.applied());
    if (result.journals() > 0) {
      LOG.log(Level.INFO, "Redid {0} changes that the database file {1} lacked from {2}"
          + " journal(s) of the processes that served it before (they were killed before a"
          + " checkpoint); {3} were stored already, {4} belonged to transactions that did not"
          + " commit, {5} to caches destroyed since; {6} could not be decoded (each ended the"
          + " reading of its journal, with an ERROR line)", result.applied(), database,
          result.journals(), result.alreadyStored(), result.aborted(), result.cacheGone(),
          result.undecodable());
    }
  }

  /** Removes the journals of the file, unread; logs a failure. */
  private void discardJournals() {
    try {
      JournalReplay.discard(FileSystem.system(), base);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not remove the journals of the database file {0}: {1}",
          database, e.toString());
    }
  }

  /**
   * Records that a statement met damage in the open file ({@code cause}, which {@link
   * #isDamagedWhileOpen} accepts), in the file {@value #DAMAGE_FOUND} beside it: the first
   * process to open the file next, with no other process holding it, moves it aside (or, for an
   * index out of step with its table, rebuilds the indexes). Returns whether this call recorded
   * it (false if it was recorded already, by this process or another).
   */
  boolean recordDamage(SQLException cause) {
    try {
      int code = IndexCheck.isOutOfStep(cause) ? H2_ROW_NOT_IN_INDEX : H2_FILE_CORRUPTED;
      Files.writeString(damageFound, code + " " + reason(cause) + "\n",
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      PrivateFolders.makePrivateFile(damageFound);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not record the damage of {0} in {1}: {2}", database,
          damageFound, e.toString());
      return false;
    }
  }

  /**
   * Returns the damage a statement recorded ({@link #recordDamage}) if no process has the file
   * open now (no H2 lock file, under the open lock), as the exception it met.
   */
  private Optional<SQLException> recordedDamage() {
    if (Files.exists(h2Lock) || !Files.exists(damageFound)) {
      return Optional.empty();
    }
    try {
      String line = Files.readString(damageFound).strip();
      int space = line.indexOf(' ');
      int code = Integer.parseInt(space < 0 ? line : line.substring(0, space));
      String reason = space < 0 ? "" : line.substring(space + 1);
      return Optional.of(new SQLException("a statement met damage in it while it was open: "
          + reason, "90030", code));
    } catch (IOException | NumberFormatException e) {
      return Optional.of(new SQLException("a statement met damage in it while it was open ("
          + damageFound + " cannot be read: " + e + ")", "90030", H2_FILE_CORRUPTED));
    }
  }

  /**
   * Returns whether {@code e}, thrown by a statement on the open database, says the file is
   * damaged: H2 found it corrupt or ending early ({@link Database#isDamaged}), or an index entry
   * without its row ({@link IndexCheck#isOutOfStep}). Narrower than {@link #isDamagedAtOpen}: a
   * data exception or an internal error of H2 while the file is in use may have other causes
   * (a value too long, a bug under concurrency) and must not get the file moved aside.
   */
  static boolean isDamagedWhileOpen(SQLException e) {
    return !Database.isDiskFull(e) && (Database.isDamaged(e) || IndexCheck.isOutOfStep(e));
  }

  /** Returns the first line of the message of {@code cause}'s deepest cause. */
  private static String reason(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.toString() : root.getMessage().strip();
    int newline = reason.indexOf('\n');
    return newline < 0 ? reason : reason.substring(0, newline);
  }

  /**
   * Returns, if no process has the database file open (no H2 lock file, under the open lock), why
   * H2 would open it at an older state than it was written ({@link RolledBackFile}): a truncated
   * file that H2 itself would open without an error.
   */
  private Optional<SQLException> rolledBack() {
    if (Files.exists(h2Lock)) {
      return Optional.empty(); // open (here or elsewhere), or left by a process H2 judges
    }
    return RolledBackFile.check(database).map(reason ->
        new SQLException("File corrupted while reading the database " + database + ": " + reason,
            "90030", H2_FILE_CORRUPTED));
  }

  /**
   * After a killed process: rebuilds the indexes its last writes may have left out of step
   * ({@link IndexCheck}), still under the open lock, so before any other process connects. A
   * failure is logged: the statements that meet such an index then fail, as without the check.
   */
  private void checkIndexes(Connection connection) {
    try {
      IndexCheck.rebuildIfOutOfStep(connection, database, database.toString());
      Files.deleteIfExists(damageFound);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not delete {0}: {1}", damageFound, e.toString());
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not check the indexes of the database file {0} after the"
          + " process that served it was killed: {1}", database, Database.explain(
              e instanceof SQLException sql ? sql : new SQLException(e)));
    }
  }

  /**
   * Deletes H2's lock file if it names a server that refuses connections (its process died);
   * returns whether it did.
   */
  private boolean removeStaleLock() {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(h2Lock)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(Level.DEBUG, "Could not read H2''s lock file {0}: {1}", h2Lock, e.toString());
      return false;
    }
    String server = properties.getProperty("server", "").trim();
    int colon = server.lastIndexOf(':');
    if (colon <= 0) {
      return false; // opened without mixed mode, or in the middle of opening: H2 decides
    }
    int port;
    try {
      port = Integer.parseInt(server.substring(colon + 1));
    } catch (NumberFormatException e) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.substring(0, colon), port),
          PROBE_TIMEOUT_MILLIS);
      return false; // a live server: H2 connects to it
    } catch (ConnectException refused) {
      // nobody listens: the process that served the file is gone (or closing it, see above)
    } catch (IOException e) {
      return false; // unreachable or slow: H2 decides
    }
    try {
      if (!Files.deleteIfExists(h2Lock)) {
        return false;
      }
      STALE_LOCKS_REMOVED.incrementAndGet();
      LOG.log(Level.DEBUG, "Removed the lock file {0} of a server that is gone ({1})", h2Lock,
          server);
      return true;
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not remove the stale lock file {0}: {1}", h2Lock, e.toString());
      return false;
    }
  }

  /**
   * Returns whether {@code e}, thrown by H2 while it opened an embedded database file that no
   * process serves, says the file is damaged: as {@link #isDamagedAtOpen}, or any failure that
   * is not one of the reasons outside the file (the file in use or locked, a wrong user or
   * password, a lost connection, an interrupt, a full disk, a file it may not read or write).
   * Opening replays the schema statements stored in the file, so a damaged file shows up as
   * anything from a syntax error to an internal error of H2.
   */
  static boolean isDamagedAtConnect(SQLException e) {
    if (Database.isRefusedOpen(e)) {
      return false; // JournalOpenGuard's refusal: journals to redo, not damage
    }
    if (isDamagedAtOpen(e)) {
      return true;
    }
    if (Database.isDiskFull(e)) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
          || (t instanceof IOException && !(t instanceof java.io.EOFException))
          || t instanceof VirtualMachineError) {
        return false;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        if (OUTSIDE_THE_FILE.contains(sql.getErrorCode()) || state.startsWith("08")
            || state.startsWith("28")) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Returns whether {@code e}, thrown by H2 while opening an embedded database or by the first
   * statements on it, says the file's content cannot be read: a corrupt or truncated file, an
   * index that misses its rows, a value of the wrong type in our own tables, or an internal
   * error of H2 (such as a NullPointerException) while it read the file; not a full disk or a
   * file it may not read.
   */
  static boolean isDamagedAtOpen(SQLException e) {
    if (Database.isDiskFull(e)) {
      return false;
    }
    if (Database.isDamaged(e)) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException && IndexCheck.isOutOfStep(t)) {
        return true;
      }
      // a data exception (SQLSTATE class 22) from the statements that prepare our own tables:
      // their columns hold only what we wrote, so a value of the wrong type was read from a
      // damaged page (seen: "Data conversion error converting BINARY VARYING to BIGINT")
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && sql.getSQLState().startsWith("22")) {
        return true;
      }
      if (t.getClass().getName().equals(H2_STORE_EXCEPTION)) {
        return !(t.getCause() instanceof IOException);
      }
      if (t instanceof IOException) {
        return false;
      }
      if (e.getErrorCode() == H2_GENERAL_ERROR && t instanceof RuntimeException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Moves the damaged database file aside, unless another process holds it; returns whether it
   * did (with one ERROR line and the count).
   */
  private boolean moveAside(SQLException cause) {
    if (!Files.exists(database)) {
      return false;
    }
    Holder holder = holder();
    if (holder == Holder.ANOTHER_PROCESS) {
      return false;
    }
    // THIS_JVM is the lock H2's failed open left behind (it does not always close the file when
    // reading it fails), unless H2 has the file open here: then a store of this JVM is using it,
    // and the error came from somewhere else than the file (what a failed connect meets in a
    // file that reads well for the store that opened it)
    if (holder == Holder.THIS_JVM && JournalOpenGuard.isOpenHere(database)) {
      LOG.log(Level.WARNING, "Did not move the database file {0} aside after \"{1}\": H2 has it"
          + " open in this JVM, where its stores read it", database, reason(cause));
      return false;
    }
    Path aside = database.resolveSibling(
        database.getFileName() + ".damaged-" + STAMP.format(Instant.now()));
    for (int n = 1; Files.exists(aside); n++) {
      aside = database.resolveSibling(database.getFileName() + ".damaged-"
          + STAMP.format(Instant.now()) + "-" + n);
    }
    try {
      Files.move(database, aside);
      PrivateFolders.makePrivateFile(aside);
      Files.deleteIfExists(h2Lock);
      Files.deleteIfExists(damageFound);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not move the damaged database file {0} aside: {1}", database,
          e.toString());
      return false;
    }
    MOVED_ASIDE.incrementAndGet();
    LOG.log(Level.ERROR, "The database file " + database + " is damaged (" + reason(cause)
        + "); moved it to " + aside
        + " and opened a new, empty database: the caches in it start empty. Delete the moved"
        + " file once you no longer need it for diagnosis");
    return true;
  }

  /** Who holds H2's OS lock on the database file. */
  private enum Holder {
    NONE,
    THIS_JVM,
    ANOTHER_PROCESS
  }

  /**
   * Returns who holds H2's OS lock on the database file. Called only while no H2 of this JVM
   * uses the file (its open failed, or it was closed), under the open lock: closing the probe's
   * channel then drops no lock of this process that H2 relies on.
   */
  private Holder holder() {
    try (FileChannel channel = FileChannel.open(database, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return Holder.ANOTHER_PROCESS;
      }
      lock.release();
      return Holder.NONE;
    } catch (OverlappingFileLockException e) {
      return Holder.THIS_JVM;
    } catch (IOException e) {
      return Holder.ANOTHER_PROCESS;
    }
  }
}

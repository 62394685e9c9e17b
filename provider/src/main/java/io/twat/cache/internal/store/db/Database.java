/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.store.StoreException;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * One JDBC database as the stores of this JVM share it: a small pool of connections, the schema,
 * and the dialect, opened by the first store that needs it and closed a
 * moment after the last one lets go (so that a program, or a test suite, that closes and opens
 * caches in quick succession does not reopen the database file every time).
 *
 * <p>The registry of open databases is static, like the file store's lock registry: an embedded
 * H2 database is one per file per JVM whatever its users do, and its connections are best shared.
 * So is one daemon thread ({@link #housekeeping()}) that sweeps expired rows and closes idle
 * databases; it never keeps the JVM alive.
 *
 * <p>Thread-safe.
 */
final class Database {
  /**
   * How many connections an operation tries when each one turns out lost (the process that
   * served an H2 file in mixed mode went away, see {@link #isConnectionLost}) before it fails.
   */
  static final int MAX_RECONNECTS = 5;
  private static final System.Logger LOG = System.getLogger(Database.class.getName());
  private static final Map<String, Database> OPEN = new HashMap<>(); // guarded by itself
  private static final long LINGER_MILLIS = 2_000L;
  static final int MAX_IDLE = 8;
  private static final String H2_DRIVER = "org.h2.Driver";
  private static final int H2_ERROR_OPENING_DATABASE = 8000;
  private static final int H2_ERROR_DATABASE_ALREADY_OPEN = 90020;
  private static final int H2_ERROR_IO = 90028;
  private static final int H2_ERROR_CONNECTION_BROKEN = 90067;
  private static final int H2_ERROR_FILE_CORRUPTED = 90030;
  /**
   * How long a connection waits out a mixed-mode handover ("database already in use"): the
   * process that served the file may take seconds to close it on a loaded machine (H2 compacts
   * the file on close; 2 s was too short in CI while 2 test suites ran). A server that refuses
   * connections is waited out for as long as the connect may take: it is gone, and the next try
   * removes its lock file ({@link EmbeddedFile}).
   */
  static final long HANDOVER_MILLIS = 10_000L;
  private static ScheduledExecutorService housekeeping; // guarded by OPEN

  private final String key;
  private final String url;
  private final Optional<EmbeddedFile> file; // present for an embedded H2 file in mixed mode
  private final Credentials credentials;
  private final Dialect dialect;
  private final long connectTimeoutMillis;
  /** Shares the checkpoints of durability {@code process} among concurrent writers. */
  private final GroupCommit flushes;
  /** Shares the checkpoints of durability {@code fsync} among concurrent writers. */
  private final GroupCommit syncs;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>(); // guarded by this
  private final KeptStatements kept = new KeptStatements();
  private boolean closed; // guarded by this
  private int users; // guarded by OPEN
  private ScheduledFuture<?> closing; // guarded by OPEN
  private ChangeFeed changeFeed; // guarded by this
  /** This JVM's journal of the file, for durable changes without a checkpoint each. */
  private final JournalBinder journals;

  private Database(String key, String url, Credentials credentials, Dialect dialect,
      long connectTimeoutMillis) {
    this.key = key;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.url = url;
    this.file = EmbeddedFile.of(url);
    this.credentials = credentials;
    this.dialect = dialect;
    this.flushes = groupCommit(dialect.flushSql());
    this.syncs = groupCommit(dialect.syncSql());
    this.journals = new JournalBinder(this, file);
  }

  private static GroupCommit groupCommit(String sql) {
    return sql == null ? null
        : new GroupCommit(connection -> checkpoint(connection, sql), Database::confirmServed);
  }

  /**
   * For a connection to an H2 server in another process: checks with a round trip that the
   * server still serves it, after a checkpoint another writer ran on its own connection (see
   * {@link GroupCommit}, "When the database changes hands"). A session of a database this JVM
   * holds needs no check: its commit and every checkpoint of this JVM reach the same engine.
   *
   * @throws SQLException if the server is gone (a lost connection, see {@link
   *     #isConnectionLost}) or the statement fails
   */
  static void confirmServed(Connection connection) throws SQLException {
    if (!OperationLog.mayBeLost(connection, Dialect.H2)) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
    }
  }

  /**
   * Turns auto-commit back on, first rolling back the connection's transaction unless it {@code
   * ended} (it was committed or rolled back already). On H2 every rollback empties the session's
   * cache of parsed statements, so a rollback after each commit made every statement of the
   * connection's next user be parsed again (28% of a writer's samples with {@code
   * durability=relaxed}, JFR). Turning auto-commit on commits whatever a statement run after the
   * commit (a {@code CHECKPOINT}) opened.
   */
  static void autoCommitAgain(Connection connection, boolean ended) throws SQLException {
    if (!connection.getAutoCommit()) {
      if (!ended) {
        connection.rollback();
      }
      connection.setAutoCommit(true);
    }
  }

  /** Runs a checkpoint statement, committing it if the connection is in a transaction. */
  private static void checkpoint(Connection connection, String sql) throws SQLException {
    boolean auto = connection.getAutoCommit();
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
    if (!auto) {
      connection.commit();
    }
  }

  /**
   * After a transaction committed on {@code connection}, makes it as durable as {@code
   * durability} says where the database needs to be told (H2: a checkpoint): returns once a
   * checkpoint that started after this call has completed. Concurrent writers share one
   * checkpoint (see {@link GroupCommit}), and one of them may run it on its connection.
   *
   * @throws SQLException if the checkpoint failed: the change may not be durable
   */
  void makeDurable(Connection connection, Durability durability) throws SQLException {
    GroupCommit group = switch (durability) {
      case PROCESS -> flushes;
      case FSYNC -> syncs;
      case RELAXED -> null;
    };
    if (group != null) {
      group.await(connection);
    }
  }

  /**
   * Writes every committed change to the file where the database needs to be told (H2: a
   * checkpoint), on {@code connection}, committing what the checkpoint opened: for changes that
   * are rare and must be in the file before others build on them (a cache's record, its settings).
   */
  void flush(Connection connection) throws SQLException {
    String sql = dialect.flushSql();
    if (sql != null) {
      checkpoint(connection, sql);
    }
  }

  /**
   * Returns this JVM's journal of the database file for a key transaction on {@code connection},
   * or null where its change is made durable by a checkpoint: see {@link JournalBinder#journal}.
   */
  JournalWriter journal(Connection connection, Durability durability) {
    return journals.journal(connection, durability);
  }

  /** After a change was journaled in {@code writer}: see {@link JournalBinder#journaled}. */
  void journaled(JournalWriter writer, Connection connection) {
    journals.journaled(writer, connection);
  }

  /** After {@code writer} failed to append: see {@link JournalBinder#failed}. */
  void journalFailed(JournalWriter writer, IOException failure) {
    journals.failed(writer, failure);
  }

  /**
   * Returns the open database at {@code url}, opening it (and creating the schema) if this JVM
   * has not yet; each call must be matched by one {@link #release()}.
   *
   * @throws StoreException naming the URL and the cause if the database cannot be reached,
   *     opened or written within {@code connectTimeoutMillis}
   */
  static Database acquire(String url, Credentials credentials, long connectTimeoutMillis)
      throws StoreException {
    String key = url + '\n' + credentials.user();
    synchronized (OPEN) {
      Database database = OPEN.get(key);
      if (database == null) {
        database = open(key, url, credentials, connectTimeoutMillis);
        OPEN.put(key, database);
      }
      database.users++;
      if (database.closing != null) {
        database.closing.cancel(/* mayInterruptIfRunning= */ false);
        database.closing = null;
      }
      return database;
    }
  }

  /** Lets go of the database; the last user's release closes it after a short delay. */
  void release() {
    synchronized (OPEN) {
      if (--users > 0) {
        return;
      }
      closing = housekeeping().schedule(this::closeIfUnused, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void closeIfUnused() {
    synchronized (OPEN) {
      if (users > 0 || OPEN.get(key) != this) {
        return;
      }
      OPEN.remove(key);
      closing = null;
    }
    closeConnections();
  }

  /**
   * Closes at once every database that no store uses, rather than after the linger, and waits
   * for a close the linger started already: for tests that change or delete a database file once
   * this JVM has let go of it (H2's lock watchdog writes its lock file again while the database
   * is open), and for short-lived processes.
   */
  static void closeUnusedNow() {
    List<Database> unused;
    ScheduledExecutorService executor;
    synchronized (OPEN) {
      unused = removeUnused(database -> true);
      executor = housekeeping;
    }
    unused.forEach(Database::closeConnections);
    if (executor != null) {
      // a delayed close (or a prune) that the housekeeping thread runs now ends before this does
      try {
        executor.submit(() -> { }).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | RejectedExecutionException e) {
        LOG.log(Level.DEBUG, "Could not wait for the database housekeeping: {0}", e.toString());
      }
    }
  }

  /**
   * Takes the databases that {@code which} selects and no store uses out of the registry,
   * cancelling their delayed close, and returns them for the caller to close. The caller holds
   * {@code OPEN}.
   */
  private static List<Database> removeUnused(Predicate<Database> which) {
    List<Database> unused = new ArrayList<>();
    for (Iterator<Database> it = OPEN.values().iterator(); it.hasNext(); ) {
      Database database = it.next();
      if (database.users == 0 && which.test(database)) {
        it.remove();
        if (database.closing != null) {
          database.closing.cancel(/* mayInterruptIfRunning= */ false);
          database.closing = null;
        }
        unused.add(database);
      }
    }
    return unused;
  }

  /**
   * After opening a store of the embedded database at {@code url} failed with {@code failure}:
   * if the failure says the file is damaged (a statement met a corrupt page once the file was
   * open) and no store of this JVM uses the database, closes it here and moves the file aside
   * (see {@link EmbeddedFile}), unless another process holds it; returns whether it did, so that
   * the caller opens a new, empty database. An index found out of step with its table is
   * rebuilt instead ({@link IndexCheck}), and the caller opens the same database again.
   */
  static boolean recoverDamaged(
      String url, Credentials credentials, Throwable failure, long timeoutMillis) {
    Optional<EmbeddedFile> file = EmbeddedFile.of(url);
    SQLException cause = null;
    for (Throwable t = failure; t != null && cause == null;
        t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && EmbeddedFile.isDamagedAtOpen(sql)) {
        cause = sql;
      }
    }
    if (file.isEmpty() || cause == null) {
      return false;
    }
    List<Database> unused;
    synchronized (OPEN) {
      for (Database database : OPEN.values()) {
        if (database.url.equals(url) && database.users > 0) {
          return false; // other stores of this JVM use it: not ours alone to replace
        }
      }
      unused = removeUnused(database -> database.url.equals(url));
    }
    unused.forEach(Database::closeConnections);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      // an index entry without its row, as H2 may leave after a killed process: the rows are
      // intact, so the indexes are rebuilt from them rather than the file moved aside
      if (IndexCheck.isOutOfStep(cause) && rebuildIndexes(file.get(), url, credentials, deadline)) {
        return true;
      }
      return file.get().moveAsideAfter(cause, () -> connectPlain(url, credentials), deadline);
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "Could not move the damaged database file of {0} aside: {1}", url,
          e.getMessage());
      return false;
    }
  }

  /**
   * Rebuilds the indexes of an embedded file that a statement found out of step; returns whether
   * it did. False also if the rebuild itself met damage (a table whose own pages are damaged, so
   * that the indexes rebuilt from it are out of step again: seen with zeroed blocks in {@code
   * DbDamagedFileTest}), so that the caller moves the file aside instead.
   */
  private static boolean rebuildIndexes(EmbeddedFile file, String url, Credentials credentials,
      long deadline) throws SQLException {
    try {
      return file.rebuildIndexesAfter(() -> connectPlain(url, credentials), deadline);
    } catch (SQLException e) {
      if (!EmbeddedFile.isDamagedAtOpen(e)) {
        throw e;
      }
      LOG.log(Level.DEBUG, "Could not rebuild the indexes of {0}, whose tables are damaged too:"
          + " {1}", url, e.getMessage());
      return false;
    }
  }

  /** Returns the daemon thread that runs sweeps and delayed closes. */
  static ScheduledExecutorService housekeeping() {
    synchronized (OPEN) {
      if (housekeeping == null) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
          Thread thread = new Thread(task, "twat-db-housekeeping");
          thread.setDaemon(true);
          return thread;
        });
        // closed stores cancel their sweeps: drop them from the queue at once, not when they fall
        // due
        executor.setRemoveOnCancelPolicy(true);
        housekeeping = executor;
      }
      return housekeeping;
    }
  }

  private static Database open(
      String key, String url, Credentials credentials, long connectTimeoutMillis)
      throws StoreException {
    if (url.startsWith("jdbc:h2:")) {
      // before H2 loads: it reads its bind address once (see LoopbackServer)
      LoopbackServer.bindToLoopback();
      try {
        Class.forName(H2_DRIVER, /* initialize= */ true, Database.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new StoreException("The H2 driver (" + H2_DRIVER + ") was not found on the class "
            + "path or module path; add com.h2database:h2 to use " + url, e);
      }
    }
    Connection first = connectWithin(url, credentials, connectTimeoutMillis);
    try {
      LoopbackServer.check(url);
    } catch (StoreException e) {
      closeQuietly(first);
      throw e;
    }
    try {
      Dialect dialect = Dialect.of(first.getMetaData().getDatabaseProductName());
      Database database = new Database(key, url, credentials, dialect, connectTimeoutMillis);
      database.prepare(first);
      database.giveBack(first);
      return database;
    } catch (SQLException e) {
      closeQuietly(first);
      throw new StoreException(
          "Could not prepare the twat:db tables in " + url + ": " + explain(e), e);
    }
  }

  private void prepare(Connection connection) throws SQLException {
    if (dialect == Dialect.H2) {
      try (Statement statement = connection.createStatement()) {
        // H2's default: its background writer runs (and compacts the file); each store's
        // durability is its own checkpoint per write (see Durability).
        statement.execute("SET WRITE_DELAY 500");
      } catch (SQLException e) {
        LOG.log(
            Level.WARNING,
            "Could not set the write delay of {0} ({1}); H2's background writer, which "
                + "compacts the file, may not run",
            url,
            e.getMessage());
      }
    }
    SQLException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try (Statement statement = connection.createStatement()) {
        for (String sql : dialect.schema()) {
          statement.execute(sql);
        }
        if (file.isPresent()) {
          // the watermarks of the journal of the JVM that serves the file (JournalWriter)
          statement.execute(JournalWriter.CREATE_TABLE);
        }
        DbCatalog.ensureRecordCheck(connection);
        CacheForeignKey.ensure(connection, url);
        return;
      } catch (SQLException e) {
        // two processes creating the schema at once may collide (PostgreSQL); the next try sees it
        // made
        last = e;
      }
    }
    throw last;
  }

  private static Connection connectWithin(String url, Credentials credentials, long timeoutMillis)
      throws StoreException {
    CompletableFuture<Connection> connecting = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        connecting.complete(connect(url, credentials, timeoutMillis));
      } catch (SQLException | RuntimeException e) {
        connecting.completeExceptionally(e);
      }
    }, "twat-db-connect");
    thread.setDaemon(true);
    thread.start();
    try {
      return connecting.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // a connection that arrives after all is closed at once
      CompletableFuture<Void> unused = connecting.thenAccept(Database::closeQuietly);
      throw new StoreException(
          "Could not connect to "
              + url
              + " within "
              + timeoutMillis
              + " ms; check that the database is running and reachable, or that no other process"
              + " holds the database file",
          e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String reason = cause instanceof SQLException sql ? explain(sql) : String.valueOf(cause);
      throw new StoreException("Could not open the database " + url + ": " + reason, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CompletableFuture<Void> unused = connecting.thenAccept(Database::closeQuietly);
      throw new StoreException("Interrupted while connecting to " + url, e);
    }
  }

  /**
   * Connects, trying again for up to {@code patienceMillis} while H2 reports that another process
   * is just creating or taking over the database file (its lock file was "recently modified"):
   * processes that open one new database at the same moment meet that, and it passes. For up to
   * {@value #HANDOVER_MILLIS} ms it also tries again while the file is "already in use": in mixed
   * mode that is what a process meets while the one that served the file closes it, before the
   * next one serves it; a process that holds the file without mixed mode fails after that time.
   */
  private static Connection connect(String url, Credentials credentials, long patienceMillis)
      throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
    long handoverDeadline = System.nanoTime()
        + TimeUnit.MILLISECONDS.toNanos(Math.min(patienceMillis, HANDOVER_MILLIS));
    for (int attempt = 1; ; attempt++) {
      try {
        return connectOnce(url, credentials, deadline);
      } catch (SQLException e) {
        // in use, or served by a process that stopped serving between our look at its lock file
        // and H2's connect (a refused connection, H2's 90067): both are a handover in progress
        boolean handover = (e.getErrorCode() == H2_ERROR_DATABASE_ALREADY_OPEN
            && System.nanoTime() < handoverDeadline)
            || (e.getErrorCode() == H2_ERROR_CONNECTION_BROKEN && EmbeddedFile.of(url).isPresent());
        if (!(e.getErrorCode() == H2_ERROR_OPENING_DATABASE || handover)
            || System.nanoTime() > deadline) {
          throw e;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(
            ThreadLocalRandom.current().nextLong(20, 50 + 50L * Math.min(attempt, 8))));
      }
    }
  }

  /**
   * Connects like a store's first connection (see {@link DbStore#connectEmbedded}), outside the
   * pool: the caller closes it.
   */
  static Connection connectForTool(String url, Credentials credentials, long patienceMillis)
      throws SQLException {
    return connect(url, credentials, patienceMillis);
  }

  /**
   * Connects once; to an embedded H2 file in mixed mode through {@link EmbeddedFile#connect},
   * which opens one connection of this host's processes at a time, removes H2's stale lock file
   * and moves a damaged database file aside.
   */
  private static Connection connectOnce(String url, Credentials credentials, long deadlineNanos)
      throws SQLException {
    Optional<EmbeddedFile> file = EmbeddedFile.of(url);
    if (file.isEmpty()) {
      return connectPlain(url, credentials);
    }
    return file.get().connect(() -> connectPlain(url, credentials), connection -> {
      try (Statement statement = connection.createStatement()) {
        for (String sql : Dialect.H2.schema()) {
          statement.execute(sql);
        }
      }
    }, deadlineNanos);
  }

  private static Connection connectPlain(String url, Credentials credentials)
      throws SQLException {
    Properties properties = new Properties();
    if (!credentials.user().isEmpty()) {
      properties.setProperty("user", credentials.user());
    }
    if (!credentials.password().isEmpty()) {
      properties.setProperty("password", credentials.password());
    }
    return DriverManager.getConnection(url, properties);
  }

  /** Returns the JDBC URL. */
  String url() {
    return url;
  }

  /**
   * Returns the one follower of this database's change log in this JVM (see {@link ChangeFeed});
   * its thread runs while some store subscribes.
   */
  synchronized ChangeFeed changeFeed() {
    if (changeFeed == null) {
      changeFeed = new ChangeFeed(this);
    }
    return changeFeed;
  }

  /** Returns the database's dialect. */
  Dialect dialect() {
    return dialect;
  }

  /**
   * Returns a connection in auto-commit mode; give it back with {@link #giveBack} or {@link
   * #discard}.
   */
  Connection borrow() throws SQLException {
    synchronized (this) {
      if (closed) {
        throw new SQLException("The database " + url + " has been closed");
      }
      Connection connection = idle.pollFirst();
      if (connection != null) {
        return connection;
      }
    }
    return connect(url, credentials, connectTimeoutMillis);
  }

  /**
   * Returns a connection like {@link #borrow()}, reporting a failure as a {@link StoreException}
   * that names the URL, the cause and, where it is known, the fix.
   */
  Connection borrowOrThrow() throws StoreException {
    try {
      return borrow();
    } catch (SQLException e) {
      throw new StoreException("Could not connect to " + url + ": " + explain(e), e);
    }
  }

  /** Returns a healthy connection, in auto-commit mode, to the pool. */
  void giveBack(Connection connection) {
    boolean pooled;
    synchronized (this) {
      pooled = !closed && idle.size() < MAX_IDLE;
      if (pooled) {
        idle.addFirst(connection);
      }
    }
    if (!pooled) {
      close(connection);
    }
  }

  /**
   * Returns the statement of {@code sql} kept open on {@code connection}, a connection borrowed
   * from this database (see {@link KeptStatements}: set every parameter, do not close it).
   */
  PreparedStatement statement(Connection connection, String sql) throws SQLException {
    return kept.of(connection, sql);
  }

  /** Returns how many connections have statements kept open: for tests. */
  int connectionsWithKeptStatements() {
    return kept.connections();
  }

  /** Closes a connection that failed, rather than pooling it. */
  void discard(Connection connection) {
    close(connection);
  }

  /**
   * Closes a connection that failed with {@code e}, and the pooled ones too if the connection was
   * lost.
   */
  void discard(Connection connection, SQLException e) {
    close(connection);
    dropIdleIfLost(e);
  }

  /** After a lost connection, closes the pooled ones too: they went to the same place. */
  void dropIdleIfLost(SQLException e) {
    if (!isConnectionLost(e)) {
      return;
    }
    ArrayDeque<Connection> stale;
    synchronized (this) {
      stale = new ArrayDeque<>(idle);
      idle.clear();
    }
    stale.forEach(this::close);
  }

  private void closeConnections() {
    journals.retire();
    ArrayDeque<Connection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    for (Connection connection : toClose) {
      close(connection);
    }
  }

  /** Closes a connection of this database's pool, with the statements kept on it. */
  private void close(Connection connection) {
    kept.forget(connection);
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "Could not close a database connection: {0}", e.getMessage());
    }
  }

  /** Returns whether {@code e} is a unique or primary key violation (SQLSTATE 23505). */
  static boolean isDuplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  /**
   * Returns whether {@code e} says the connection is gone (the process that served an H2 file in
   * mixed mode exited, a server went away) rather than that the statement failed: a new
   * connection may succeed where this one cannot.
   */
  static boolean isConnectionLost(SQLException e) {
    int code = e.getErrorCode();
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return code == 90121
        || code == 90067
        || code == 90098
        || code == 90007
        || state.startsWith("08")
        || isRefusedOpen(e);
  }

  /**
   * Returns whether {@code e} is H2's own reconnect, opening the file outside {@link
   * EmbeddedFile}, refused by {@link JournalOpenGuard} (H2's error 90099 around its message): the
   * connection is as good as lost, and a new one redoes the journals first.
   */
  static boolean isRefusedOpen(SQLException e) {
    String message = e.getMessage();
    return e.getErrorCode() == 90099 && message != null
        && message.contains(JournalOpenGuard.REFUSED);
  }

  /** Returns the cause of a database failure and, where it is known, how to fix it. */
  static String explain(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String hint =
        switch (e.getErrorCode()) {
          case H2_ERROR_DATABASE_ALREADY_OPEN ->
              "another process holds the database file and did not serve it to this one: either"
                  + " it is handing the file over (it was closing it, and no process served it"
                  + " yet, for longer than " + HANDOVER_MILLIS + " ms), or it opened the file"
                  + " without AUTO_SERVER=TRUE (H2 mixed mode, which every twat:db process"
                  + " uses). Try again; if it persists, find the process that has the file open"
                  + " (e.g. lsof) and let it open the file with AUTO_SERVER=TRUE, or stop it";
          case 90028, 90031, 90096 ->
              "check that the folder is writable by this user and that the disk is " + "not full";
          case 90067, 90047 -> "check that the database server is running and reachable";
          case 90146 -> "the database does not exist; create it or check the URL";
          default -> "";
        };
    if (hint.isEmpty()) {
      if (state.startsWith("28")) {
        hint =
            "check the user name and password (the twat.cache.user and twat.cache.password"
                + " properties, or the TWAT_CACHE_USER and TWAT_CACHE_PASSWORD environment"
                + " variables)";
      } else if (state.equals("08001")
          && String.valueOf(e.getMessage()).contains("suitable driver")) {
        hint = "put the JDBC driver of this database on the class path";
      } else if (state.startsWith("08")) {
        hint = "check that the database server is running and reachable";
      }
    }
    if (isDiskFull(e)) {
      hint = "the disk that holds the database is full (No space left on device); free space on"
          + " it, or give the cache a folder on another disk";
    } else if (isDamaged(e)) {
      String file = fileOf(e);
      hint = "the database file " + (file.isEmpty() ? "" : file + " ") + "is damaged: it ends"
          + " early or its content cannot be read. It holds only cached data: an embedded file"
          + " is moved aside, and its caches start empty, when a process next opens it with no"
          + " other process using it; to do it now, stop the processes that use it, move it"
          + " aside (e.g. mv " + (file.isEmpty() ? "FILE" : file) + " "
          + (file.isEmpty() ? "FILE" : file) + ".damaged) and open the cache again";
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    return hint.isEmpty() ? message : message + " (" + hint + ")";
  }

  /**
   * Returns whether {@code e}, thrown by a statement on this database, says its embedded file
   * is damaged ({@link EmbeddedFile#isDamagedWhileOpen}); if so, records it beside the file, so
   * that the first process to open the file next moves it aside, and logs one ERROR line per
   * file. Always false for a database other than an embedded H2 file.
   */
  boolean noteDamage(SQLException e) {
    if (file.isEmpty() || !EmbeddedFile.isDamagedWhileOpen(e)) {
      return false;
    }
    if (!file.get().recordDamage(e)) {
      return true; // recorded and logged already
    }
    if (IndexCheck.isOutOfStep(e)) {
      LOG.log(Level.WARNING, "A statement met an index entry without its row in the database"
          + " file of " + url + " (" + explain(e) + "), as H2 may leave after a killed process;"
          + " the indexes are rebuilt from the rows when a process next opens the file with no"
          + " other process using it");
    } else {
      LOG.log(Level.ERROR, "A statement met damage in the database file of " + url + " ("
          + explain(e) + "). Reads that meet it miss, and writes there fail; the file is moved"
          + " aside (its caches start empty) when a process next opens it with no other process"
          + " using it");
    }
    return true;
  }

  /** Returns whether a cause of {@code e} says the disk is full. */
  static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("no space left")
          || message.contains("enospc")
          || message.contains("not enough space on the disk")
          || message.contains("disk full")) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether {@code e} says the database file is truncated or corrupt. */
  static boolean isDamaged(SQLException e) {
    if (e.getErrorCode() == H2_ERROR_FILE_CORRUPTED) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if ((t instanceof EOFException && e.getErrorCode() == H2_ERROR_IO)
          || String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("file corrupted")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the database file H2 names in its message (between quotes, without its file-system
   * prefixes such as {@code retry:}), or "" if it names none.
   */
  static String fileOf(SQLException e) {
    String message = String.valueOf(e.getMessage());
    int start = message.indexOf('"');
    int end = start < 0 ? -1 : message.indexOf('"', start + 1);
    if (end < 0) {
      return "";
    }
    String file = message.substring(start + 1, end);
    for (int colon = file.indexOf(':'); colon > 1; colon = file.indexOf(':')) {
      file = file.substring(colon + 1);
    }
    // a quoted part that is not a database file: an exception's text ("General error: ...")
    return file.endsWith(".db") ? file.strip() : "";
  }
}

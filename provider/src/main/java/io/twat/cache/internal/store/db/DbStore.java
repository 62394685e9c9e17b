/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.io.UnsafeFolderException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.db.CacheRows.CorruptRow;
import io.twat.cache.internal.store.db.CacheRows.RefusedRow;
import io.twat.cache.internal.store.db.CacheRows.Row;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * A store that keeps each entry as a row of a JDBC database: by default an embedded H2 file,
 * shared by the processes of one host through H2's mixed mode ({@code AUTO_SERVER=TRUE}: the
 * first process serves the file to the others over a local socket, without a server of its own).
 *
 * <h2>Tables</h2>
 * <pre>
 *   twat_cache  (id, name UNIQUE, key_type, value_type, format_version)    one row per cache
 *   twat_cache_setting (cache_id, setting_name, setting_value)             one row per setting
 *               the cache manager recorded for a cache (its configuration)
 *   twat_row    (key_hash PRIMARY KEY, cache_id, key_bytes, value_bytes,   one row per entry
 *                checksum, expires_at, accessed_at, entry_size)
 *   indexes     twat_row (cache_id, expires_at) for sweeps; on PostgreSQL and others also
 *               (cache_id, key_hash) for iteration, (cache_id, accessed_at) for eviction; on
 *               H2 instead only the foreign key's own index on (cache_id) (see Dialect)
 *   twat_op     (op_id PRIMARY KEY, created_at)                         one row per recent change
 *               over a connection that may be lost, kept 10 minutes (see OperationLog)
 * </pre>
 * A cache name, and its key and value type names, are at most 1,000 characters (the width of
 * their columns); a longer one is refused when the store opens.
 * {@code key_hash} is the first 8 bytes of SHA-256 over the cache id and the key bytes, and the
 * primary key on its own: H2 keys its rows by a single integer primary key, so a read descends
 * one B-tree (a composite key would add a second index to descend first). Reads and changes
 * still name the cache id too, and compare the key bytes, so a hash collision is a miss, never
 * another key's value.
 *
 * Keys and values are bytes from the {@link Serializer}; the value bytes pass through
 * {@link RowFormat} (the one place where they could be encrypted), and each row carries a CRC32C
 * of its key bytes, value bytes and deadline. {@code expires_at} is epoch milliseconds
 * ({@link StoreEntry#NEVER} for never), {@code accessed_at} the wall-clock time of the last write
 * (or, in a bounded store, of a read at least a second after the previous one), {@code entry_size}
 * the length of the key and value bytes. The cache's declared key and value types are recorded in
 * {@code twat_cache}: opening a cache whose rows were written with other types fails, and opening
 * it with other types while it has no rows records the new ones.
 *
 * <h2>Atomicity</h2>
 * {@link #compute} runs in one transaction that locks the key's row with
 * {@code SELECT ... FOR UPDATE}; when the row is missing, it first inserts an empty placeholder
 * row, which holds the key against every other transaction (another inserter's insert waits, then
 * fails with a duplicate key and starts over, before it called its function). So a compute is
 * atomic per key across the threads and processes that share the database, its function is called
 * exactly once, and a function that throws, or a failure, rolls the transaction back (see
 * {@link KeyTransaction}). When the process serving an H2 file exits while another process's
 * change is being committed over its socket, the change is applied exactly once or fails without
 * being applied ({@link OperationLog}); the same holds for {@link #clear}. The SQL on this path
 * is standard ({@link DbSql}, {@link OperationLog}); only the schema's column types go through
 * {@link Dialect}.
 *
 * <h2>Security</h2>
 * The folder of the embedded database is private to its user ({@link PrivateFolders}, 0700) and
 * its files are made 0600 when a store opens, whatever the umask ({@link #makePrivate}). The
 * server of mixed mode listens on the loopback interface only: twat-cache sets H2's
 * {@code h2.bindAddress} to the loopback address before it loads H2, unless the user set it,
 * for every H2 server of the JVM, and refuses to open a database whose server would listen
 * beyond loopback (see {@link LoopbackServer}).
 *
 * <h2>Durability</h2>
 * See {@link Durability}: by default, a change that returned has been committed and written to
 * the database file, or to the journal of the JVM that serves it (see docs/file-format.md), so it
 * survives the process being killed.
 *
 * <h2>Corrupt rows, bounds, expiry</h2>
 * A row whose checksum fails or whose bytes do not deserialize is a miss: counted in
 * {@link #corruptReads()}, logged once and deleted. A key or value of a class the serializer
 * refuses is not corruption: the read is a miss, counted in {@link #refusedReads()} and logged
 * once per row, and the row stays (see {@link io.twat.cache.internal.store.RefusedReads}); to
 * {@link #compute} such a key is absent, so a write replaces the row. A
 * bounded store ({@code maxEntries} or {@link Options#maxBytes()}) keeps a running estimate of its
 * rows and bytes; once past a bound it counts exactly and deletes the least recently used rows in
 * batches until about a tenth of the bound is free, reporting the deletions to the
 * {@link io.twat.cache.internal.store.StoreListener} ({@link DbEvictor}). A store whose entries
 * may expire sweeps expired rows on a daemon thread every {@link Options#sweepIntervalMillis()},
 * reporting each through {@code onExpired} while it holds the row, until it is closed
 * ({@link ExpirySweeper}).
 *
 * <h2>Parts</h2>
 * This class is the {@link Store} over the parts that do the work, one per responsibility:
 * <ul>
 *   <li>{@link Database}: the connections, schema and dialect shared by the stores of a JVM;
 *       {@link DbSql}: the text of every statement; {@link RowFormat}: the bytes of a row;</li>
 *   <li>{@link DbCatalog}: the records of the caches in {@code twat_cache};</li>
 *   <li>{@link CacheRows}: the rows of this cache, read, decoded and counted;</li>
 *   <li>{@link KeyTransaction}: {@link #compute}; {@link DbEvictor}: the bounds;
 *       {@link ExpirySweeper}: the sweeps; {@link RowIterator}: {@link #iterator()}.</li>
 * </ul>
 * They all log through this class's logger.
 *
 * <p>Thread-safe, and safe to share between processes.
 *
 * @param <K> the type of keys
 */
public final class DbStore<K> implements Store<K> {
  /** The file name (without H2's {@code .mv.db}) of the embedded database in its folder. */
  public static final String EMBEDDED_FILE = "twat-cache";

  static {
    // whoever reaches this class may go on to load H2 with one of its URLs: the server of mixed
    // mode must be bound to loopback before H2 reads its settings (see LoopbackServer)
    LoopbackServer.bindToLoopback();
  }

  private final Database database;
  private final DbCatalog catalog;
  private final CacheRows rows;
  private final StoreSpec spec;
  private final Options options;
  private final DbEvictor evictor;
  private final KeyTransaction transaction;
  private final ExpirySweeper sweeper;
  private final ScheduledFuture<?> pruning;
  private final ChangeLog changes;
  private final ChangeFeed.Subscription following; // null unless the change log is on
  private final ScheduledFuture<?> changePruning; // null unless the change log is on
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * How a database store behaves.
   *
   * @param durability how far a write has gone when it returns
   * @param maxBytes the most bytes of keys and values the store keeps, or 0 for no such bound
   * @param sweepIntervalMillis how often expired rows are swept, or 0 never to sweep
   * @param connectTimeoutMillis how long opening the database may take before it fails
   * @param sealer encrypts every value (AES-256-GCM, bound to its cache and key), or null to store
   *     values in the clear
   * @param changeFeedMillis 0: changes are not logged; more: each change is recorded in the
   *     change log for the heap tiers of other JVMs ({@link ChangeLog}), and the store follows
   *     other stores' changes of its cache at least this often, telling its listener
   *     ({@link io.twat.cache.internal.store.StoreListener#onChangedElsewhere}, see
   *     {@link ChangeFeed})
   */
  public record Options(
      Durability durability,
      long maxBytes,
      long sweepIntervalMillis,
      long connectTimeoutMillis,
      Sealer sealer,
      long changeFeedMillis) {
    /** The default sweep interval: a minute. */
    public static final long DEFAULT_SWEEP_INTERVAL_MILLIS = 60_000L;
    /** The default connect timeout: 30 seconds. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 30_000L;

    /** Checks the arguments. */
    public Options {
      Objects.requireNonNull(durability, "durability");
      if (changeFeedMillis < 0) {
        throw new IllegalArgumentException(
            "changeFeedMillis must be 0 or more, was " + changeFeedMillis);
      }
      if (maxBytes < 0 || sweepIntervalMillis < 0 || connectTimeoutMillis <= 0) {
        throw new IllegalArgumentException("maxBytes and sweepIntervalMillis must be 0 or more and "
            + "connectTimeoutMillis positive, were " + maxBytes + ", " + sweepIntervalMillis + ", "
            + connectTimeoutMillis);
      }
    }

    /**
     * Returns the defaults: {@link Durability#PROCESS}, no byte bound, a sweep a minute, 30 s to
     * connect.
     */
    public static Options defaults() {
      return new Options(
          Durability.PROCESS,
          0,
          DEFAULT_SWEEP_INTERVAL_MILLIS,
          DEFAULT_CONNECT_TIMEOUT_MILLIS,
          /* sealer= */ null,
          /* changeFeedMillis= */ 0);
    }

    /** Returns these options with another durability. */
    public Options withDurability(Durability newDurability) {
      return new Options(newDurability, maxBytes, sweepIntervalMillis, connectTimeoutMillis,
          sealer, changeFeedMillis);
    }

    /** Returns these options with another byte bound (0 for none). */
    public Options withMaxBytes(long newMaxBytes) {
      return new Options(durability, newMaxBytes, sweepIntervalMillis, connectTimeoutMillis,
          sealer, changeFeedMillis);
    }

    /** Returns these options with another sweep interval (0 never to sweep). */
    public Options withSweepIntervalMillis(long millis) {
      return new Options(durability, maxBytes, millis, connectTimeoutMillis, sealer,
          changeFeedMillis);
    }

    /** Returns these options with another connect timeout. */
    public Options withConnectTimeoutMillis(long millis) {
      return new Options(durability, maxBytes, sweepIntervalMillis, millis, sealer,
          changeFeedMillis);
    }

    /** Returns these options encrypting with {@code newSealer} (null: values in the clear). */
    public Options withSealer(Sealer newSealer) {
      return new Options(durability, maxBytes, sweepIntervalMillis, connectTimeoutMillis,
          newSealer, changeFeedMillis);
    }

    /**
     * Returns these options logging changes and following other stores' every {@code millis}
     * (0: neither).
     */
    public Options withChangeFeedMillis(long millis) {
      return new Options(durability, maxBytes, sweepIntervalMillis, connectTimeoutMillis, sealer,
          millis);
    }
  }

  private DbStore(Database database, DbCatalog catalog, CacheRows rows, StoreSpec spec,
      Options options) {
    this.database = database;
    this.catalog = catalog;
    this.rows = rows;
    this.spec = spec;
    this.options = options;
    this.evictor = new DbEvictor(rows, spec.maxEntries(), options.maxBytes(), spec.listener());
    this.changes = options.changeFeedMillis() > 0
        ? ChangeLog.of(database, rows.cacheId())
        : ChangeLog.NONE;
    this.transaction = new KeyTransaction(rows, evictor, changes);
    this.sweeper = new ExpirySweeper(rows, spec.ticker(), spec.listener(), Database.housekeeping(),
        spec.expiring() ? options.sweepIntervalMillis() : 0);
    this.pruning = OperationLog.schedulePruning(database, Database.housekeeping());
    if (changes.isOn()) {
      this.changePruning = ChangeLog.schedulePruning(database, Database.housekeeping());
      this.following = database.changeFeed().subscribe(rows.cacheId(), changes.origin(),
          options.changeFeedMillis(), new ElsewhereChanges());
    } else {
      this.changePruning = null;
      this.following = null;
    }
  }

  /** Passes other stores' changes of this cache on to the listener (a heap tier above). */
  private final class ElsewhereChanges implements ChangeFeed.Subscriber {
    @Override
    public void changed(byte[] keyBytes) {
      if (closed.get()) {
        return;
      }
      Object key;
      try {
        // CacheRows decodes keys from rows; only the key bytes matter here
        key = rows.key(new Row(keyBytes, null, 0, 0, 0, 0));
      } catch (RefusedRow | RuntimeException e) {
        spec.listener().onAllChangedElsewhere(); // a key we cannot name: drop every copy
        return;
      }
      spec.listener().onChangedElsewhere(key);
    }

    @Override
    public void lostTrack() {
      if (!closed.get()) {
        spec.listener().onAllChangedElsewhere();
      }
    }
  }

  /**
   * Returns the JDBC URL of the embedded H2 database in {@code folder}: the file
   * {@value #EMBEDDED_FILE}{@code .mv.db}, in mixed mode so that several processes share it.
   *
   * <ul>
   *   <li>{@code retry:}: H2 reaches the file through a channel that reopens itself when a thread
   *       is interrupted during a read or write. Over a plain {@code file:} path, one caller
   *       interrupted inside a cache operation (a cancelled future, a timed-out request) closes
   *       the database for every cache of the JVM.</li>
   *   <li>{@code RETENTION_TIME=100}: the space of superseded data is reused after 100 ms. H2
   *       keeps it 45 s by default, and with a write to the file per commit (durability
   *       {@code process} and {@code fsync}) that grew the file by about 25 KB per put. Measured
   *       with {@code DbRetentionExperiment} (100,000 puts of 1 KiB on 1,000 keys, one thread):
   *       2.7 GB at H2's default, 146 MB at 1 s, 30 MB at 100 ms, 4.5 MB at 0. We used 0 until
   *       4 writer threads met H2's {@code MVStoreException: Chunk ... not found} at 0 (1 failed
   *       put of 221,119 in 60 s; none of 142,883 at H2's default, 101,636 at 1 s, 138,248 at
   *       100 ms), as H2's own reports of that error (h2database#4383) and of chunks reused too
   *       early at 0 suggest. The write delay stays H2's default (500 ms), so H2's background
   *       writer runs and compacts the file; durability comes from a checkpoint per write (see
   *       {@link Durability}). The retention guards against a disk that reorders writes on a
   *       power loss; a killed process loses nothing by it, and {@code fsync} forces every
   *       commit to the device before it returns.</li>
   *   <li>{@code TRACE_LEVEL_FILE=0}: H2's own trace file is off; its errors reach the caller as
   *       exceptions, and a database that closes a little after its last store (see
   *       {@code Database}) must not create files in a folder its owner may be deleting.</li>
   *   <li>{@code DATABASE_EVENT_LISTENER}: {@link JournalOpenGuard}, which H2 calls at each open
   *       of the file in this JVM, and which refuses an open that would skip the journals to
   *       redo (H2's own reconnect after the serving process died).</li>
   * </ul>
   *
   * @param folder the folder of the database file
   * @return the URL
   */
  public static String embeddedUrl(Path folder) {
    return "jdbc:h2:retry:" + folder.toAbsolutePath().normalize().resolve(EMBEDDED_FILE)
        + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;TRACE_LEVEL_FILE=0;RETENTION_TIME=100"
        + ";DATABASE_EVENT_LISTENER='" + JournalOpenGuard.class.getName() + "'";
  }

  /**
   * Connects to the embedded database in {@code folder} as a store does, for tools (the command
   * line): to the process that serves it, or, if none does, to the file itself, which this JVM
   * then serves; opening the file redoes the journal of a process killed while it served it
   * (docs/file-format.md), so that the tool sees, and changes, what that process acknowledged.
   * A plain JDBC connect would skip that, and a later replay would redo old changes over the
   * tool's.
   *
   * @param folder the folder of the database file
   * @param credentials the user and password
   * @param timeoutMillis how long to wait for another process that is opening the file
   * @return the connection, in auto-commit mode, for the caller to close
   * @throws SQLException if the database cannot be opened or the journal cannot be redone
   */
  public static Connection connectEmbedded(Path folder, Credentials credentials,
      long timeoutMillis) throws SQLException {
    return Database.connectForTool(embeddedUrl(folder), credentials, timeoutMillis);
  }

  /**
   * Returns the base path of the database file of an embedded H2 URL ({@code
   * jdbc:h2:[file:|retry:|nio:...]PATH[;...]}, the path without {@code .mv.db}, as written in
   * the URL), or empty for any other URL (an H2 server or in-memory database, another database).
   *
   * @param url a JDBC URL
   * @return the path before H2's suffixes, or empty
   */
  public static Optional<String> embeddedBase(String url) {
    if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String name = url.substring("jdbc:h2:".length());
    int semicolon = name.indexOf(';');
    name = semicolon < 0 ? name : name.substring(0, semicolon);
    // file-system prefixes (retry:, file:, nio:...); a single letter is a Windows drive
    for (int colon = name.indexOf(':'); colon > 1; colon = name.indexOf(':')) {
      String prefix = name.substring(0, colon).toLowerCase(Locale.ROOT);
      if (prefix.equals("tcp") || prefix.equals("ssl") || prefix.equals("mem")
          || prefix.equals("zip")) {
        return Optional.empty();
      }
      name = name.substring(colon + 1);
    }
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /**
   * Closes at once the databases of this JVM that no store uses any more, instead of after the
   * short delay with which the last store's close lets go of a database: for a short-lived
   * process (the command line) that must not keep, or take over, a database that other processes
   * use once it has closed its caches.
   */
  public static void closeUnusedDatabases() {
    Database.closeUnusedNow();
  }

  /**
   * Opens the store of {@code spec}'s cache in the embedded H2 database in {@code folder}, creating
   * the folder (private to this user) and the database if needed.
   *
   * @throws StoreException if the folder or the database is unusable, or holds the cache's rows
   *     under other key or value types
   */
  public static <K> DbStore<K> openEmbedded(
      Path folder, Serializer serializer, StoreSpec spec, Options options) throws StoreException {
    return openEmbedded(folder, serializer, spec, options, Credentials.EMBEDDED_DEFAULT);
  }

  /**
   * Opens the store like {@link #openEmbedded(Path, Serializer, StoreSpec, Options)}, connecting as
   * {@code credentials} (the creator of a new database file becomes its administrator).
   *
   * @throws StoreException if the folder or the database is unusable, or holds the cache's rows
   *     under other key or value types
   */
  public static <K> DbStore<K> openEmbedded(
      Path folder, Serializer serializer, StoreSpec spec, Options options, Credentials credentials)
      throws StoreException {
    Path absolute = folder.toAbsolutePath().normalize();
    try {
      PrivateFolders.prepare(absolute);
    } catch (UnsafeFolderException e) {
      throw new StoreException(e.getMessage(), e);
    }
    String url = embeddedUrl(absolute);
    DbStore<K> store;
    try {
      store = open(url, credentials, serializer, spec, options);
    } catch (StoreException e) {
      // a damaged page that the first reads met: the file is moved aside (one ERROR line) if
      // no one else holds it, and the cache starts in a new, empty database (see EmbeddedFile)
      if (!Database.recoverDamaged(url, credentials, e, options.connectTimeoutMillis())) {
        throw e;
      }
      store = open(url, credentials, serializer, spec, options);
    }
    try {
      makePrivate(absolute);
    } catch (StoreException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Makes the files of the embedded database in {@code folder} readable and writable by their
   * owner only (0600 on POSIX), whatever the umask H2 created them under: the database file,
   * the lock file that holds the key of the mixed-mode server, and any other file of H2's
   * ({@value #EMBEDDED_FILE}{@code .*}, such as a trace or temporary file) present now. The
   * folder itself is private already ({@link PrivateFolders}), so this guards against a folder
   * opened up later; a file H2 makes after this (a lock file of a later takeover) has the
   * umask's permissions until a store opens again.
   *
   * @throws StoreException if a file's permissions cannot be changed
   */
  static void makePrivate(Path folder) throws StoreException {
    if (!PrivateFolders.isPosix(folder)) {
      return;
    }
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folder, EMBEDDED_FILE + ".*")) {
      for (Path file : files) {
        try {
          PrivateFolders.makePrivateFile(file);
        } catch (NoSuchFileException e) {
          // H2 removed it meanwhile (a temporary file)
        }
      }
    } catch (IOException e) {
      throw new StoreException("Could not make the database files in " + folder + " private to "
          + "this user (0600): " + e + "; check that this user owns them, or run chmod 600 on "
          + "them", e);
    }
  }

  /**
   * Opens the store of {@code spec}'s cache in the database at {@code url}, creating the tables if
   * they are missing and attaching to the cache's rows if there are some.
   *
   * @param url a JDBC URL; it must not carry a password
   * @param credentials the user and password to connect with
   * @param serializer turns keys and values into bytes and back
   * @param spec the cache's name, types, bound, listener and clock
   * @param options durability, byte bound, sweeps and the connect timeout
   * @param <K> the type of keys
   * @throws StoreException naming the URL and the cause if the database cannot be reached or
   *     written, or holds the cache's rows under other key or value types
   */
  public static <K> DbStore<K> open(
      String url, Credentials credentials, Serializer serializer, StoreSpec spec, Options options)
      throws StoreException {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(serializer, "serializer");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    Database database = Database.acquire(url, credentials, options.connectTimeoutMillis());
    try {
      DbCatalog catalog = new DbCatalog(database);
      int cacheId = catalog.register(spec);
      CacheRows rows = new CacheRows(database, serializer, spec.cacheName(), cacheId,
          options.sealer(), options.durability());
      rows.recount();
      DbStore<K> store = new DbStore<>(database, catalog, rows, spec, options);
      rows.opened();
      return store;
    } catch (StoreException | RuntimeException e) {
      database.release();
      throw e;
    }
  }

  /** Returns the JDBC URL of the database. */
  public String url() {
    return database.url();
  }

  /** Returns how many reads met a corrupt row since the store opened. */
  public long corruptReads() {
    return rows.corruptReads();
  }

  /**
   * Returns how many reads met a key or value the serializer refused to deserialize since the
   * store opened; those rows stay.
   */
  public long refusedReads() {
    return rows.refusedReads();
  }

  // ---------------------------------------------------------------- the Store SPI

  @Override
  public StoreEntry get(K key) throws StoreException {
    checkOpen();
    byte[] keyBytes = rows.keyBytes(key);
    long hash = rows.hash(keyBytes);
    for (int attempt = 1; ; attempt++) {
      Connection connection = rows.borrow();
      try {
        Row row = rows.select(connection, DbSql.SELECT_ROW, hash);
        StoreEntry entry = null;
        if (row != null && row.belongsTo(keyBytes)) {
          try {
            entry = rows.toEntry(row);
          } catch (CorruptRow e) {
            rows.removeCorrupt(connection, hash, row, e.getMessage());
          } catch (RefusedRow e) {
            rows.countRefused(hash, e);
          }
          if (entry != null && evictor.isBounded()) {
            rows.touch(connection, hash, row);
          }
        } else if (!rows.isRecorded(connection)) {
          // a miss costs one more lookup, so that a holder of a destroyed cache does not miss
          // forever without a word (its writes fail likewise, see CacheRows#failure)
          database.giveBack(connection);
          throw rows.destroyed("read an entry from", "it would miss every key", null);
        }
        database.giveBack(connection);
        return entry;
      } catch (SQLException e) {
        database.discard(connection, e);
        if (database.noteDamage(e)) {
          rows.countDamagedRead(); // a damaged page: a miss, never a wrong value (logged once)
          return null;
        }
        if (!Database.isConnectionLost(e) || attempt >= Database.MAX_RECONNECTS) {
          throw rows.failure("read an entry from", e);
        }
        // the process that served the database file went away; a new connection finds the new one
      } catch (RuntimeException e) {
        database.giveBack(connection);
        throw e;
      }
    }
  }

  /** Runs in one transaction that locks the key's row: see {@link KeyTransaction}. */
  @Override
  public StoreEntry compute(K key,
      BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function)
      throws StoreException {
    checkOpen();
    return transaction.compute(key, function);
  }

  /** Pages through the rows in key-hash order: see {@link RowIterator}. */
  @Override
  public Iterator<Map.Entry<K, StoreEntry>> iterator() throws StoreException {
    checkOpen();
    return new RowIterator<>(rows);
  }

  @Override
  public long size() throws StoreException {
    checkOpen();
    return rows.recount();
  }

  /**
   * Deletes the cache's rows in one transaction. On a connection that may be lost it records an
   * operation id ({@link OperationLog}), so that after the process serving the database file went
   * away mid-clear, the clear is done again on a new connection only if it had not been committed:
   * it applies once, and never deletes what others wrote after it.
   */
  @Override
  public void clear() throws StoreException {
    checkOpen();
    long opId = 0;
    for (int attempt = 1; ; attempt++) {
      Connection connection = rows.borrow();
      try {
        connection.setAutoCommit(false);
        boolean committed = false;
        if (opId != 0) {
          committed = OperationLog.claim(connection, opId);
        } else {
          opId = OperationLog.idFor(connection, database.dialect());
          OperationLog.record(connection, opId);
        }
        if (committed) {
          connection.rollback();
        } else {
          try (PreparedStatement delete = connection.prepareStatement(DbSql.CLEAR)) {
            delete.setInt(1, rows.cacheId());
            delete.executeUpdate();
          }
          changes.record(connection, /* keyBytes= */ null);
          connection.commit();
          rows.sync(connection);
        }
        rows.emptied();
        connection.setAutoCommit(true);
        database.giveBack(connection);
        return;
      } catch (SQLException e) {
        database.discard(connection, e);
        if (!Database.isConnectionLost(e) || attempt >= Database.MAX_RECONNECTS) {
          throw rows.failure("delete the entries in", e);
        }
        // the process that served the database file went away: find out on a new connection
      }
    }
  }

  /**
   * Deletes the cache's rows and its record in {@code twat_cache}, so no manager lists it any more.
   */
  @Override
  public void destroy() throws StoreException {
    checkOpen();
    catalog.destroy(spec.cacheName());
    rows.emptied();
  }

  /**
   * Returns the caches recorded in the database at {@code url} (none if it is an embedded
   * database whose file does not exist yet).
   *
   * @throws StoreException if the database cannot be reached or read
   */
  public static List<PersistedCache> recorded(String url, Credentials credentials, Options options)
      throws StoreException {
    Database database = Database.acquire(url, credentials, options.connectTimeoutMillis());
    try {
      return new DbCatalog(database).list();
    } finally {
      database.release();
    }
  }

  /**
   * Records {@code settings} for the cache {@code cacheName} in the database at {@code url},
   * replacing those recorded before (see
   * {@link io.twat.cache.internal.store.StoreFactory#recordSettings}).
   *
   * @return whether the cache is recorded there (nothing is written if not)
   * @throws StoreException if the database cannot be reached or written
   */
  public static boolean recordSettings(String url, Credentials credentials, Options options,
      String cacheName, Map<String, String> settings) throws StoreException {
    Database database = Database.acquire(url, credentials, options.connectTimeoutMillis());
    try {
      return new DbCatalog(database).recordSettings(cacheName, settings);
    } finally {
      database.release();
    }
  }

  /**
   * Deletes the rows and the record of the cache {@code cacheName} in the database at {@code url}.
   *
   * @return whether the cache was recorded
   * @throws StoreException if the database cannot be reached or written
   */
  public static boolean destroyRecorded(
      String url, Credentials credentials, Options options, String cacheName)
      throws StoreException {
    Database database = Database.acquire(url, credentials, options.connectTimeoutMillis());
    try {
      return new DbCatalog(database).destroy(cacheName);
    } finally {
      database.release();
    }
  }

  /**
   * Deletes the rows whose deadline has passed on the cache's clock, reporting each to the
   * listener while its row is locked; returns how many it deleted (0 once the store is closed).
   * The sweeper calls it; see {@link ExpirySweeper}.
   *
   * @throws StoreException if the database cannot be read or written
   */
  public int sweepExpired() throws StoreException {
    return sweeper.sweep();
  }

  @Override
  public String describe() {
    String url = database.url();
    int settings = url.indexOf(';');
    String bounds = (spec.isBounded() ? spec.maxEntries() + " entries" : "")
        + (spec.isBounded() && options.maxBytes() > 0 ? ", " : "")
        + (options.maxBytes() > 0 ? options.maxBytes() + " bytes" : "");
    return "db("
        + (settings < 0 ? url : url.substring(0, settings))
        + ", "
        + (bounds.isEmpty() ? "unbounded" : bounds)
        + ", durability "
        + options.durability().name().toLowerCase(java.util.Locale.ROOT)
        + ")";
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      sweeper.stop();
      pruning.cancel(/* mayInterruptIfRunning= */ false);
      if (following != null) {
        following.close();
        changePruning.cancel(/* mayInterruptIfRunning= */ false);
      }
      database.release();
    }
  }

  /** Returns whether the sweeper of expired rows is scheduled; false once the store is closed. */
  boolean isSweeping() {
    return sweeper.isScheduled();
  }

  private void checkOpen() throws StoreException {
    if (closed.get()) {
      throw new StoreException(
          "The database store of cache \"" + spec.cacheName() + "\" is closed");
    }
  }
}

package io.twat.cache.internal.store.db;

import io.twat.cache.internal.crypto.SealedDataException;
import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.serial.ClassNotAllowedException;
import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.io.UnsafeFolderException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * A store that keeps each entry as a row of a JDBC database: by default an embedded H2 file,
 * shared by the processes of one host through H2's mixed mode ({@code AUTO_SERVER=TRUE}: the
 * first process serves the file to the others over a local socket, without a server of its own).
 *
 * <h2>Tables</h2>
 * <pre>
 *   twat_cache  (id, name UNIQUE, key_type, value_type, format_version)    one row per cache
 *   twat_row    (key_hash PRIMARY KEY, cache_id, key_bytes, value_bytes,   one row per entry
 *                checksum, expires_at, accessed_at, entry_size)
 *   indexes     twat_row (cache_id, key_hash) for iteration, (cache_id, accessed_at) for
 *               eviction, (cache_id, expires_at) for sweeps
 * </pre>
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
 * exactly once, and a function that throws, or a failure, rolls the transaction back. The SQL on
 * this path is standard; only the schema's column types go through {@link Dialect}.
 *
 * <h2>Durability</h2>
 * See {@link Durability}: by default, a change that returned has been committed and written to
 * the database file, so it survives the process being killed.
 *
 * <h2>Corrupt rows, bounds, expiry</h2>
 * A row whose checksum fails or whose bytes do not deserialize is a miss: counted in
 * {@link #corruptReads()}, logged once and deleted. A class outside the serializer's allow-list
 * is not corruption but a refusal, reported as a {@link StoreException} naming the class. A
 * bounded store ({@code maxEntries} or {@link Options#maxBytes()}) keeps a running estimate of its
 * rows and bytes; once past a bound it counts exactly and deletes the least recently used rows in
 * batches until about a tenth of the bound is free, reporting each deletion to the
 * {@link io.twat.cache.internal.store.StoreListener}. A store whose entries may expire sweeps expired rows
 * on a daemon thread every {@link Options#sweepIntervalMillis()}, reporting each through
 * {@code onExpired} while it holds the row, until it is closed.
 *
 * <p>Thread-safe, and safe to share between processes.
 *
 * @param <K> the type of keys
 */
public final class DbStore<K> implements Store<K> {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  /** The file name (without H2's {@code .mv.db}) of the embedded database in its folder. */
  public static final String EMBEDDED_FILE = "twat-cache";
  private static final long TOUCH_MILLIS = 1_000L;
  private static final int PAGE = 128;
  private static final int BATCH = 256;
  private static final int MAX_ATTEMPTS = 20;
  private static final int MAX_RECONNECTS = 5;
  private static final int MAX_LOCK_TIMEOUTS = 2;
  private static final Set<String> LOCK_TIMEOUT_STATES = Set.of("HYT00", "55P03");
  private static final Set<String> RETRY_STATES = Set.of("23505", "40001", "40P01", "HYT00", "55P03");
  private static final int H2_CONCURRENT_UPDATE = 90131;

  private static final String COLUMNS = "key_bytes, value_bytes, checksum, expires_at, accessed_at, entry_size";
  private static final String SELECT_ROW = "SELECT " + COLUMNS + " FROM twat_row WHERE cache_id = ? AND key_hash = ?";
  private static final String SELECT_ROW_FOR_UPDATE = SELECT_ROW + " FOR UPDATE";
  private static final String INSERT_PLACEHOLDER = "INSERT INTO twat_row (cache_id, key_hash, key_bytes, value_bytes, "
      + "checksum, expires_at, accessed_at, entry_size) VALUES (?, ?, ?, NULL, 0, 0, ?, 0)";
  private static final String UPDATE_ROW = "UPDATE twat_row SET key_bytes = ?, value_bytes = ?, checksum = ?, "
      + "expires_at = ?, accessed_at = ?, entry_size = ? WHERE cache_id = ? AND key_hash = ?";
  private static final String DELETE_ROW = "DELETE FROM twat_row WHERE cache_id = ? AND key_hash = ?";
  private static final String DELETE_CORRUPT = DELETE_ROW + " AND checksum = ? AND expires_at = ?";
  private static final String TOUCH = "UPDATE twat_row SET accessed_at = ? WHERE cache_id = ? AND key_hash = ? "
      + "AND accessed_at = ?";
  private static final String COUNT = "SELECT COUNT(*), COALESCE(SUM(entry_size), 0) FROM twat_row WHERE cache_id = ?";
  private static final String CLEAR = "DELETE FROM twat_row WHERE cache_id = ?";
  private static final String LIST_CACHES = "SELECT name, key_type, value_type FROM twat_cache";
  private static final String DELETE_CACHE_ROWS =
      "DELETE FROM twat_row WHERE cache_id IN (SELECT id FROM twat_cache WHERE name = ?)";
  private static final String DELETE_CACHE = "DELETE FROM twat_cache WHERE name = ?";
  private static final String PAGE_ROWS = "SELECT key_hash, " + COLUMNS + " FROM twat_row WHERE cache_id = ? "
      + "AND key_hash >= ? ORDER BY key_hash FETCH FIRST " + PAGE + " ROWS ONLY";
  private static final String EXPIRED = "SELECT key_hash FROM twat_row WHERE cache_id = ? AND expires_at <= ? "
      + "ORDER BY expires_at FETCH FIRST " + BATCH + " ROWS ONLY";
  private static final String LEAST_RECENT = "SELECT key_hash, accessed_at, entry_size FROM twat_row "
      + "WHERE cache_id = ? ORDER BY accessed_at, key_hash FETCH FIRST " + BATCH + " ROWS ONLY";
  private static final String EVICT = "DELETE FROM twat_row WHERE cache_id = ? AND key_hash = ? AND accessed_at = ?";
  private static final String SELECT_CACHE = "SELECT id, key_type, value_type FROM twat_cache WHERE name = ?";
  private static final String INSERT_CACHE = "INSERT INTO twat_cache (name, key_type, value_type, format_version) "
      + "VALUES (?, ?, ?, ?)";
  private static final String UPDATE_CACHE = "UPDATE twat_cache SET key_type = ?, value_type = ?, format_version = ? "
      + "WHERE id = ?";
  private static final String ANY_ROW = "SELECT key_hash FROM twat_row WHERE cache_id = ? FETCH FIRST 1 ROWS ONLY";

  private final Database database;
  private final Serializer serializer;
  private final StoreSpec spec;
  private final Options options;
  private final int cacheId;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong corruptReads = new AtomicLong();
  private final AtomicBoolean evicting = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ScheduledFuture<?> sweeper;

  /**
   * How a database store behaves.
   *
   * @param durability how far a write has gone when it returns
   * @param maxBytes the most bytes of keys and values the store keeps, or 0 for no such bound
   * @param sweepIntervalMillis how often expired rows are swept, or 0 never to sweep
   * @param connectTimeoutMillis how long opening the database may take before it fails
   * @param sealer encrypts every value (AES-256-GCM, bound to its cache and key), or null to store
   *     values in the clear
   */
  public record Options(Durability durability, long maxBytes, long sweepIntervalMillis, long connectTimeoutMillis,
      Sealer sealer) {
    /** The default sweep interval: a minute. */
    public static final long DEFAULT_SWEEP_INTERVAL_MILLIS = 60_000L;
    /** The default connect timeout: 30 seconds. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 30_000L;

    /** Checks the arguments. */
    public Options {
      Objects.requireNonNull(durability, "durability");
      if (maxBytes < 0 || sweepIntervalMillis < 0 || connectTimeoutMillis <= 0) {
        throw new IllegalArgumentException("maxBytes and sweepIntervalMillis must be 0 or more and "
            + "connectTimeoutMillis positive, were " + maxBytes + ", " + sweepIntervalMillis + ", "
            + connectTimeoutMillis);
      }
    }

    /** Returns the defaults: {@link Durability#PROCESS}, no byte bound, a sweep a minute, 30 s to connect. */
    public static Options defaults() {
      return new Options(Durability.PROCESS, 0, DEFAULT_SWEEP_INTERVAL_MILLIS, DEFAULT_CONNECT_TIMEOUT_MILLIS,
          /* sealer= */ null);
    }

    /** Returns these options with another durability. */
    public Options withDurability(Durability newDurability) {
      return new Options(newDurability, maxBytes, sweepIntervalMillis, connectTimeoutMillis, sealer);
    }

    /** Returns these options with another byte bound (0 for none). */
    public Options withMaxBytes(long newMaxBytes) {
      return new Options(durability, newMaxBytes, sweepIntervalMillis, connectTimeoutMillis, sealer);
    }

    /** Returns these options with another sweep interval (0 never to sweep). */
    public Options withSweepIntervalMillis(long millis) {
      return new Options(durability, maxBytes, millis, connectTimeoutMillis, sealer);
    }

    /** Returns these options with another connect timeout. */
    public Options withConnectTimeoutMillis(long millis) {
      return new Options(durability, maxBytes, sweepIntervalMillis, millis, sealer);
    }

    /** Returns these options encrypting with {@code newSealer} (null: values in the clear). */
    public Options withSealer(Sealer newSealer) {
      return new Options(durability, maxBytes, sweepIntervalMillis, connectTimeoutMillis, newSealer);
    }
  }

  private DbStore(Database database, Serializer serializer, StoreSpec spec, Options options, int cacheId) {
    this.database = database;
    this.serializer = serializer;
    this.spec = spec;
    this.options = options;
    this.cacheId = cacheId;
    this.sweeper = spec.expiring() && options.sweepIntervalMillis() > 0
        ? Database.housekeeping().scheduleWithFixedDelay(this::sweepQuietly, options.sweepIntervalMillis(),
            options.sweepIntervalMillis(), TimeUnit.MILLISECONDS)
        : null;
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
   *   <li>{@code RETENTION_TIME=0}: the space of superseded data is reused at once. H2 keeps it
   *       45 s by default, and with a write to the file per commit (durability {@code process}
   *       and {@code fsync}) that grew the file by about 25 KB per put (3.7 GB for 100,000 puts
   *       of 1 KiB). The write delay stays H2's default (500 ms), so H2's background writer runs
   *       and compacts the file; durability comes from a checkpoint per write (see
   *       {@link Durability}). The retention guards
   *       against a disk that reorders writes on a power loss; a killed process loses nothing by
   *       it, and {@code fsync} forces every commit to the device before it returns.</li>
   *   <li>{@code TRACE_LEVEL_FILE=0}: H2's own trace file is off; its errors reach the caller as
   *       exceptions, and a database that closes a little after its last store (see
   *       {@code Database}) must not create files in a folder its owner may be deleting.</li>
   * </ul>
   *
   * @param folder the folder of the database file
   * @return the URL
   */
  public static String embeddedUrl(Path folder) {
    return "jdbc:h2:retry:" + folder.toAbsolutePath().normalize().resolve(EMBEDDED_FILE)
        + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;TRACE_LEVEL_FILE=0;RETENTION_TIME=0";
  }

  /**
   * Opens the store of {@code spec}'s cache in the embedded H2 database in {@code folder},
   * creating the folder (private to this user) and the database if needed.
   *
   * @throws StoreException if the folder or the database is unusable, or holds the cache's rows
   *     under other key or value types
   */
  public static <K> DbStore<K> openEmbedded(Path folder, Serializer serializer, StoreSpec spec, Options options)
      throws StoreException {
    return openEmbedded(folder, serializer, spec, options, Credentials.EMBEDDED_DEFAULT);
  }

  /**
   * Opens the store like {@link #openEmbedded(Path, Serializer, StoreSpec, Options)}, connecting as
   * {@code credentials} (the creator of a new database file becomes its administrator).
   *
   * @throws StoreException if the folder or the database is unusable, or holds the cache's rows
   *     under other key or value types
   */
  public static <K> DbStore<K> openEmbedded(Path folder, Serializer serializer, StoreSpec spec, Options options,
      Credentials credentials) throws StoreException {
    Path absolute = folder.toAbsolutePath().normalize();
    try {
      PrivateFolders.prepare(absolute);
    } catch (UnsafeFolderException e) {
      throw new StoreException(e.getMessage(), e);
    }
    return open(embeddedUrl(absolute), credentials, serializer, spec, options);
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
  public static <K> DbStore<K> open(String url, Credentials credentials, Serializer serializer, StoreSpec spec,
      Options options) throws StoreException {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(serializer, "serializer");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    Database database = Database.acquire(url, credentials, options.connectTimeoutMillis());
    try {
      int cacheId = registerReconnecting(database, spec);
      DbStore<K> store = new DbStore<>(database, serializer, spec, options, cacheId);
      store.recount();
      return store;
    } catch (StoreException | RuntimeException e) {
      database.release();
      throw e;
    }
  }

  private static int registerReconnecting(Database database, StoreSpec spec) throws StoreException {
    for (int attempt = 1; ; attempt++) {
      try {
        return register(database, spec);
      } catch (StoreException e) {
        // pooled connections of a database whose serving process went away: the pool is drained, try anew
        if (!(e.getCause() instanceof SQLException sql && Database.isConnectionLost(sql)) || attempt >= MAX_RECONNECTS) {
          throw e;
        }
      }
    }
  }

  /** Finds or records the cache in {@code twat_cache}, checking its types; returns its id. */
  private static int register(Database database, StoreSpec spec) throws StoreException {
    String keyType = spec.keyType().getName();
    String valueType = spec.valueType().getName();
    Connection connection = borrow(database);
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        try (PreparedStatement select = connection.prepareStatement(SELECT_CACHE)) {
          select.setString(1, spec.cacheName());
          try (ResultSet row = select.executeQuery()) {
            if (row.next()) {
              int id = row.getInt(1);
              if (!keyType.equals(row.getString(2)) || !valueType.equals(row.getString(3))) {
                retype(connection, database, spec, id, row.getString(2), row.getString(3));
              }
              database.giveBack(connection);
              return id;
            }
          }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CACHE)) {
          insert.setString(1, spec.cacheName());
          insert.setString(2, keyType);
          insert.setString(3, valueType);
          insert.setInt(4, RowFormat.VERSION);
          insert.executeUpdate();
        } catch (SQLException e) {
          if (!"23505".equals(e.getSQLState())) {
            throw e;
          }
          // another process recorded the cache meanwhile: read its row
        }
      }
      throw new StoreException("Could not record the cache \"" + spec.cacheName() + "\" in " + database.url()
          + " after " + MAX_ATTEMPTS + " attempts");
    } catch (SQLException e) {
      database.discard(connection, e);
      throw new StoreException("Could not open the cache \"" + spec.cacheName() + "\" in " + database.url() + ": "
          + Database.explain(e), e);
    } catch (StoreException e) {
      database.giveBack(connection);
      throw e;
    }
  }

  private static void retype(Connection connection, Database database, StoreSpec spec, int id, String storedKey,
      String storedValue) throws SQLException, StoreException {
    try (PreparedStatement any = connection.prepareStatement(ANY_ROW)) {
      any.setInt(1, id);
      try (ResultSet row = any.executeQuery()) {
        if (row.next()) {
          throw new StoreException("The cache \"" + spec.cacheName() + "\" in " + database.url() + " holds entries of "
              + storedKey + " -> " + storedValue + ", not " + spec.keyType().getName() + " -> "
              + spec.valueType().getName() + "; create it with the types it was stored with, use another cache name, "
              + "or destroy the cache (CacheManager.destroyCache) to store other types under this name");
        }
      }
    }
    try (PreparedStatement update = connection.prepareStatement(UPDATE_CACHE)) {
      update.setString(1, spec.keyType().getName());
      update.setString(2, spec.valueType().getName());
      update.setInt(3, RowFormat.VERSION);
      update.setInt(4, id);
      update.executeUpdate();
    }
  }

  /** Returns the JDBC URL of the database. */
  public String url() {
    return database.url();
  }

  /** Returns how many reads met a corrupt row since the store opened. */
  public long corruptReads() {
    return corruptReads.get();
  }

  // ---------------------------------------------------------------- the Store SPI

  @Override
  public StoreEntry get(K key) throws StoreException {
    checkOpen();
    byte[] keyBytes = keyBytes(key);
    long hash = RowFormat.keyHash(cacheId, keyBytes);
    for (int attempt = 1; ; attempt++) {
      Connection connection = borrow(database);
      try {
        Row row = select(connection, SELECT_ROW, hash);
        StoreEntry entry = null;
        if (row != null && row.belongsTo(keyBytes)) {
          try {
            entry = toEntry(row);
          } catch (CorruptRow e) {
            removeCorrupt(connection, hash, row, e.getMessage());
          }
          if (entry != null && isBounded()) {
            touch(connection, hash, row);
          }
        }
        database.giveBack(connection);
        return entry;
      } catch (SQLException e) {
        database.discard(connection, e);
        if (!Database.isConnectionLost(e) || attempt >= MAX_RECONNECTS) {
          throw failure("read an entry from", e);
        }
        // the process that served the database file went away; a new connection finds the new one
      } catch (StoreException | RuntimeException e) {
        database.giveBack(connection);
        throw e;
      }
    }
  }

  @Override
  public StoreEntry compute(K key, BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function)
      throws StoreException {
    checkOpen();
    Objects.requireNonNull(function, "function");
    byte[] keyBytes = keyBytes(key);
    long hash = RowFormat.keyHash(cacheId, keyBytes);
    Connection connection = null;
    Row row = null;
    for (int attempt = 1; connection == null; attempt++) {
      Connection candidate = borrow(database);
      try {
        candidate.setAutoCommit(false);
        row = lockRow(candidate, hash, keyBytes);
        connection = candidate;
      } catch (SQLException e) {
        database.discard(candidate, e);
        if (!Database.isConnectionLost(e) || attempt >= MAX_RECONNECTS) {
          throw failure("change an entry in", e);
        }
        // the process that served the database file went away before the function ran: start over
      }
    }
    boolean healthy = false;
    boolean inserted = false;
    boolean grew = false;
    StoreEntry result;
    try {
      try {
        boolean placeholder = row == null;
        StoreEntry current = null;
        boolean corrupt = false;
        if (row != null && row.belongsTo(keyBytes)) {
          try {
            current = toEntry(row);
          } catch (CorruptRow e) {
            corrupt = true;
            countCorrupt(hash, e.getMessage());
          }
        }
        result = function.apply(key, current);
        long oldSize = row == null || row.value == null ? 0 : row.size;
        if (result == null) {
          if (current != null || corrupt) {
            execute(connection, DELETE_ROW, hash);
            connection.commit();
            count.decrementAndGet();
            bytes.addAndGet(-oldSize);
            sync(connection);
          } else {
            connection.rollback();
          }
        } else if (result == current) {
          connection.rollback();
        } else {
          long size = write(connection, hash, keyBytes, result);
          connection.commit();
          inserted = placeholder || row.value == null;
          if (inserted) {
            count.incrementAndGet();
          }
          bytes.addAndGet(size - oldSize);
          grew = size > oldSize;
          sync(connection);
        }
      } finally {
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
        // back in auto-commit mode: fit for the pool, even if the function threw
        healthy = true;
      }
    } catch (SQLException e) {
      throw failure("change an entry in", e);
    } finally {
      if (healthy) {
        database.giveBack(connection);
      } else {
        database.discard(connection);
      }
    }
    if ((inserted || grew) && isOverBound()) {
      evict();
    }
    return result;
  }

  /** Locks the key's row, inserting a placeholder if it is missing; returns the row, or null if it was missing. */
  private Row lockRow(Connection connection, long hash, byte[] keyBytes) throws SQLException, StoreException {
    int timeouts = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        Row row = select(connection, SELECT_ROW_FOR_UPDATE, hash);
        if (row != null) {
          return row;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_PLACEHOLDER)) {
          insert.setInt(1, cacheId);
          insert.setLong(2, hash);
          insert.setBytes(3, keyBytes);
          insert.setLong(4, System.currentTimeMillis());
          insert.executeUpdate();
        }
        return null;
      } catch (SQLException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        boolean timedOut = LOCK_TIMEOUT_STATES.contains(e.getSQLState());
        if (!isRetryable(e) || attempt >= MAX_ATTEMPTS || (timedOut && ++timeouts > MAX_LOCK_TIMEOUTS)) {
          throw e;
        }
        // another transaction inserted or held the key; its function was not ours: try again
      }
    }
  }

  private static boolean isRetryable(SQLException e) {
    return RETRY_STATES.contains(e.getSQLState()) || e.getErrorCode() == H2_CONCURRENT_UPDATE;
  }

  /** Writes the entry into the locked row; returns its size. */
  private long write(Connection connection, long hash, byte[] keyBytes, StoreEntry entry) throws SQLException,
      StoreException {
    byte[] value;
    try {
      value = RowFormat.sealValue(options.sealer(), serializer.toBytes(entry.value()), aad(keyBytes));
    } catch (SerializationException e) {
      throw new StoreException("Could not serialize a value for the database store: " + e.getMessage(), e);
    }
    long size = (long) keyBytes.length + value.length;
    try (PreparedStatement update = connection.prepareStatement(UPDATE_ROW)) {
      update.setBytes(1, keyBytes);
      update.setBytes(2, value);
      update.setInt(3, RowFormat.checksum(keyBytes, value, entry.expiresAt()));
      update.setLong(4, entry.expiresAt());
      update.setLong(5, System.currentTimeMillis());
      update.setLong(6, size);
      update.setInt(7, cacheId);
      update.setLong(8, hash);
      update.executeUpdate();
    }
    return size;
  }

  /**
   * Writes committed data to the file (durability {@code process}) or forces it to the device
   * ({@code fsync}) where the database needs to be told (autocommit mode only).
   */
  private void sync(Connection connection) throws SQLException {
    String sql = switch (options.durability()) {
      case PROCESS -> database.dialect().flushSql();
      case FSYNC -> database.dialect().syncSql();
      case RELAXED -> null;
    };
    if (sql != null) {
      boolean auto = connection.getAutoCommit();
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
      if (!auto) {
        connection.commit();
      }
    }
  }

  @Override
  public Iterator<Map.Entry<K, StoreEntry>> iterator() throws StoreException {
    checkOpen();
    return new EntryIterator();
  }

  @Override
  public long size() throws StoreException {
    checkOpen();
    return recount();
  }

  private long recount() throws StoreException {
    for (int attempt = 1; ; attempt++) {
      Connection connection = borrow(database);
      try {
        long rows;
        try (PreparedStatement select = connection.prepareStatement(COUNT)) {
          select.setInt(1, cacheId);
          try (ResultSet result = select.executeQuery()) {
            result.next();
            rows = result.getLong(1);
            bytes.set(result.getLong(2));
          }
        }
        count.set(rows);
        database.giveBack(connection);
        return rows;
      } catch (SQLException e) {
        database.discard(connection, e);
        if (!Database.isConnectionLost(e) || attempt >= MAX_RECONNECTS) {
          throw failure("count the entries in", e);
        }
      }
    }
  }


  @Override
  public void clear() throws StoreException {
    checkOpen();
    Connection connection = borrow(database);
    try {
      try (PreparedStatement delete = connection.prepareStatement(CLEAR)) {
        delete.setInt(1, cacheId);
        delete.executeUpdate();
      }
      count.set(0);
      bytes.set(0);
      sync(connection);
      database.giveBack(connection);
    } catch (SQLException e) {
      database.discard(connection, e);
      throw failure("delete the entries in", e);
    }
  }

  /** Deletes the cache's rows and its record in {@code twat_cache}, so no manager lists it any more. */
  @Override
  public void destroy() throws StoreException {
    checkOpen();
    destroyRecorded(database, spec.cacheName());
    count.set(0);
    bytes.set(0);
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
      Connection connection = borrow(database);
      try (PreparedStatement select = connection.prepareStatement(LIST_CACHES);
          ResultSet rows = select.executeQuery()) {
        List<PersistedCache> caches = new ArrayList<>();
        while (rows.next()) {
          caches.add(new PersistedCache(rows.getString(1), rows.getString(2), rows.getString(3)));
        }
        database.giveBack(connection);
        return caches;
      } catch (SQLException e) {
        database.discard(connection, e);
        throw new StoreException("Could not list the caches in " + url + ": " + Database.explain(e), e);
      }
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
  public static boolean destroyRecorded(String url, Credentials credentials, Options options, String cacheName)
      throws StoreException {
    Database database = Database.acquire(url, credentials, options.connectTimeoutMillis());
    try {
      return destroyRecorded(database, cacheName);
    } finally {
      database.release();
    }
  }

  private static boolean destroyRecorded(Database database, String cacheName) throws StoreException {
    Connection connection = borrow(database);
    try {
      try (PreparedStatement rows = connection.prepareStatement(DELETE_CACHE_ROWS);
          PreparedStatement record = connection.prepareStatement(DELETE_CACHE)) {
        rows.setString(1, cacheName);
        rows.executeUpdate();
        record.setString(1, cacheName);
        boolean recorded = record.executeUpdate() > 0;
        database.giveBack(connection);
        return recorded;
      }
    } catch (SQLException e) {
      database.discard(connection, e);
      throw new StoreException("Could not delete the cache \"" + cacheName + "\" in " + database.url() + ": "
          + Database.explain(e), e);
    }
  }

  @Override
  public String describe() {
    String url = database.url();
    int settings = url.indexOf(';');
    String bounds = (spec.isBounded() ? spec.maxEntries() + " entries" : "")
        + (spec.isBounded() && options.maxBytes() > 0 ? ", " : "")
        + (options.maxBytes() > 0 ? options.maxBytes() + " bytes" : "");
    return "db(" + (settings < 0 ? url : url.substring(0, settings)) + ", " + (bounds.isEmpty() ? "unbounded" : bounds)
        + ", durability " + options.durability().name().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (sweeper != null) {
        sweeper.cancel(/* mayInterruptIfRunning= */ false);
      }
      database.release();
    }
  }

  /** Returns whether the sweeper of expired rows is scheduled; false once the store is closed. */
  boolean isSweeping() {
    return sweeper != null && !sweeper.isDone();
  }

  // ---------------------------------------------------------------- rows

  /** A row as read: value null for a placeholder. */
  private record Row(byte[] key, byte[] value, int checksum, long expiresAt, long accessedAt, long size) {
    boolean belongsTo(byte[] keyBytes) {
      return value != null && Arrays.equals(key, keyBytes);
    }
  }

  /** A row whose bytes are not what this store wrote; never leaves the store. */
  private static final class CorruptRow extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptRow(String reason) {
      super(reason, null, /* enableSuppression= */ false, /* writableStackTrace= */ false);
    }
  }

  private Row select(Connection connection, String sql, long hash) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setInt(1, cacheId);
      select.setLong(2, hash);
      try (ResultSet result = select.executeQuery()) {
        return result.next() ? readRow(result, 1) : null;
      }
    }
  }

  /** The associated data a value is sealed with: its cache's name and its key, so a moved value fails. */
  private byte[] aad(byte[] keyBytes) {
    return RowFormat.associatedData(spec.cacheName(), keyBytes);
  }

  private static Row readRow(ResultSet result, int first) throws SQLException {
    return new Row(result.getBytes(first), result.getBytes(first + 1), result.getInt(first + 2),
        result.getLong(first + 3), result.getLong(first + 4), result.getLong(first + 5));
  }

  private StoreEntry toEntry(Row row) throws CorruptRow, StoreException {
    if (RowFormat.checksum(row.key, row.value, row.expiresAt) != row.checksum) {
      throw new CorruptRow("checksum mismatch");
    }
    try {
      return new StoreEntry(serializer.fromBytes(RowFormat.openValue(options.sealer(), row.value, aad(row.key))),
          row.expiresAt);
    } catch (SealedDataException e) {
      throw new CorruptRow("the value fails authentication (tampered, moved, or sealed with another key): "
          + e.getMessage());
    } catch (ClassNotAllowedException e) {
      throw new StoreException("Could not read a value from " + database.url() + ": " + e.getMessage(), e);
    } catch (SerializationException e) {
      throw new CorruptRow("the value does not deserialize: " + e.getMessage());
    }
  }

  private void countCorrupt(long hash, String reason) {
    corruptReads.incrementAndGet();
    LOG.log(Level.WARNING, "A row of cache \"{0}\" in {1} (key hash {2}) is corrupt ({3}); it is treated as a miss "
        + "and deleted", spec.cacheName(), database.url(), Long.toHexString(hash), reason);
  }

  /** Deletes a corrupt row read without a lock, unless a writer replaced it meanwhile. */
  private void removeCorrupt(Connection connection, long hash, Row row, String reason) throws SQLException {
    countCorrupt(hash, reason);
    try (PreparedStatement delete = connection.prepareStatement(DELETE_CORRUPT)) {
      delete.setInt(1, cacheId);
      delete.setLong(2, hash);
      delete.setInt(3, row.checksum);
      delete.setLong(4, row.expiresAt);
      if (delete.executeUpdate() > 0) {
        count.decrementAndGet();
        bytes.addAndGet(-row.size);
      }
    }
  }

  private void touch(Connection connection, long hash, Row row) throws SQLException {
    long now = System.currentTimeMillis();
    if (now - row.accessedAt < TOUCH_MILLIS) {
      return;
    }
    try (PreparedStatement touch = connection.prepareStatement(TOUCH)) {
      touch.setLong(1, now);
      touch.setInt(2, cacheId);
      touch.setLong(3, hash);
      touch.setLong(4, row.accessedAt);
      touch.executeUpdate();
    }
  }

  private void execute(Connection connection, String sql, long hash) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, cacheId);
      statement.setLong(2, hash);
      statement.executeUpdate();
    }
  }

  private byte[] keyBytes(K key) throws StoreException {
    Objects.requireNonNull(key, "key");
    try {
      return serializer.toBytes(key);
    } catch (SerializationException e) {
      throw new StoreException("Could not serialize a key for the database store: " + e.getMessage(), e);
    }
  }

  private static Connection borrow(Database database) throws StoreException {
    try {
      return database.borrow();
    } catch (SQLException e) {
      throw new StoreException("Could not connect to " + database.url() + ": " + Database.explain(e), e);
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException("Could not " + what + " cache \"" + spec.cacheName() + "\" in " + database.url() + ": "
        + Database.explain(e), e);
  }

  private void checkOpen() throws StoreException {
    if (closed.get()) {
      throw new StoreException("The database store of cache \"" + spec.cacheName() + "\" is closed");
    }
  }

  // ---------------------------------------------------------------- bounds

  private boolean isBounded() {
    return spec.isBounded() || options.maxBytes() > 0;
  }

  private boolean isOverBound() {
    return (spec.isBounded() && count.get() > spec.maxEntries())
        || (options.maxBytes() > 0 && bytes.get() > options.maxBytes());
  }

  /** A row that may be evicted, as it was when listed. */
  private record Candidate(long hash, long accessedAt, long size) {
  }

  private void evict() {
    if (!evicting.compareAndSet(false, true)) {
      return;
    }
    int evicted = 0;
    try {
      long rows = recount();
      long entriesToGo = spec.isBounded() && rows > spec.maxEntries()
          ? rows - (spec.maxEntries() - spec.maxEntries() / 10) : 0;
      long maxBytes = options.maxBytes();
      long bytesToGo = maxBytes > 0 && bytes.get() > maxBytes ? bytes.get() - (maxBytes - maxBytes / 10) : 0;
      for (int round = 0; round < 1_000 && (entriesToGo > 0 || bytesToGo > 0); round++) {
        List<Candidate> batch = leastRecent();
        if (batch.isEmpty()) {
          break;
        }
        List<Candidate> chosen = new ArrayList<>();
        long entries = entriesToGo;
        long size = bytesToGo;
        for (Candidate candidate : batch) {
          if (entries <= 0 && size <= 0) {
            break;
          }
          chosen.add(candidate);
          entries--;
          size -= candidate.size;
        }
        for (Candidate gone : deleteAll(chosen)) {
          evicted++;
          entriesToGo--;
          bytesToGo -= gone.size;
          count.decrementAndGet();
          bytes.addAndGet(-gone.size);
        }
      }
    } catch (StoreException e) {
      // the change itself succeeded; the next insert tries again
      LOG.log(Level.WARNING, "Could not evict entries of cache \"{0}\" from {1}: {2}", spec.cacheName(),
          database.url(), e.getMessage());
    } finally {
      evicting.set(false);
      if (evicted > 0) {
        spec.listener().onEvicted(evicted);
      }
    }
  }

  private List<Candidate> leastRecent() throws StoreException {
    Connection connection = borrow(database);
    try {
      List<Candidate> candidates = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(LEAST_RECENT)) {
        select.setInt(1, cacheId);
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
      throw failure("list entries to evict from", e);
    }
  }

  /** Deletes the candidates that were not used since they were listed; returns those it deleted. */
  private List<Candidate> deleteAll(List<Candidate> candidates) throws StoreException {
    Connection connection = borrow(database);
    try {
      List<Candidate> deleted = new ArrayList<>();
      connection.setAutoCommit(false);
      try (PreparedStatement delete = connection.prepareStatement(EVICT)) {
        for (Candidate candidate : candidates) {
          delete.setInt(1, cacheId);
          delete.setLong(2, candidate.hash);
          delete.setLong(3, candidate.accessedAt);
          delete.addBatch();
        }
        int[] results = delete.executeBatch();
        connection.commit();
        for (int i = 0; i < results.length; i++) {
          if (results[i] > 0 || results[i] == Statement.SUCCESS_NO_INFO) {
            deleted.add(candidates.get(i));
          }
        }
      } finally {
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
      }
      sync(connection);
      database.giveBack(connection);
      return deleted;
    } catch (SQLException e) {
      database.discard(connection, e);
      throw failure("evict entries from", e);
    }
  }

  // ---------------------------------------------------------------- expiry sweeps

  private void sweepQuietly() {
    try {
      sweepExpired();
    } catch (StoreException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not sweep the expired entries of cache \"{0}\" in {1}: {2}", spec.cacheName(),
          database.url(), e.getMessage());
    }
  }

  /**
   * Deletes the rows whose deadline has passed on the cache's clock, reporting each to the
   * listener while its row is locked; returns how many it deleted. The sweeper calls it.
   *
   * @throws StoreException if the database cannot be read or written
   */
  public int sweepExpired() throws StoreException {
    int swept = 0;
    long now = spec.ticker().millis();
    while (!closed.get()) {
      List<Long> hashes = new ArrayList<>();
      Connection connection = borrow(database);
      try {
        try (PreparedStatement select = connection.prepareStatement(EXPIRED)) {
          select.setInt(1, cacheId);
          select.setLong(2, now);
          try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
              hashes.add(result.getLong(1));
            }
          }
        }
        int before = swept;
        for (long hash : hashes) {
          if (expire(connection, hash, now)) {
            swept++;
          }
        }
        database.giveBack(connection);
        if (hashes.size() < BATCH || swept == before) {
          return swept;
        }
      } catch (SQLException e) {
        database.discard(connection, e);
        throw failure("sweep expired entries from", e);
      }
    }
    return swept;
  }

  @SuppressWarnings("unchecked")
  private boolean expire(Connection connection, long hash, long now) throws SQLException {
    connection.setAutoCommit(false);
    try {
      Row row = select(connection, SELECT_ROW_FOR_UPDATE, hash);
      if (row == null || row.value == null || row.expiresAt > now) {
        return false;
      }
      execute(connection, DELETE_ROW, hash);
      try {
        StoreEntry entry = toEntry(row);
        K key = (K) serializer.fromBytes(row.key);
        spec.listener().onExpired(key, entry);
      } catch (CorruptRow | StoreException | SerializationException e) {
        LOG.log(Level.DEBUG, "Swept an expired row that could not be read back: {0}", e.getMessage());
      }
      connection.commit();
      count.decrementAndGet();
      bytes.addAndGet(-row.size);
      return true;
    } finally {
      if (!connection.getAutoCommit()) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  // ---------------------------------------------------------------- iteration

  /** Pages through the rows in key-hash order, one short query per page; skips rows it cannot read. */
  private final class EntryIterator implements Iterator<Map.Entry<K, StoreEntry>> {
    private final ArrayDeque<Map.Entry<K, StoreEntry>> ready = new ArrayDeque<>();
    private long from = Long.MIN_VALUE;
    private boolean exhausted;

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

    @SuppressWarnings("unchecked")
    private void fetch() {
      List<Map.Entry<Row, String>> corrupt = new ArrayList<>();
      List<Long> corruptHashes = new ArrayList<>();
      Connection connection;
      try {
        connection = database.borrow();
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "Could not read the entries of cache \"{0}\" from {1}: {2}", spec.cacheName(),
            database.url(), Database.explain(e));
        exhausted = true;
        return;
      }
      try {
        int rows = 0;
        long last = from;
        try (PreparedStatement select = connection.prepareStatement(PAGE_ROWS)) {
          select.setInt(1, cacheId);
          select.setLong(2, from);
          try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
              rows++;
              last = result.getLong(1);
              Row row = readRow(result, 2);
              if (row.value == null) {
                continue;
              }
              try {
                StoreEntry entry = toEntry(row);
                K key = (K) serializer.fromBytes(row.key);
                ready.add(new AbstractMap.SimpleImmutableEntry<>(key, entry));
              } catch (CorruptRow e) {
                corrupt.add(Map.entry(row, e.getMessage()));
                corruptHashes.add(last);
              } catch (StoreException | ClassNotAllowedException e) {
                LOG.log(Level.WARNING, "Skipping an entry of cache \"{0}\" while iterating: {1}", spec.cacheName(),
                    e.getMessage());
              } catch (SerializationException e) {
                corrupt.add(Map.entry(row, "the key does not deserialize: " + e.getMessage()));
                corruptHashes.add(last);
              }
            }
          }
        }
        for (int i = 0; i < corrupt.size(); i++) {
          removeCorrupt(connection, corruptHashes.get(i), corrupt.get(i).getKey(), corrupt.get(i).getValue());
        }
        exhausted = rows < PAGE || last == Long.MAX_VALUE;
        from = last + 1;
        database.giveBack(connection);
      } catch (SQLException e) {
        database.discard(connection, e);
        LOG.log(Level.WARNING, "Could not read the entries of cache \"{0}\" from {1}: {2}", spec.cacheName(),
            database.url(), Database.explain(e));
        exhausted = true;
      }
    }
  }
}

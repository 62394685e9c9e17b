package io.twat.cache.internal.store.file;

import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.io.UnsafeFolderException;
import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * A store that keeps each entry in a file of its own under one folder, safe under crashes and
 * shared safely by several processes.
 *
 * <h2>Layout</h2>
 * <pre>
 *   folder/.lock                          lock file: byte i is locked while a key of stripe i changes
 *   folder/.cache-info                    the cache the folder holds: name, key and value types (see CacheInfo)
 *   folder/ab/abcdef...(64 hex digits)    one entry: the SHA-256 of the serialized key, in hex
 *   folder/ab/abcdef....PID.N.tmp         an entry being written by process PID
 * </pre>
 * Entries are spread over up to 256 subfolders by the first two hex digits of their name. The
 * name is a hash of the key's bytes (see {@link Serializer}), never the key's text.
 *
 * <h2>Entry file, format version 1</h2>
 * All numbers are big-endian.
 * <pre>
 *   offset    size  field
 *   0         4     magic "TWCF" (0x54574346)
 *   4         1     format version, 1
 *   5         1     flags: bit 0 the payload is deflated; bit 1 key bytes and payload are encrypted;
 *                   other bits 0
 *   6         1     value kind: the serializer tag of the value (informational); 0 if encrypted
 *   7         1     reserved, 0
 *   8         8     expiry deadline, epoch milliseconds; Long.MAX_VALUE = never
 *   16        4     K, the length of the key bytes (at least 1)
 *   20        4     P, the length of the payload as stored
 *   24        4     V, the length of the serialized value (= P unless deflated)
 *   28        K     the serialized key, to tell keys whose names collide apart
 *   28+K      P     the serialized value, deflated if flag bit 0
 *   28+K+P    4     CRC32C of every byte before it
 * </pre>
 * An encrypted file (bit 1) has, instead of the key bytes and payload at offset 28, P sealed bytes
 * (see {@link io.twat.cache.internal.crypto.Sealer}: version, key id, nonce, AES-256-GCM ciphertext of key
 * bytes then payload, tag), with P = K + payload + {@value io.twat.cache.internal.crypto.Sealer#OVERHEAD};
 * the associated data is the 28-byte header and the entry's name (the key bytes' SHA-256), so a
 * changed header or a file copied over another entry fails authentication. A store with keys
 * refuses plain files; a store without keys, encrypted ones.
 *
 * <p>A file is read whole (from 1 MiB on through a private memory mapping on POSIX, so that large
 * raw values are not first copied onto the heap); anything that is not exactly such a file (short,
 * long, wrong magic, version or flags, bad checksum, a payload that does not inflate to V bytes,
 * failed authentication or an unknown key) is corrupt: the read
 * is a miss, counted in {@link #corruptReads()}, logged, and the file deleted once the key's lock
 * is held. A file whose key bytes differ from the key looked up belongs to another key whose hash
 * collides: a miss, and a write of the key looked up replaces it.
 *
 * <h2>Writes and crashes</h2>
 * A change writes the whole file to a temporary file in the same folder (created 0600), then
 * renames it over the entry with {@code ATOMIC_MOVE}: a reader sees the old file or the new one,
 * never a mix, and a process killed at any moment leaves the old entry, the new one, or (for a
 * removal) none. A change that has returned has been renamed into place, so it survives the
 * process being killed (the data is in the operating system's page cache); with {@code fsync} on,
 * the file and its folder are also forced to the device before the change returns, so it survives
 * a power loss too. Temporary files of processes that no longer run (or older than an hour) are
 * deleted by the listing that opening a store starts.
 *
 * <h2>Locks</h2>
 * Reads take no lock. {@link #compute} locks its key's stripe (one of {@value KeyLocks#STRIPES},
 * by hash) in this JVM and, with a {@link java.nio.channels.FileLock} on one byte of the lock
 * file, across processes, so it is atomic per key across every process that shares the folder.
 *
 * <h2>Bounds and expiry</h2>
 * A store keeps running counts of its entries and their bytes (a listing of the folder that
 * opening starts on a thread of its own, with each file's size only if it is bounded in bytes;
 * then its own writes and removals).
 * Once a count passes {@code maxEntries} or {@code maxBytes} it lists the folder with times and
 * sizes, recounts, and deletes the least recently used files (by modification time, which a read
 * of a bounded store refreshes) until both are below about 90% of their bounds, reporting them to
 * the {@link io.twat.cache.internal.store.StoreListener}.
 * Expired entries are kept until the facade removes them.
 *
 * <h2>Security</h2>
 * On POSIX the folder is 0700 and files 0600; a folder of another user or one writable by group or
 * others is refused (see {@link PrivateFolders}). Values and keys are read back through the
 * {@link Serializer}'s allow-list.
 *
 * <h2>The cache record</h2>
 * Opening writes {@code .cache-info} (the cache's name and declared key and value types) unless it
 * already says so; a folder that holds entries recorded with other types is refused, naming both,
 * while an empty one takes the new types. {@link #persisted} reads the record, so that managers of
 * later JVMs find the cache; {@link #destroy} deletes the entries and the record.
 *
 * <p>Thread-safe, and safe to share between processes.
 *
 * @param <K> the type of keys
 */
public final class FileStore<K> implements Store<K> {
  private static final System.Logger LOG = System.getLogger(FileStore.class.getName());
  private static final HexFormat HEX = HexFormat.of();
  private static final String LOCK_FILE = ".lock";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final int NAME_LENGTH = 64;
  private static final long STALE_TEMP_MILLIS = 3_600_000L;
  /** Entry files from this size on are read through a memory mapping (see {@link #readMapped}). */
  static final long MAP_THRESHOLD = 1L << 20;

  private final Path folder;
  private final Serializer serializer;
  private final StoreSpec spec;
  private final Options options;
  private final KeyLocks locks;
  private final FileAttribute<?>[] fileAttributes;
  private final FileAttribute<?>[] folderAttributes;
  private final long pid = ProcessHandle.current().pid();
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong savedBytes = new AtomicLong();
  private final AtomicLong corruptReads = new AtomicLong();
  private final AtomicLong tempSequence = new AtomicLong();
  private final AtomicBoolean evicting = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.concurrent.CountDownLatch scanned = new java.util.concurrent.CountDownLatch(1);
  /** POSIX only: elsewhere (Windows) a mapped file cannot be renamed over or deleted until unmapped. */
  private final boolean mapLargeFiles;

  /**
   * How a file store writes.
   *
   * @param fsync whether each change is forced to the device before it returns (survives a power
   *     loss, at the cost measured in the store's notes); without it a change survives a killed
   *     process but not a power loss
   * @param compression how values at or above {@code compressThreshold} bytes are compressed
   * @param compressThreshold the size in bytes from which values are compressed
   * @param sealer encrypts every entry (AES-256-GCM), or null to write entries in the clear
   */
  public record Options(boolean fsync, Compression compression, int compressThreshold, Sealer sealer) {
    /** The default compression threshold: values of 4 KiB and more. */
    public static final int DEFAULT_COMPRESS_THRESHOLD = 4096;

    /** Checks the arguments. */
    public Options {
      Objects.requireNonNull(compression, "compression");
      if (compressThreshold < 0) {
        throw new IllegalArgumentException("compressThreshold must be 0 or more, was " + compressThreshold);
      }
    }

    /** Returns the defaults: no fsync, no compression. */
    public static Options defaults() {
      return new Options(/* fsync= */ false, Compression.NONE, DEFAULT_COMPRESS_THRESHOLD, /* sealer= */ null);
    }

    /** Returns these options with {@code fsync} as given. */
    public Options withFsync(boolean fsync) {
      return new Options(fsync, compression, compressThreshold, sealer);
    }

    /** Returns these options with the given compression and threshold. */
    public Options withCompression(Compression compression, int compressThreshold) {
      return new Options(fsync, compression, compressThreshold, sealer);
    }

    /** Returns these options encrypting with {@code sealer} (null: no encryption). */
    public Options withSealer(Sealer sealer) {
      return new Options(fsync, compression, compressThreshold, sealer);
    }
  }

  private FileStore(Path folder, Serializer serializer, StoreSpec spec, Options options, KeyLocks locks) {
    this.folder = folder;
    this.serializer = serializer;
    this.spec = spec;
    this.options = options;
    this.locks = locks;
    this.fileAttributes = PrivateFolders.fileAttributes(folder);
    this.folderAttributes = PrivateFolders.folderAttributes(folder);
    this.mapLargeFiles = PrivateFolders.isPosix(folder);
  }

  /**
   * Opens the store in {@code folder}, creating it (private) if needed and attaching to the
   * entries already there; deletes temporary files that crashed processes left behind.
   *
   * @param folder the store's own folder
   * @param serializer turns keys and values into bytes and back
   * @param spec the bound and the listener
   * @param options fsync and compression
   * @param <K> the type of keys
   * @throws StoreException if the folder is unusable or unsafe (see {@link PrivateFolders})
   */
  public static <K> FileStore<K> open(Path folder, Serializer serializer, StoreSpec spec, Options options)
      throws StoreException {
    Objects.requireNonNull(serializer, "serializer");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    Path absolute = folder.toAbsolutePath().normalize();
    try {
      PrivateFolders.prepare(absolute);
    } catch (UnsafeFolderException e) {
      throw new StoreException(e.getMessage(), e);
    }
    KeyLocks locks;
    try {
      locks = KeyLocks.acquire(absolute.resolve(LOCK_FILE), PrivateFolders.fileAttributes(absolute));
    } catch (IOException e) {
      throw new StoreException("Could not open the lock file of the cache folder " + absolute + ": " + e, e);
    }
    FileStore<K> store = new FileStore<>(absolute, serializer, spec, options, locks);
    try {
      store.attachInfo();
    } catch (IOException e) {
      store.close();
      throw new StoreException("Could not read the cache folder " + absolute + ": " + e, e);
    } catch (StoreException | RuntimeException e) {
      store.close();
      throw e;
    }
    Thread scan = new Thread(store::scanOnOpen, "twat-cache-open-scan-" + absolute.getFileName());
    scan.setDaemon(true);
    scan.start();
    return store;
  }

  /**
   * Waits until the listing that a store starts when it opens (counting its entries and deleting
   * abandoned temporary files) is done; for tests and measurements.
   */
  void awaitOpenScan() throws InterruptedException {
    scanned.await();
  }

  /** Returns the folder the store keeps its files in. */
  @Override
  public Optional<Path> folder() {
    return Optional.of(folder);
  }

  /** Returns how many reads met a corrupt, truncated or foreign entry file since the store opened. */
  public long corruptReads() {
    return corruptReads.get();
  }

  /** Returns the bytes that compression saved on the writes of this store since it opened. */
  public long compressionSavedBytes() {
    return savedBytes.get();
  }

  /**
   * Returns the bytes the entry files take, as this store counts them: exact for its own changes,
   * an estimate while other processes write to the same folder (recounted when it evicts).
   */
  public long bytes() {
    return bytes.get();
  }

  /**
   * Returns the cache that the store in {@code folder} was last opened for, as recorded there, if
   * the folder holds a store.
   *
   * @throws StoreException if the record exists but cannot be read
   */
  public static Optional<PersistedCache> persisted(Path folder) throws StoreException {
    return CacheInfo.read(folder);
  }

  // ---------------------------------------------------------------- the Store SPI

  @Override
  public StoreEntry get(K key) throws StoreException {
    checkOpen();
    Location location = locate(key);
    Slot slot = read(location.path, location.hash);
    if (slot.corruption != null) {
      countCorrupt(location.path, slot.corruption);
      return repair(key, location);
    }
    if (!slot.belongsTo(location)) {
      return null;
    }
    if (spec.isBounded() || spec.isByteBounded()) {
      touch(location.path);
    }
    return toEntry(slot.decoded, location.path);
  }

  @Override
  public StoreEntry compute(K key, BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function)
      throws StoreException {
    checkOpen();
    Location location = locate(key);
    boolean inserted = false;
    boolean grew = false;
    StoreEntry result;
    KeyLocks.Held held = lock(location);
    try {
      Slot slot = read(location.path, location.hash);
      StoreEntry current = null;
      if (slot.corruption != null) {
        countCorrupt(location.path, slot.corruption);
      } else if (slot.belongsTo(location)) {
        current = toEntry(slot.decoded, location.path);
      }
      result = function.apply(key, current);
      if (result == null) {
        if (current != null || slot.corruption != null) {
          delete(location.path, slot.length);
        }
      } else if (result != current) {
        long written = write(location, result);
        bytes.addAndGet(written - slot.length);
        grew = written > slot.length;
        inserted = !slot.exists;
        if (inserted) {
          count.incrementAndGet();
        }
      } else if (slot.corruption != null) {
        delete(location.path, slot.length);
      }
    } finally {
      unlock(held);
    }
    if ((inserted || grew) && overBound()) {
      try {
        evict();
      } catch (StoreException e) {
        // the change itself succeeded; the next insert tries again
        LOG.log(Level.WARNING, "Could not evict entries from {0}: {1}", folder, e.getMessage());
      }
    }
    return result;
  }

  @Override
  public Iterator<Map.Entry<K, StoreEntry>> iterator() throws StoreException {
    checkOpen();
    try {
      return new EntryIterator(subfolders());
    } catch (IOException e) {
      throw new StoreException("Could not list the cache folder " + folder + ": " + e, e);
    }
  }

  @Override
  public long size() throws StoreException {
    checkOpen();
    try {
      long n = 0;
      for (Path subfolder : subfolders()) {
        n += entryFiles(subfolder).size();
      }
      count.set(n);
      if (n == 0) {
        bytes.set(0);
      }
      return n;
    } catch (IOException e) {
      throw new StoreException("Could not count the entries in " + folder + ": " + e, e);
    }
  }

  @Override
  public void clear() throws StoreException {
    checkOpen();
    deleteEntries(folder);
    size();
  }

  /**
   * Deletes the entries and the cache record of the store in {@code folder}, which no store of this
   * JVM needs to have open; the folder and its lock file stay, as other processes may hold them.
   *
   * @throws StoreException if the files cannot be deleted
   */
  public static void destroyFolder(Path folder) throws StoreException {
    deleteEntries(folder);
    CacheInfo.delete(folder);
  }

  private static void deleteEntries(Path folder) throws StoreException {
    try {
      for (Path subfolder : subfolders(folder)) {
        for (Path file : entryFiles(subfolder)) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new StoreException("Could not delete the entries in " + folder + ": " + e, e);
    }
  }

  @Override
  public void destroy() throws StoreException {
    clear();
    CacheInfo.delete(folder);
  }

  @Override
  public String describe() {
    StringBuilder text = new StringBuilder("file(").append(folder).append(", ");
    if (!spec.isBounded() && !spec.isByteBounded()) {
      text.append("unbounded");
    } else {
      text.append(spec.isBounded() ? spec.maxEntries() + " entries" : "");
      text.append(spec.isBounded() && spec.isByteBounded() ? " or " : "");
      text.append(spec.isByteBounded() ? spec.maxBytes() + " bytes" : "");
    }
    if (options.compression() != Compression.NONE) {
      text.append(", ").append(options.compression().name().toLowerCase(java.util.Locale.ROOT))
          .append(" saved ").append(savedBytes.get()).append(" bytes");
    }
    if (options.sealer() != null) {
      text.append(", encrypted (AES-256-GCM, key id ")
          .append(Integer.toHexString(options.sealer().keys().currentId())).append(')');
    }
    return text.append(')').toString();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      locks.release();
    }
  }

  // ---------------------------------------------------------------- reading

  /** Where a key lives. */
  private record Location(byte[] key, byte[] hash, String name, Path path, int stripe) {
  }

  /** What an entry file holds: nothing, an entry (perhaps of a colliding key) or garbage; its length. */
  private record Slot(boolean exists, EntryFormat.Decoded decoded, String corruption, long length) {
    static final Slot ABSENT = new Slot(false, null, null, 0);

    boolean belongsTo(Location location) {
      return decoded != null && decoded.hasKey(location.key);
    }
  }

  /** Package-private for tests: the file in which {@code key}'s entry lives. */
  Path pathOf(K key) throws StoreException {
    return locate(key).path;
  }

  private Location locate(K key) throws StoreException {
    Objects.requireNonNull(key, "key");
    byte[] bytes;
    try {
      bytes = serializer.toBytes(key);
    } catch (SerializationException e) {
      throw new StoreException("Could not serialize a key for the file store: " + e.getMessage(), e);
    }
    byte[] hash = sha256(bytes);
    String name = HEX.formatHex(hash);
    return new Location(bytes, hash, name, folder.resolve(name.substring(0, 2)).resolve(name),
        KeyLocks.stripeOf(hash[0], hash[1]));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  private Slot read(Path path, byte[] hash) throws StoreException {
    byte[] file;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = channel.size();
      if (mapLargeFiles && size >= MAP_THRESHOLD) {
        return readMapped(path, hash);
      }
      file = readFully(channel, size);
    } catch (NoSuchFileException e) {
      return Slot.ABSENT;
    } catch (IOException e) {
      throw new StoreException("Could not read the cache entry file " + path + ": " + e, e);
    }
    try {
      return new Slot(true, EntryFormat.decode(file, options.sealer(), hash), null, file.length);
    } catch (CorruptEntryException e) {
      return new Slot(true, null, e.getMessage(), file.length);
    }
  }

  /**
   * Reads a file at least {@value #MAP_THRESHOLD} bytes long through a private (copy-on-write)
   * memory mapping: the page cache's bytes are checked in place and a large raw value is filled
   * straight from them, or handed out as a slice of the mapping (a {@code ByteBuffer} value),
   * instead of first being copied whole onto the heap. The mapping is of the file as it was when
   * opened: a later rename over it or its deletion does not change it.
   */
  private Slot readMapped(Path path, byte[] hash) throws IOException {
    FileChannel.MapMode mode = FileChannel.MapMode.PRIVATE;
    FileChannel opened;
    try {
      opened = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (java.nio.file.AccessDeniedException e) {
      // a file made read-only by hand: map it read-only (a ByteBuffer value is then read-only too)
      opened = FileChannel.open(path, StandardOpenOption.READ);
      mode = FileChannel.MapMode.READ_ONLY;
    }
    try (FileChannel channel = opened) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        return new Slot(true, null, "longer than any entry file (" + size + " bytes)", size);
      }
      ByteBuffer mapped = channel.map(mode, 0, size);
      try {
        return new Slot(true, EntryFormat.decode(mapped, options.sealer(), hash), null, size);
      } catch (CorruptEntryException e) {
        return new Slot(true, null, e.getMessage(), size);
      }
    }
  }

  private static byte[] readFully(FileChannel channel, long size) throws IOException {
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("the file has " + size + " bytes, more than an entry file can have");
    }
    byte[] file = new byte[(int) size];
    ByteBuffer buffer = ByteBuffer.wrap(file);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        return java.util.Arrays.copyOf(file, buffer.position());
      }
    }
    return file;
  }

  private StoreEntry toEntry(EntryFormat.Decoded decoded, Path path) throws StoreException {
    if (decoded.valueBuffer() != null) {
      try {
        return new StoreEntry(serializer.fromOwnedBuffer(decoded.valueBuffer()), decoded.expiresAt());
      } catch (SerializationException e) {
        throw new StoreException("Could not read the value in " + path + ": " + e.getMessage(), e);
      }
    }
    try {
      return new StoreEntry(serializer.fromOwnedBytes(decoded.valueArray(), decoded.valueOffset(),
          decoded.valueLength()), decoded.expiresAt());
    } catch (SerializationException e) {
      throw new StoreException("Could not read the value in " + path + ": " + e.getMessage(), e);
    }
  }

  private void countCorrupt(Path path, String reason) {
    corruptReads.incrementAndGet();
    LOG.log(Level.WARNING, "Cache entry file {0} is corrupt ({1}); it is treated as a miss and deleted", path, reason);
  }

  /** Deletes a corrupt file under the key's lock, unless a writer replaced it meanwhile. */
  private StoreEntry repair(K key, Location location) throws StoreException {
    KeyLocks.Held held = lock(location);
    try {
      Slot slot = read(location.path, location.hash);
      if (slot.corruption != null) {
        delete(location.path, slot.length);
        return null;
      }
      return slot.belongsTo(location) ? toEntry(slot.decoded, location.path) : null;
    } finally {
      unlock(held);
    }
  }

  private static void touch(Path path) {
    try {
      Files.setLastModifiedTime(path, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // replaced or removed meanwhile: recency is a hint only
    }
  }

  // ---------------------------------------------------------------- writing

  /** Writes the entry file of {@code location}; returns its length. */
  private long write(Location location, StoreEntry entry) throws StoreException {
    ByteBuffer[] parts = encode(location, entry);
    long length = 0;
    for (ByteBuffer part : parts) {
      length += part.remaining();
    }
    Path subfolder = location.path.getParent();
    Path temp = subfolder.resolve(location.name + "." + pid + "." + tempSequence.incrementAndGet() + TEMP_SUFFIX);
    try {
      if (!Files.isDirectory(subfolder)) {
        Files.createDirectories(subfolder, folderAttributes);
        if (options.fsync()) {
          forceFolder(folder);
        }
      }
      try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), fileAttributes)) {
        ByteBuffer last = parts[parts.length - 1];
        while (last.hasRemaining()) {
          channel.write(parts);
        }
        if (options.fsync()) {
          channel.force(/* metaData= */ false);
        }
      }
      Files.move(temp, location.path, StandardCopyOption.ATOMIC_MOVE);
      if (options.fsync()) {
        forceFolder(subfolder);
      }
      return length;
    } catch (AtomicMoveNotSupportedException e) {
      deleteQuietly(temp);
      throw new StoreException("The file system of " + folder + " cannot rename files atomically, which the "
          + "file store needs to be crash-safe; choose a folder on a local file system", e);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new StoreException("Could not write the cache entry file " + location.path + ": " + e
          + "; check free space and permissions", e);
    }
  }

  /**
   * Returns the entry file of {@code entry} in parts: a plain, uncompressed one without copying a
   * raw value (the parts are written with one gathering write); a compressed or encrypted one
   * whole.
   */
  private ByteBuffer[] encode(Location location, StoreEntry entry) throws StoreException {
    try {
      if (options.sealer() == null) {
        ByteBuffer[] value = serializer.toBuffers(entry.value());
        long size = 0;
        for (ByteBuffer part : value) {
          size += part.remaining();
        }
        if (options.compression() == Compression.NONE || size < options.compressThreshold()) {
          return EntryFormat.encodePlain(location.key, value, entry.expiresAt());
        }
      }
      byte[] record = EntryFormat.encode(location.key, serializer.toBytes(entry.value()), entry.expiresAt(),
          options.compression(), options.compressThreshold(), options.sealer(), location.hash);
      if (options.compression() != Compression.NONE) {
        savedBytes.addAndGet(EntryFormat.savedBytes(record));
      }
      return new ByteBuffer[] {ByteBuffer.wrap(record)};
    } catch (SerializationException e) {
      throw new StoreException("Could not serialize a value for the file store: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new StoreException("Could not store a value in the file store: " + e.getMessage(), e);
    }
  }

  private static void forceFolder(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(/* metaData= */ true);
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        throw e;
      }
    }
  }

  private void delete(Path path, long length) throws StoreException {
    try {
      if (Files.deleteIfExists(path)) {
        count.decrementAndGet();
        bytes.addAndGet(-length);
        if (options.fsync()) {
          forceFolder(path.getParent());
        }
      }
    } catch (IOException e) {
      throw new StoreException("Could not delete the cache entry file " + path + ": " + e, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not delete temporary file {0}: {1}", path, e);
    }
  }

  // ---------------------------------------------------------------- locks

  private KeyLocks.Held lock(Location location) throws StoreException {
    return lock(location.stripe);
  }

  private KeyLocks.Held lock(int stripe) throws StoreException {
    try {
      return locks.lock(stripe);
    } catch (IOException e) {
      throw new StoreException("Could not lock a key in " + folder.resolve(LOCK_FILE) + ": " + e, e);
    }
  }

  private static void unlock(KeyLocks.Held held) {
    try {
      held.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not release a key lock: {0}", e);
    }
  }

  private void checkOpen() throws StoreException {
    if (closed.get()) {
      throw new StoreException("The file store in " + folder + " is closed");
    }
  }

  // ---------------------------------------------------------------- folder scans

  private List<Path> subfolders() throws IOException {
    return subfolders(folder);
  }

  private static List<Path> subfolders(Path folder) throws IOException {
    List<Path> subfolders = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      for (Path path : stream) {
        String name = path.getFileName().toString();
        if (name.length() == 2 && isHex(name) && Files.isDirectory(path)) {
          subfolders.add(path);
        }
      }
    }
    subfolders.sort(Comparator.naturalOrder());
    return subfolders;
  }

  private static List<Path> entryFiles(Path subfolder) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(subfolder)) {
      for (Path path : stream) {
        if (isEntryName(path.getFileName().toString())) {
          files.add(path);
        }
      }
    } catch (NoSuchFileException e) {
      // removed meanwhile
    }
    return files;
  }

  private static boolean isEntryName(String name) {
    return name.length() == NAME_LENGTH && isHex(name);
  }

  private static boolean isHex(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Counts the entries (and, for a store bounded in bytes, their bytes) and deletes temporary
   * files whose writer is gone, on a thread of its own so that opening a large store returns at
   * once. A store without a byte bound only lists names: it never reads a file's attributes, which
   * is most of the cost of a scan. The counts it finds are added to those of the changes made
   * meanwhile, which may count an entry twice: an overestimate only makes the next eviction check
   * recount exactly, earlier than needed.
   */
  private void scanOnOpen() {
    try {
      scanFolder();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Could not count the entries in {0} after opening it: {1}", folder, e);
    } finally {
      scanned.countDown();
    }
  }

  private void scanFolder() throws IOException {
    long entries = 0;
    long total = 0;
    long now = System.currentTimeMillis();
    boolean sizes = spec.isByteBounded();
    for (Path subfolder : subfolders()) {
      if (closed.get()) {
        return;
      }
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(subfolder)) {
        for (Path path : stream) {
          String name = path.getFileName().toString();
          if (isEntryName(name)) {
            entries++;
            if (sizes) {
              total += sizeOf(path);
            }
          } else if (name.endsWith(TEMP_SUFFIX) && isAbandoned(path, name, now)) {
            LOG.log(Level.DEBUG, "Deleting {0}, left behind by a process that stopped while writing it", path);
            deleteQuietly(path);
          }
        }
      }
    }
    count.addAndGet(entries);
    bytes.addAndGet(total);
  }

  /** Returns whether the folder holds at least one entry, stopping at the first. */
  private boolean hasEntries() throws IOException {
    for (Path subfolder : subfolders()) {
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(subfolder)) {
        for (Path path : stream) {
          if (isEntryName(path.getFileName().toString())) {
            return true;
          }
        }
      } catch (NoSuchFileException e) {
        // removed meanwhile
      }
    }
    return false;
  }

  private static long sizeOf(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Checks the cache recorded in the folder against the spec: data of other key or value types is
   * refused; an empty folder, or one without a record, is (re)recorded for this cache.
   */
  private void attachInfo() throws StoreException, IOException {
    Optional<PersistedCache> recorded = CacheInfo.read(folder);
    PersistedCache wanted = new PersistedCache(spec.cacheName(), spec.keyType().getName(), spec.valueType().getName());
    if (recorded.isPresent() && !recorded.get().equals(wanted)) {
      PersistedCache found = recorded.get();
      boolean sameTypes = found.keyType().equals(wanted.keyType()) && found.valueType().equals(wanted.valueType());
      if (!sameTypes && hasEntries()) {
        throw new StoreException("The folder " + folder + " holds entries of cache \""
            + found.cacheName() + "\" with types " + found.keyType() + " -> " + found.valueType()
            + ", but the cache is being created with types " + wanted.keyType() + " -> " + wanted.valueType()
            + ". Create it with setTypes(" + simple(found.keyType()) + ".class, " + simple(found.valueType())
            + ".class) to use that data, or destroyCache(\"" + found.cacheName() + "\") first to start over");
      }
    }
    if (recorded.isEmpty() || !recorded.get().equals(wanted)) {
      CacheInfo.write(folder, wanted, fileAttributes);
    }
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
  }

  private boolean overBound() {
    return (spec.isBounded() && count.get() > spec.maxEntries())
        || (spec.isByteBounded() && bytes.get() > spec.maxBytes());
  }

  private static boolean isAbandoned(Path temp, String name, long now) {
    String[] parts = name.split("\\.");
    if (parts.length != 4 || !isEntryName(parts[0])) {
      return true;
    }
    long writer;
    try {
      writer = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return true;
    }
    if (!ProcessHandle.of(writer).map(ProcessHandle::isAlive).orElse(false)) {
      return true;
    }
    try {
      return now - Files.getLastModifiedTime(temp).toMillis() > STALE_TEMP_MILLIS;
    } catch (IOException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- eviction

  /** A file that may be evicted, with the modification time and size it had when listed. */
  private record Candidate(Path path, long modified, long size) {
  }

  private void evict() throws StoreException {
    if (!evicting.compareAndSet(false, true)) {
      return;
    }
    int evicted = 0;
    try {
      List<Candidate> candidates = new ArrayList<>();
      long total = 0;
      for (Path subfolder : subfolders()) {
        for (Path file : entryFiles(subfolder)) {
          try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            candidates.add(new Candidate(file, attributes.lastModifiedTime().toMillis(), attributes.size()));
            total += attributes.size();
          } catch (NoSuchFileException e) {
            // removed meanwhile
          }
        }
      }
      count.set(candidates.size());
      bytes.set(total);
      if (!overBound()) {
        return;
      }
      long maxEntries = spec.isBounded() ? spec.maxEntries() : Long.MAX_VALUE;
      long maxBytes = spec.isByteBounded() ? spec.maxBytes() : Long.MAX_VALUE;
      long entriesTarget = maxEntries - maxEntries / 10;
      long bytesTarget = maxBytes - maxBytes / 10;
      long entries = candidates.size();
      candidates.sort(Comparator.comparingLong(Candidate::modified).thenComparing(Candidate::path));
      for (int i = 0; i < candidates.size() && (entries > entriesTarget || total > bytesTarget); i++) {
        Candidate candidate = candidates.get(i);
        if (evictOne(candidate)) {
          evicted++;
        }
        entries--;
        total -= candidate.size;
      }
    } catch (IOException e) {
      throw new StoreException("Could not evict entries from " + folder + ": " + e, e);
    } finally {
      evicting.set(false);
      if (evicted > 0) {
        spec.listener().onEvicted(evicted);
      }
    }
  }

  /** Deletes a listed file under its key's lock, unless it was used or replaced since it was listed. */
  private boolean evictOne(Candidate candidate) throws StoreException, IOException {
    String name = candidate.path.getFileName().toString();
    byte[] prefix = HEX.parseHex(name, 0, 4);
    KeyLocks.Held held = lock(KeyLocks.stripeOf(prefix[0], prefix[1]));
    try {
      if (Files.getLastModifiedTime(candidate.path).toMillis() != candidate.modified) {
        return false;
      }
      if (Files.deleteIfExists(candidate.path)) {
        count.decrementAndGet();
        bytes.addAndGet(-candidate.size);
        return true;
      }
      return false;
    } catch (NoSuchFileException e) {
      return false;
    } finally {
      unlock(held);
    }
  }

  // ---------------------------------------------------------------- iteration

  /** Walks the subfolders one listing at a time; skips files that vanish or are corrupt. */
  private final class EntryIterator implements Iterator<Map.Entry<K, StoreEntry>> {
    private final Iterator<Path> subfolders;
    private Iterator<Path> files = List.<Path>of().iterator();
    private Map.Entry<K, StoreEntry> next;

    EntryIterator(List<Path> subfolders) {
      this.subfolders = subfolders.iterator();
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        while (!files.hasNext()) {
          if (!subfolders.hasNext()) {
            return false;
          }
          try {
            files = entryFiles(subfolders.next()).iterator();
          } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not list a cache subfolder while iterating: {0}", e);
          }
        }
        next = load(files.next());
      }
      return true;
    }

    @Override
    public Map.Entry<K, StoreEntry> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Map.Entry<K, StoreEntry> result = next;
      next = null;
      return result;
    }

    @SuppressWarnings("unchecked")
    private Map.Entry<K, StoreEntry> load(Path path) {
      try {
        Slot slot = read(path, HEX.parseHex(path.getFileName().toString()));
        if (slot.corruption != null) {
          corruptReads.incrementAndGet();
          LOG.log(Level.WARNING, "Cache entry file {0} is corrupt ({1}); skipped", path, slot.corruption);
          return null;
        }
        if (slot.decoded == null) {
          return null;
        }
        EntryFormat.Decoded decoded = slot.decoded;
        K key = (K) serializer.fromBytes(decoded.keyArray(), decoded.keyOffset(), decoded.keyLength());
        return new AbstractMap.SimpleImmutableEntry<>(key, toEntry(slot.decoded, path));
      } catch (StoreException | SerializationException e) {
        LOG.log(Level.WARNING, "Skipping cache entry file {0}: {1}", path, e.getMessage());
        return null;
      }
    }
  }
}

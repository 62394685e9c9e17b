/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.io.UnsafeFolderException;
import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.file.EntryReader.Slot;
import io.twat.cache.internal.store.file.FolderLayout.Location;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * A store that keeps each entry in a file of its own under one folder, safe under crashes and
 * shared safely by several processes.
 *
 * <h2>Layout</h2>
 *
 * <pre>
 *   folder/.lock                          lock file: byte i locked while a key of stripe i changes
 *   folder/.cache-info                    the cache the folder holds: name, key and value types,
 *                                         recorded settings (see CacheInfo)
 *   folder/ab/abcdef...(64 hex digits)    one entry: the SHA-256 of the serialized key, in hex
 *   folder/ab/abcdef....PID.N.tmp         an entry being written by process PID
 * </pre>
 *
 * Entries are spread over up to 256 subfolders by the first two hex digits of their name. The name
 * is a hash of the key's bytes (see {@link Serializer}), never the key's text.
 *
 * <h2>Entry file, format version 2</h2>
 *
 * All numbers are big-endian.
 *
 * <pre>
 *   offset    size  field
 *   0         4     magic "TWCF" (0x54574346)
 *   4         1     format version, 2
 *   5         1     flags: bit 0 the payload is deflated; bit 1 key and payload are encrypted;
 *                   other bits 0
 *   6         1     value kind: the serializer tag of the value (informational); 0 if encrypted
 *   7         1     reserved, 0
 *   8         8     expiry deadline, epoch milliseconds; Long.MAX_VALUE = never
 *   16        4     K, the length of the key bytes (at least 1)
 *   20        4     P, the length of the payload as stored
 *   24        4     V, the length of the serialized value (= P unless deflated)
 *   28        8     generation: the creation of the cache the entry was written for
 *   36        K     the serialized key, to tell keys whose names collide apart
 *   36+K      P     the serialized value, deflated if flag bit 0
 *   36+K+P    4     CRC32C of every byte before it
 * </pre>
 *
 * An entry whose file (as above) is at most {@value SlottedFile#MAX_RECORD} bytes is kept in a
 * slotted file, with room for two such records behind a small header, each with a sequence number
 * and a checksum; a reader takes the newest whole one (see {@link SlottedFile}, and
 * docs/file-format.md). The folder's record says {@code format=3} once it may hold slotted files.
 *
 * <p>Version 1 files (a 28-byte header, no generation) are read as entries of any creation; see
 * {@link CacheGeneration} for entries of another one. An encrypted file (bit 1) has, instead
 * of the key bytes and payload at offset 36, P sealed bytes (see {@link
 * io.twat.cache.internal.crypto.Sealer}: version, key id, nonce, AES-256-GCM ciphertext of key
 * bytes then payload, tag), with P = K + payload + {@value
 * io.twat.cache.internal.crypto.Sealer#OVERHEAD}; the associated data is the 36-byte header and the
 * entry's name (the key bytes' SHA-256), so a changed header or a file copied over another entry
 * fails authentication. A store with keys refuses plain files; a store without keys, encrypted
 * ones.
 *
 * <p>A file is read whole (from 1 MiB on through a private memory mapping on POSIX, so that large
 * raw values are not first copied onto the heap); anything that is not exactly such a file (short,
 * long, wrong magic, version or flags, bad checksum, a payload that does not inflate to V bytes,
 * failed authentication or an unknown key), or whose value does not deserialize, is corrupt: the
 * read is a miss, counted in {@link #corruptReads()}, logged, and the file deleted once the key's
 * lock is held. A value of a class the {@link Serializer} refuses is not damage: the read is a
 * miss, counted in {@link #refusedReads()} and logged once per file, and the file stays (see
 * {@link io.twat.cache.internal.store.RefusedReads}); to {@link #compute} such a key is absent,
 * so a write replaces the file. A file whose key bytes differ from the key looked up belongs to
 * another key whose hash collides: a miss, and a write of the key looked up replaces it. A folder
 * (or other non-file) at an entry's path is corrupt too: the key's next lookup, write or removal
 * deletes it if empty, or else renames it to {@code NAME.PID.N.quarantined}, with one WARNING.
 *
 * <p>Opening a folder whose record names another cache fails; a damaged record (empty,
 * truncated, garbled) is moved aside to {@code .cache-info.damaged}, with one WARNING, and written
 * again for the cache being opened (see CacheInfo.attach).
 *
 * <h2>Writes and crashes</h2>
 *
 * A change of an entry whose slotted file has room writes its record into the file's spare slot
 * in one positioned write: a torn slot is not whole, so a reader (and the next open) takes the
 * other. Any other change writes the whole file to a temporary file in the same folder (created
 * 0600), then renames it over the entry with {@code ATOMIC_MOVE}: a reader sees the old file or
 * the new one. Either way, never a mix, and a process killed at any moment leaves the old entry,
 * the new one, or (for a removal) none. A change that has returned is in the operating system's
 * page cache, so it survives the process being killed; with {@code fsync} on, the slot, or the
 * file and its folder, are also forced to the device before the change returns, so it survives a
 * power loss too. Temporary files of processes that no longer run (or older than an hour) are
 * deleted by the listing that opening a store starts.
 *
 * <h2>Locks</h2>
 *
 * Reads take no lock (one that finds both slots of a slotted file torn reads it again under the
 * key's lock before taking it for corrupt). {@link #compute} locks its key's stripe (one of
 * {@value KeyLocks#STRIPES}, by hash) in this JVM and, with a {@link java.nio.channels.FileLock}
 * on one byte of the lock file, across processes, so it is atomic per key across every process
 * that shares the folder.
 *
 * <h2>Bounds and expiry</h2>
 *
 * A store keeps running counts of its entries and their bytes (a listing of the folder that opening
 * starts on a thread of its own, with each file's size only if it is bounded in bytes; then its own
 * writes and removals). Once a count passes {@code maxEntries} or {@code maxBytes} it lists the
 * folder with times and sizes, recounts, and deletes the least recently used files (by modification
 * time, which a read of a bounded store refreshes) until both are below about 90% of their bounds,
 * reporting them to the {@link io.twat.cache.internal.store.StoreListener}. Expired entries are
 * kept until the facade removes them.
 *
 * <h2>Security</h2>
 *
 * On POSIX the folder is 0700 and files 0600; a folder of another user or one writable by group or
 * others is refused (see {@link PrivateFolders}). Values and keys are read back through the {@link
 * Serializer}'s allow-list.
 *
 * <h2>The cache record</h2>
 *
 * Opening writes {@code .cache-info} (the cache's name and declared key and value types) unless it
 * already says so; a folder that holds entries recorded with other types is refused, naming both,
 * while an empty one takes the new types. {@link #recordSettings} adds the settings the cache
 * manager records (its configuration). {@link #persisted} reads the record, so that managers of
 * later JVMs find the cache; {@link #destroy} deletes the entries and the record.
 *
 * <h2>Parts</h2>
 *
 * The store is the {@link Store} SPI over parts of one responsibility each: {@link FolderLayout}
 * (names, subfolders, listings), {@link EntryReader} (plain and mapped reads), {@link EntryWriter}
 * (temporary file, fsync, rename), {@link OpenScan} (the listing opening starts), {@link
 * FileEvictor} (counts and bounds) and {@link CacheInfo} (the record). Every file operation but the
 * key locks goes through the {@link FileSystem} of its {@link Options} (the platform's by default),
 * through which tests make writes, renames and fsyncs fail.
 *
 * <p>Thread-safe, and safe to share between processes.
 *
 * @param <K> the type of keys
 */
public final class FileStore<K> implements Store<K> {
  private final FolderLayout layout;
  private final Serializer serializer;
  private final StoreSpec spec;
  private final Options options;
  private final KeyLocks locks;
  private final EntryReader reader;
  private final EntryWriter writer;
  private final FileEvictor evictor;
  private final OpenScan scan;
  private final CacheGeneration creation;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * How a file store writes.
   *
   * @param fsync whether each change is forced to the device before it returns (survives a power
   *     loss, at the cost measured in the store's notes); without it a change survives a killed
   *     process but not a power loss
   * @param compression how values at or above {@code compressThreshold} bytes are compressed
   * @param compressThreshold the size in bytes from which values are compressed
   * @param sealer encrypts every entry (AES-256-GCM), or null to write entries in the clear
   * @param fileSystem performs the file operations: {@link FileSystem#system()}, or in tests one
   *     that injects faults
   */
  public record Options(boolean fsync, Compression compression, int compressThreshold,
      Sealer sealer, FileSystem fileSystem) {
    /** The default compression threshold: values of 4 KiB and more. */
    public static final int DEFAULT_COMPRESS_THRESHOLD = 4096;

    /** Checks the arguments. */
    public Options {
      Objects.requireNonNull(compression, "compression");
      Objects.requireNonNull(fileSystem, "fileSystem");
      if (compressThreshold < 0) {
        throw new IllegalArgumentException("compressThreshold must be 0 or more, was "
            + compressThreshold);
      }
    }

    /** Returns the defaults: no fsync, no compression, no encryption, the platform's files. */
    public static Options defaults() {
      return new Options(/* fsync= */ false, Compression.NONE, DEFAULT_COMPRESS_THRESHOLD,
          /* sealer= */ null, FileSystem.system());
    }

    /** Returns these options with {@code fsync} as given. */
    public Options withFsync(boolean fsync) {
      return new Options(fsync, compression, compressThreshold, sealer, fileSystem);
    }

    /** Returns these options with the given compression and threshold. */
    public Options withCompression(Compression compression, int compressThreshold) {
      return new Options(fsync, compression, compressThreshold, sealer, fileSystem);
    }

    /** Returns these options encrypting with {@code sealer} (null: no encryption). */
    public Options withSealer(Sealer sealer) {
      return new Options(fsync, compression, compressThreshold, sealer, fileSystem);
    }

    /** Returns these options performing the file operations through {@code fileSystem}. */
    public Options withFileSystem(FileSystem fileSystem) {
      return new Options(fsync, compression, compressThreshold, sealer, fileSystem);
    }
  }

  private FileStore(Path folder, Serializer serializer, StoreSpec spec, Options options,
      KeyLocks locks, long generation) {
    this.layout = new FolderLayout(folder, options.fileSystem());
    this.creation = new CacheGeneration(options.fileSystem(), folder, spec.cacheName(), generation);
    this.serializer = serializer;
    this.spec = spec;
    this.options = options;
    this.locks = locks;
    this.reader = new EntryReader(options.fileSystem(), serializer, options.sealer(),
        /* mapLargeFiles= */ PrivateFolders.isPosix(folder));
    this.writer = new EntryWriter(layout, serializer, options,
        PrivateFolders.fileAttributes(folder), PrivateFolders.folderAttributes(folder),
        generation);
    this.evictor = new FileEvictor(layout, spec, locks, serializer);
    this.scan = new OpenScan(layout, evictor, /* sizes= */ spec.isByteBounded(), closed::get);
  }

  /**
   * Opens the store in {@code folder}, creating it (private) if needed and attaching to the
   * entries already there; deletes temporary files that crashed processes left behind.
   *
   * @param folder the store's own folder
   * @param serializer turns keys and values into bytes and back
   * @param spec the bound and the listener
   * @param options fsync, compression, encryption and the file system
   * @param <K> the type of keys
   * @throws StoreException if the folder is unusable or unsafe (see {@link PrivateFolders})
   */
  public static <K> FileStore<K> open(Path folder, Serializer serializer, StoreSpec spec,
      Options options) throws StoreException {
    Objects.requireNonNull(serializer, "serializer");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    Path absolute = folder.toAbsolutePath().normalize();
    try {
      PrivateFolders.prepare(absolute, options.fileSystem());
    } catch (UnsafeFolderException e) {
      throw new StoreException(e.getMessage(), e);
    }
    KeyLocks locks;
    try {
      locks = KeyLocks.acquire(absolute.resolve(FolderLayout.LOCK_FILE),
          PrivateFolders.fileAttributes(absolute));
    } catch (IOException e) {
      throw new StoreException("Could not open the lock file of the cache folder " + absolute + ": "
          + e, e);
    }
    long generation;
    try {
      KeyLocks.Held held = locks.hold(KeyLocks.RECORD_STRIPE);
      try {
        generation = CacheInfo.attach(new FolderLayout(absolute, options.fileSystem()),
            new PersistedCache(spec.cacheName(), spec.keyType().getName(),
                spec.valueType().getName()), PrivateFolders.fileAttributes(absolute));
      } finally {
        held.unlock();
      }
    } catch (IOException e) {
      locks.release();
      throw new StoreException("Could not read the cache folder " + absolute + ": " + e, e);
    } catch (StoreException | RuntimeException e) {
      locks.release();
      throw e;
    }
    FileStore<K> store = new FileStore<>(absolute, serializer, spec, options, locks, generation);
    store.scan.start();
    return store;
  }

  /**
   * Waits until the listing that a store starts when it opens (counting its entries and deleting
   * abandoned temporary files) is done; for tests and measurements.
   */
  void awaitOpenScan() throws InterruptedException {
    scan.await();
  }

  /** Returns the folder the store keeps its files in. */
  @Override
  public Optional<Path> folder() {
    return Optional.of(layout.folder());
  }

  /** Returns how many reads met a corrupt, truncated or foreign entry file since it opened. */
  public long corruptReads() {
    return reader.corruptReads();
  }

  /**
   * Returns how many reads met a key or value the serializer refused to deserialize since the
   * store opened; those files stay.
   */
  public long refusedReads() {
    return reader.refusedReads();
  }

  /** Returns the bytes that compression saved on the writes of this store since it opened. */
  public long compressionSavedBytes() {
    return writer.savedBytes();
  }

  /**
   * Returns the bytes the entry files take, as this store counts them: exact for its own changes,
   * an estimate while other processes write to the same folder (recounted when it evicts).
   */
  public long bytes() {
    return evictor.bytes();
  }

  /**
   * Returns the cache that the store in {@code folder} was last opened for, as recorded there, if
   * the folder holds a store.
   *
   * @throws StoreException if the record exists but cannot be read
   */
  public static Optional<PersistedCache> persisted(Path folder) throws StoreException {
    return CacheInfo.read(FileSystem.system(), folder);
  }

  /**
   * Returns the cache name that the record in {@code folder} states, even if the record is
   * otherwise damaged (its {@code cache} line survived); empty if there is none to read.
   */
  public static Optional<String> statedCacheName(Path folder) {
    return CacheInfo.statedName(FileSystem.system(), folder);
  }

  /**
   * Records {@code settings} for the cache {@code cacheName} in {@code folder}, replacing those
   * recorded before (see {@link io.twat.cache.internal.store.StoreFactory#recordSettings}).
   *
   * @return whether the folder holds a record of that cache (nothing is written if not)
   * @throws StoreException if the record cannot be read or written
   */
  public static boolean recordSettings(Path folder, String cacheName, Map<String, String> settings)
      throws StoreException {
    Path absolute = folder.toAbsolutePath().normalize();
    return CacheInfo.recordSettings(FileSystem.system(), absolute, cacheName, settings,
        PrivateFolders.fileAttributes(absolute));
  }

  // ---------------------------------------------------------------- the Store SPI

  @Override
  public StoreEntry get(K key) throws StoreException {
    checkOpen();
    Location location = locate(key);
    Slot slot = reader.read(location.path(), location.hash());
    String corruption = creation.corruptionOf(slot, "read an entry of");
    if (corruption == null) {
      if (!slot.belongsTo(location)) {
        if (!slot.exists()) {
          // a miss costs one read of the record, so that a holder of a destroyed cache does not
          // miss forever without a word (as the db store; its writes fail likewise)
          creation.check("read an entry of");
        }
        return null;
      }
      try {
        StoreEntry entry = reader.toEntry(slot.decoded(), location.path());
        if (entry != null && (spec.isBounded() || spec.isByteBounded())) {
          reader.touch(location.path());
        }
        return entry;
      } catch (CorruptEntryException e) {
        corruption = e.getMessage();
      }
    }
    if (slot.mayBeSettling()) {
      // two changes may have passed under this lockless read: look again under the key's lock
      return repair(location, /* counted= */ false);
    }
    reader.countCorrupt(location.path(), corruption);
    return repair(location, /* counted= */ true);
  }

  @Override
  public StoreEntry compute(K key,
      BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function)
      throws StoreException {
    checkOpen();
    Location location = locate(key);
    boolean inserted = false;
    boolean grew = false;
    StoreEntry result;
    KeyLocks.Held held = locks.hold(location.stripe());
    try {
      Slot slot = reader.read(location.path(), location.hash());
      StoreEntry current = null;
      String corruption = creation.corruptionOf(slot, "change an entry of");
      if (corruption == null && slot.belongsTo(location)) {
        try {
          current = reader.toEntry(slot.decoded(), location.path());
        } catch (CorruptEntryException e) {
          corruption = e.getMessage();
        }
      }
      if (corruption != null) {
        reader.countCorrupt(location.path(), corruption);
      }
      // a refused value is absent to the function: a write replaces its file, nothing else does
      result = function.apply(key, current);
      if (result == null) {
        if (current != null || corruption != null) {
          creation.check("remove an entry of");
          delete(location.path(), slot);
        }
      } else if (result != current) {
        creation.check("write an entry of");
        if (EntryReader.NOT_A_FILE.equals(corruption)) {
          delete(location.path(), slot);
        }
        long written = writer.write(location, result, slot); // a non-file has no spare slot
        if (!creation.isCurrent()) { // destroyed meanwhile: take the file back, none reads it
          writer.delete(location.path(),
              () -> evictor.added(slot.exists() ? -1 : 0, -slot.length()));
          throw creation.destroyed("write an entry of");
        }
        grew = written > slot.length();
        // a non-file in the entry's place was removed above, and uncounted
        inserted = !slot.exists() || EntryReader.NOT_A_FILE.equals(corruption);
        evictor.added(inserted ? 1 : 0, written - slot.length());
      }
    } finally {
      held.unlock();
    }
    if (inserted || grew) {
      evictor.afterGrowth();
    }
    return result;
  }

  @Override
  public Iterator<Map.Entry<K, StoreEntry>> iterator() throws StoreException {
    checkOpen();
    try {
      return new EntryIterator<>(layout, reader, serializer, layout.subfolders(), creation);
    } catch (IOException e) {
      throw new StoreException("Could not list the cache folder " + layout.folder() + ": " + e, e);
    }
  }

  @Override
  public long size() throws StoreException {
    checkOpen();
    try {
      long n = 0;
      for (Path subfolder : layout.subfolders()) {
        n += layout.entryFiles(subfolder).size();
      }
      evictor.recounted(n);
      return n;
    } catch (IOException e) {
      throw new StoreException("Could not count the entries in " + layout.folder() + ": " + e, e);
    }
  }

  @Override
  public void clear() throws StoreException {
    checkOpen();
    creation.check("clear");
    deleteEntries(layout);
    size();
  }

  /**
   * Deletes the entries and the cache record of the store in {@code folder}, which no store of this
   * JVM needs to have open; the folder and its lock file stay, as other processes may hold them.
   *
   * @throws StoreException if the files cannot be deleted
   */
  public static void destroyFolder(Path folder) throws StoreException {
    CacheInfo.delete(FileSystem.system(), folder); // first: holders' writes then fail
    deleteEntries(new FolderLayout(folder, FileSystem.system()));
  }

  private static void deleteEntries(FolderLayout layout) throws StoreException {
    try {
      layout.deleteEntries();
    } catch (IOException e) {
      throw new StoreException("Could not delete the entries in " + layout.folder() + ": " + e, e);
    }
  }

  @Override
  public void destroy() throws StoreException {
    checkOpen();
    KeyLocks.Held held = locks.hold(KeyLocks.RECORD_STRIPE);
    try {
      long recorded = CacheInfo.generation(options.fileSystem(), layout.folder());
      if (recorded != creation.value() && recorded != EntryFormat.NO_GENERATION) {
        return; // destroyed and created again by another: that cache is not this one's
      }
      CacheInfo.delete(options.fileSystem(), layout.folder()); // first: holders' writes fail
    } finally {
      held.unlock();
    }
    deleteEntries(layout);
    size();
  }

  @Override
  public String describe() {
    StringBuilder text = new StringBuilder("file(").append(layout.folder()).append(", ");
    if (!spec.isBounded() && !spec.isByteBounded()) {
      text.append("unbounded");
    } else {
      text.append(spec.isBounded() ? spec.maxEntries() + " entries" : "");
      text.append(spec.isBounded() && spec.isByteBounded() ? " or " : "");
      text.append(spec.isByteBounded() ? spec.maxBytes() + " bytes" : "");
    }
    if (options.compression() != Compression.NONE) {
      text.append(", ").append(options.compression().name().toLowerCase(Locale.ROOT))
          .append(" saved ").append(writer.savedBytes()).append(" bytes");
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
      creation.close();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Package-private for tests: the file in which {@code key}'s entry lives. */
  Path pathOf(K key) throws StoreException {
    return locate(key).path();
  }

  private Location locate(K key) throws StoreException {
    Objects.requireNonNull(key, "key");
    try {
      return layout.locate(serializer.toBytes(key));
    } catch (SerializationException e) {
      throw new StoreException("Could not serialize a key for the file store: " + e.getMessage(),
          e);
    }
  }

  /**
   * Deletes a corrupt file under the key's lock, unless a writer replaced it meanwhile; returns
   * what the replacement holds for the key, if anything.
   *
   * @param counted whether the lockless read counted and logged the corruption already; if not,
   *     a file still corrupt under the lock is counted here
   */
  private StoreEntry repair(Location location, boolean counted) throws StoreException {
    KeyLocks.Held held = locks.hold(location.stripe());
    try {
      Slot slot = reader.read(location.path(), location.hash());
      String corruption = slot.corruption();
      if (corruption == null && creation.isForeign(slot)) {
        creation.check("read an entry of");
        corruption = CacheGeneration.EARLIER;
      } else if (corruption == null) {
        if (!slot.belongsTo(location)) {
          return null;
        }
        try {
          return reader.toEntry(slot.decoded(), location.path());
        } catch (CorruptEntryException e) {
          // still a value that does not deserialize: delete it below
          corruption = e.getMessage();
        }
      }
      if (!counted) {
        reader.countCorrupt(location.path(), corruption);
      }
      delete(location.path(), slot);
      return null;
    } finally {
      held.unlock();
    }
  }

  /** Deletes the entry file of {@code slot}, or moves aside a non-file in its place. */
  private void delete(Path path, Slot slot) throws StoreException {
    long length = slot.length();
    if (EntryReader.NOT_A_FILE.equals(slot.corruption())) {
      writer.removeNonFile(path, () -> evictor.added(-1, -length));
    } else {
      writer.delete(path, () -> evictor.added(-1, -length));
    }
  }

  private void checkOpen() throws StoreException {
    if (closed.get()) {
      throw new StoreException("The file store in " + layout.folder() + " is closed");
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.serial.ClassNotAllowedException;
import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.RefusedReads;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads entry files without locks: a file is read whole (a slotted one, see {@link SlottedFile},
 * for its newest whole record), from {@value #MAP_THRESHOLD} bytes on
 * through a private memory mapping where the platform lets a mapped file be renamed over (POSIX),
 * and decoded by {@link EntryFormat}. A missing file is absent; a file that is not a whole, intact
 * entry, or whose value does not deserialize, is corrupt (reported, never a value); a file that
 * cannot be read is a {@link StoreException}, and stays. A value the serializer refuses (see
 * {@link RefusedReads}) is a miss, counted and logged, and its file stays too. Keeps the counts
 * of corrupt and refused files met.
 *
 * <p>Thread-safe.
 */
final class EntryReader {
  /** Entry files from this size on are read through a memory mapping (see {@link #readMapped}). */
  static final long MAP_THRESHOLD = 1L << 20;
  /**
   * The bytes a lookup reads in one go before it asks a file's size: the whole of an entry file
   * of 1 KiB values (about 1.1 KiB, or twice that slotted), so that such a read is one call
   * fewer (a {@code fstat}: about 1.5 of 9.5 µs on the test VM, see docs/performance.md).
   */
  static final int FIRST_READ = 4096;
  /** The corruption of a path that holds a folder (or other non-file) instead of an entry file. */
  static final String NOT_A_FILE = "a folder or other non-file where an entry file should be";

  // logs as the store it reads for
  private static final System.Logger LOG = System.getLogger(FileStore.class.getName());
  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
  private static final Set<OpenOption> READ_WRITE = Set.of(StandardOpenOption.READ,
      StandardOpenOption.WRITE);

  private final FileSystem fileSystem;
  private final Serializer serializer;
  private final Sealer sealer;
  private final boolean mapLargeFiles;
  private final AtomicLong corruptReads = new AtomicLong();
  private final RefusedReads refusedReads = new RefusedReads(LOG);

  /**
   * What an entry file holds: nothing, an entry (perhaps of a colliding key) or garbage; its
   * length.
   *
   * @param exists whether there is a file
   * @param decoded the entry, or null if absent or corrupt
   * @param corruption why the file is corrupt, or null
   * @param length the file's length, 0 if absent
   */
  record Slot(boolean exists, EntryFormat.Decoded decoded, String corruption, long length,
      SlottedFile.Newest slots) {
    static final Slot ABSENT = new Slot(false, null, null, 0, null);

    Slot(boolean exists, EntryFormat.Decoded decoded, String corruption, long length) {
      this(exists, decoded, corruption, length, null);
    }

    /**
     * Returns whether the file is a slotted one whose newest record is whole, so that a change
     * can write its spare slot (see {@link SlottedFile}).
     */
    boolean hasSpareSlot() {
      return slots != null && slots.found();
    }

    /**
     * Returns whether the file may have looked corrupt only because writes passed under a
     * reader without the key's lock: a slotted file whose slots were both torn.
     */
    boolean mayBeSettling() {
      return slots != null && !slots.found();
    }

    /** Returns whether the file holds the entry of the key looked up at {@code location}. */
    boolean belongsTo(FolderLayout.Location location) {
      return decoded != null && decoded.hasKey(location.key());
    }
  }

  /**
   * Creates a reader.
   *
   * @param fileSystem opens the files
   * @param serializer reads values back
   * @param sealer opens encrypted entries, or null if the store does not encrypt
   * @param mapLargeFiles whether large files may be mapped (POSIX only: elsewhere, Windows, a
   *     mapped file cannot be renamed over or deleted until unmapped)
   */
  EntryReader(FileSystem fileSystem, Serializer serializer, Sealer sealer, boolean mapLargeFiles) {
    this.fileSystem = fileSystem;
    this.serializer = serializer;
    this.sealer = sealer;
    this.mapLargeFiles = mapLargeFiles;
  }

  /** Returns how many corrupt, truncated or foreign entry files were met. */
  long corruptReads() {
    return corruptReads.get();
  }

  /** Returns how many reads met a key or value the serializer refused. */
  long refusedReads() {
    return refusedReads.count();
  }

  /**
   * Reads the entry file {@code path}, named {@code hash}.
   *
   * @throws StoreException if the file exists but cannot be read
   */
  Slot read(Path path, byte[] hash) throws StoreException {
    Slot slot = read(path, hash, /* sizeFirst= */ false);
    if (slot.corruption() != null && slot.length() < FIRST_READ
        && !NOT_A_FILE.equals(slot.corruption())) {
      // taken whole from one read shorter than its buffer: should the file system have returned
      // less than the file holds (local ones do not), reading it by its size settles it
      return read(path, hash, /* sizeFirst= */ true);
    }
    return slot;
  }

  /**
   * Reads the entry file {@code path}: with {@code sizeFirst}, by its size (a file system call
   * of its own); else with one read of up to {@value #FIRST_READ} bytes, which holds the whole of
   * most entry files and asks the size only when it fills its buffer.
   */
  private Slot read(Path path, byte[] hash, boolean sizeFirst) throws StoreException {
    byte[] file;
    try (FileChannel channel = fileSystem.open(path, READ)) {
      byte[] first = sizeFirst ? new byte[0] : new byte[FIRST_READ];
      int read = sizeFirst ? 0 : Math.max(0, channel.read(ByteBuffer.wrap(first)));
      if (read < first.length) {
        file = Arrays.copyOf(first, read);
      } else {
        long size = channel.size();
        if (mapLargeFiles && size >= MAP_THRESHOLD) {
          return readMapped(path, hash);
        }
        file = readRest(channel, size, first);
      }
    } catch (NoSuchFileException e) {
      return Slot.ABSENT;
    } catch (IOException e) {
      if (!isRegularFile(path)) {
        return new Slot(true, null, NOT_A_FILE, 0);
      }
      throw new StoreException("Could not read the cache entry file " + path + ": " + e, e);
    }
    SlottedFile.Newest slots = null;
    try {
      byte[] record = file;
      if (SlottedFile.isSlotted(file)) {
        slots = SlottedFile.newest(file);
        if (!slots.found()) {
          return new Slot(true, null, SlottedFile.NO_WHOLE_SLOT, file.length, slots);
        }
        record = SlottedFile.record(file, slots);
      }
      return new Slot(true, EntryFormat.decode(record, sealer, hash), null, file.length, slots);
    } catch (CorruptEntryException e) {
      return new Slot(true, null, e.getMessage(), file.length, null);
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
      opened = fileSystem.open(path, READ_WRITE);
    } catch (AccessDeniedException e) {
      // a file made read-only by hand: map it read-only (a ByteBuffer value is then read-only too)
      opened = fileSystem.open(path, READ);
      mode = FileChannel.MapMode.READ_ONLY;
    }
    try (FileChannel channel = opened) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        return new Slot(true, null, "longer than any entry file (" + size + " bytes)", size);
      }
      ByteBuffer mapped = channel.map(mode, 0, size);
      try {
        return new Slot(true, EntryFormat.decode(mapped, sealer, hash), null, size);
      } catch (CorruptEntryException e) {
        return new Slot(true, null, e.getMessage(), size);
      }
    }
  }

  /** Returns whether {@code path} is a regular file, or cannot be told (then it is). */
  private boolean isRegularFile(Path path) {
    try {
      return fileSystem.attributes(path).isRegularFile();
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Returns the file of {@code size} bytes whose first bytes, {@code first}, were read already
   * (the channel is past them); shorter if it ends sooner.
   */
  private static byte[] readRest(FileChannel channel, long size, byte[] first)
      throws IOException {
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("the file has " + size + " bytes, more than an entry file can have");
    }
    // an entry file never shrinks (a change writes a new one or a slot), so size >= first.length
    byte[] file = Arrays.copyOf(first, (int) Math.max(size, first.length));
    ByteBuffer buffer = ByteBuffer.wrap(file).position(first.length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        return Arrays.copyOf(file, buffer.position());
      }
    }
    return file;
  }

  /**
   * Returns the entry that {@code decoded} holds, its value read back through the serializer, or
   * null if the serializer refused the value (counted and logged: see {@link #countRefused}).
   *
   * @throws CorruptEntryException if the value does not deserialize otherwise
   */
  StoreEntry toEntry(EntryFormat.Decoded decoded, Path path) throws CorruptEntryException {
    try {
      if (decoded.valueBuffer() != null) {
        return new StoreEntry(serializer.fromOwnedBuffer(decoded.valueBuffer()),
            decoded.expiresAt());
      }
      return new StoreEntry(serializer.fromOwnedBytes(decoded.valueArray(), decoded.valueOffset(),
          decoded.valueLength()), decoded.expiresAt());
    } catch (ClassNotAllowedException e) {
      countRefused(path, e);
      return null;
    } catch (SerializationException e) {
      throw new CorruptEntryException("the value does not deserialize: " + e.getMessage());
    }
  }

  /** Counts and logs (once per file) a read that met a refused key or value; the file stays. */
  void countRefused(Path path, ClassNotAllowedException refusal) {
    refusedReads.refused(path, "The cache entry file " + path, refusal);
  }

  /**
   * Counts and logs a corrupt file that a lookup met; the caller deletes it. A non-file ({@link
   * #NOT_A_FILE}) is only counted: the caller logs where it moves it.
   */
  void countCorrupt(Path path, String reason) {
    corruptReads.incrementAndGet();
    if (NOT_A_FILE.equals(reason)) {
      return;
    }
    LOG.log(Level.WARNING,
        "Cache entry file {0} is corrupt ({1}); it is treated as a miss and deleted", path, reason);
  }

  /** Counts and logs a corrupt file that an iteration skipped. */
  void countSkipped(Path path, String reason) {
    corruptReads.incrementAndGet();
    LOG.log(Level.WARNING, "Cache entry file {0} is corrupt ({1}); skipped", path, reason);
  }

  /** Marks an entry file as just used, for eviction by recency; a file gone meanwhile is fine. */
  void touch(Path path) {
    try {
      fileSystem.setLastModifiedTime(path, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // replaced or removed meanwhile: recency is a hint only
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Set;

/**
 * The creation of its cache that a {@link FileStore} opened: the generation its folder's record
 * stated then (see {@link CacheInfo}), which every entry file the store writes carries.
 *
 * <p>Another process (or manager) may destroy the cache and create it again, with the same types
 * or others, while this store holds it open. Then:
 *
 * <ul>
 *   <li>an entry file of another generation is never read as this store's: {@link #isForeign} is
 *       a compare of a header field, so plain reads pay no extra file operation. Meeting one, the
 *       store reads the record ({@link #check}): if it states another generation, this store's
 *       cache is gone and the read fails; if it states this one, the file is a leftover of an
 *       earlier creation ({@link #EARLIER}), which is deleted like a corrupt file;</li>
 *   <li>each change reads the record's generation before it writes or deletes an entry file and
 *       again after it renamed one into place; a change that finds the record gone or of another
 *       generation fails, and one whose file landed after the cache was destroyed deletes it
 *       (it holds the key's lock, so nobody else wrote that key meanwhile). So no acknowledged
 *       write lands where no reader looks, and a stale store never replaces or deletes an entry of
 *       the new cache.</li>
 * </ul>
 *
 * <p>Thread-safe. Holds the record file it read last open until {@link #close}.
 */
final class CacheGeneration {
  /** The corruption of an entry file of an earlier creation of the cache. */
  static final String EARLIER =
      "written for an earlier creation of the cache, since destroyed (another generation)";

  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
  /** More than any record holds: a larger file is read the slow way, and found damaged there. */
  private static final long MAX_RECORD_BYTES = 1L << 20;

  private final FileSystem fileSystem;
  private final Path folder;
  private final String cacheName;
  private final long generation;
  private Seen seen; // guarded by this: the record file read last, held open

  /** Makes the creation {@code generation} of the cache {@code cacheName} in {@code folder}. */
  CacheGeneration(FileSystem fileSystem, Path folder, String cacheName, long generation) {
    this.fileSystem = fileSystem;
    this.folder = folder;
    this.cacheName = cacheName;
    this.generation = generation;
  }

  /** Returns the generation, as entry files carry it. */
  long value() {
    return generation;
  }

  /** Returns whether {@code slot} holds an entry written for another creation of the cache. */
  boolean isForeign(EntryReader.Slot slot) {
    return slot.decoded() != null && slot.decoded().isForeignTo(generation);
  }

  /**
   * Returns why {@code slot} is not an entry of this creation: its own corruption, or {@link
   * #EARLIER} for an entry of another generation while the record states this one; null if it
   * is fine. Reads the record only for an entry of another generation.
   *
   * @param what what the store was doing, for the failure
   * @throws StoreException if the record states another generation: this store's cache is gone
   */
  String corruptionOf(EntryReader.Slot slot, String what) throws StoreException {
    if (slot.corruption() != null || !isForeign(slot)) {
      return slot.corruption();
    }
    check(what);
    return EARLIER;
  }

  /**
   * Returns whether the folder's record still states this creation.
   *
   * @throws StoreException if the record exists but cannot be read
   */
  boolean isCurrent() throws StoreException {
    return recorded() == generation;
  }

  /**
   * Returns the generation the record states now. The record is only ever replaced (renamed over)
   * or deleted, never changed in place, so while the file at its path is the one read last, its
   * generation is the one read then: that costs a {@code stat} instead of a read of the file. The
   * file read last is held open, so that no other file can get its identity (device and inode)
   * meanwhile; where the platform gives files no identity (Windows), the record is read each time.
   */
  private long recorded() throws StoreException {
    Path file = folder.resolve(CacheInfo.FILE_NAME);
    BasicFileAttributes before;
    try {
      before = fileSystem.attributes(file);
    } catch (NoSuchFileException e) {
      forget();
      return EntryFormat.NO_GENERATION;
    } catch (IOException e) {
      return CacheInfo.generation(fileSystem, folder);
    }
    synchronized (this) {
      if (seen != null && seen.isFileOf(before)) {
        return seen.generation();
      }
    }
    if (before.fileKey() == null || !before.isRegularFile()) {
      return CacheInfo.generation(fileSystem, folder);
    }
    FileChannel channel;
    try {
      channel = fileSystem.open(file, READ);
    } catch (NoSuchFileException e) {
      forget();
      return EntryFormat.NO_GENERATION;
    } catch (IOException e) {
      return CacheInfo.generation(fileSystem, folder);
    }
    boolean kept = false;
    try {
      long recorded = CacheInfo.generationOf(readAll(channel));
      BasicFileAttributes after = fileSystem.attributes(file);
      if (new Seen(before, recorded, channel).isFileOf(after)) {
        // the path named one file before the open and after the read: the one opened
        hold(new Seen(after, recorded, channel));
        kept = true;
      }
      return recorded;
    } catch (NoSuchFileException e) {
      return EntryFormat.NO_GENERATION;
    } catch (IOException e) {
      return CacheInfo.generation(fileSystem, folder);
    } finally {
      if (!kept) {
        closeQuietly(channel);
      }
    }
  }

  private static byte[] readAll(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size > MAX_RECORD_BYTES) {
      throw new IOException("a cache record of " + size + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // reads the file, or as much as it has
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  /** Holds {@code now} (null: nothing) as the record read last, closing the one held before. */
  private void hold(Seen now) {
    Seen earlier;
    synchronized (this) {
      earlier = seen;
      seen = now;
    }
    if (earlier != null) {
      closeQuietly(earlier.held());
    }
  }

  private void forget() {
    hold(null);
  }

  /** Lets go of the record held open; a later check reads it again. */
  void close() {
    forget();
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // a read-only channel: nothing was written that could be lost
    }
  }

  /**
   * The record file read last: its identity, time and size, the generation it states, and the
   * channel that holds it open.
   */
  private record Seen(Object fileKey, FileTime modified, long size, long generation,
      FileChannel held) {
    Seen(BasicFileAttributes attributes, long generation, FileChannel held) {
      this(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), generation,
          held);
    }

    boolean isFileOf(BasicFileAttributes now) {
      return fileKey != null && fileKey.equals(now.fileKey())
          && modified.equals(now.lastModifiedTime()) && size == now.size();
    }
  }

  /**
   * Fails unless the folder's record still states this creation.
   *
   * @param what what the store was about to do, e.g. "write an entry of"
   * @throws StoreException if the cache was destroyed (and perhaps created again) meanwhile
   */
  void check(String what) throws StoreException {
    if (!isCurrent()) {
      throw destroyed(what);
    }
  }

  /** Returns the failure of a store whose cache was destroyed while it held it open. */
  StoreException destroyed(String what) {
    return new StoreException("Could not " + what + " the cache \"" + cacheName + "\" in "
        + folder + ": the cache was destroyed (by another process or cache manager) while this "
        + "one held it open, and perhaps created again, so what this one writes would be read "
        + "by nobody, and what it reads may be of other types; close the cache and get it again "
        + "(CacheManager.getCache or createCache)");
  }
}

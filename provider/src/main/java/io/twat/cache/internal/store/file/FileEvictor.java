/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps a file store within {@code maxEntries} and {@code maxBytes} (sizes of the entry files).
 * It keeps running counts of the entries and their bytes: what the opening scan finds plus the
 * store's own writes and removals. The counts are estimates while other processes write to the
 * same folder or while the opening scan runs (an entry written meanwhile may be counted twice); an
 * overestimate only brings the exact recount forward. Once a count passes its bound, it lists the
 * folder with each file's modification time and size, recounts exactly, and deletes the least
 * recently used files (a read of a bounded store refreshes the time), each under its key's lock
 * and only if it was not used or replaced since it was listed, until both counts are below about
 * 90% of their bounds; it reports how many to the
 * {@link io.twat.cache.internal.store.StoreListener}.
 *
 * <p>Thread-safe: one eviction runs at a time; a thread that finds one running returns at once.
 */
final class FileEvictor {
  // logs as the store it bounds
  private static final System.Logger LOG = System.getLogger(FileStore.class.getName());

  private final FolderLayout layout;
  private final FileSystem fileSystem;
  private final StoreSpec spec;
  private final KeyLocks locks;
  private final Serializer serializer;
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicBoolean evicting = new AtomicBoolean();

  /** A file that may be evicted, with the modification time and size it had when listed. */
  private record Candidate(Path path, long modified, long size) {
  }

  /**
   * Creates an evictor with counts of zero.
   *
   * @param layout the files to count and evict
   * @param spec the bounds and the listener
   * @param locks the store's key locks, held while a file is evicted
   * @param serializer the store's, to tell the listener which keys' files were evicted
   */
  FileEvictor(FolderLayout layout, StoreSpec spec, KeyLocks locks, Serializer serializer) {
    this.layout = layout;
    this.fileSystem = layout.fileSystem();
    this.spec = spec;
    this.locks = locks;
    this.serializer = serializer;
  }

  /** Adds to the counts (negative numbers for removals). */
  void added(long entries, long entryBytes) {
    count.addAndGet(entries);
    bytes.addAndGet(entryBytes);
  }

  /** Sets the entry count after an exact count; no entries means no bytes either. */
  void recounted(long entries) {
    count.set(entries);
    if (entries == 0) {
      bytes.set(0);
    }
  }

  /** Returns the bytes the entry files take, as counted. */
  long bytes() {
    return bytes.get();
  }

  /** Returns whether a count is past its bound. */
  boolean overBound() {
    return (spec.isBounded() && count.get() > spec.maxEntries())
        || (spec.isByteBounded() && bytes.get() > spec.maxBytes());
  }

  /**
   * Evicts if a count is past its bound, after a change that added an entry or bytes; a failure
   * is logged, since the change itself succeeded and the next one tries again.
   */
  void afterGrowth() {
    if (!overBound()) {
      return;
    }
    try {
      evict();
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "Could not evict entries from {0}: {1}", layout.folder(),
          e.getMessage());
    }
  }

  private void evict() throws StoreException {
    if (!evicting.compareAndSet(false, true)) {
      return;
    }
    int evicted = 0;
    Set<Path> gone = new HashSet<>();
    try {
      List<Candidate> candidates = new ArrayList<>();
      long total = 0;
      for (Path subfolder : layout.subfolders()) {
        for (Path file : layout.entryFiles(subfolder)) {
          try {
            BasicFileAttributes attributes = fileSystem.attributes(file);
            if (!attributes.isRegularFile()) {
              continue; // a folder in an entry's place: its key's next use moves it aside
            }
            candidates.add(new Candidate(file, attributes.lastModifiedTime().toMillis(),
                attributes.size()));
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
      for (int i = 0; i < candidates.size() && (entries > entriesTarget || total > bytesTarget);
          i++) {
        Candidate candidate = candidates.get(i);
        if (evictOne(candidate)) {
          evicted++;
          gone.add(candidate.path);
        }
        entries--;
        total -= candidate.size;
      }
    } catch (IOException e) {
      throw new StoreException("Could not evict entries from " + layout.folder() + ": " + e, e);
    } finally {
      evicting.set(false);
      if (evicted > 0) {
        spec.listener().onEvicted(evicted, key -> gone.contains(pathOf(key)));
      }
    }
  }

  /** Deletes a listed file under its key's lock, unless it was used or replaced since listed. */
  private boolean evictOne(Candidate candidate) throws StoreException, IOException {
    KeyLocks.Held held = locks.hold(FolderLayout.stripeOf(candidate.path));
    try {
      long modified = fileSystem.attributes(candidate.path).lastModifiedTime().toMillis();
      if (modified != candidate.modified) {
        return false;
      }
      if (fileSystem.deleteIfExists(candidate.path)) {
        added(-1, -candidate.size);
        return true;
      }
      return false;
    } catch (NoSuchFileException e) {
      return false;
    } finally {
      held.unlock();
    }
  }

  /** Returns the path of {@code key}'s entry file, or null if it cannot be a key of the store. */
  private Path pathOf(Object key) {
    try {
      return layout.locate(serializer.toBytes(key)).path();
    } catch (SerializationException e) {
      return null;
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.serial.ClassNotAllowedException;
import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Walks a file store's entries one subfolder listing at a time, without locks: it sees each entry
 * as it was when read, skips files that vanish meanwhile, skips (counts and logs) corrupt files,
 * those whose key or value does not deserialize, and those whose key or value the serializer
 * refuses (counted apart, see {@link EntryReader#countRefused}), skips entries of another
 * creation of the cache (see {@link CacheGeneration}), and skips subfolders that cannot be listed
 * (logged). It deletes nothing: that needs the key's lock.
 *
 * <p>Not thread-safe: one iterator per thread.
 *
 * @param <K> the type of keys
 */
final class EntryIterator<K> implements Iterator<Map.Entry<K, StoreEntry>> {
  // logs as the store it iterates
  /** How often a slotted file that looked torn in both slots is read again before skipping. */
  private static final int SETTLE_READS = 3;
  private static final System.Logger LOG = System.getLogger(FileStore.class.getName());

  private final FolderLayout layout;
  private final EntryReader reader;
  private final Serializer serializer;
  private final Iterator<Path> subfolders;
  private final CacheGeneration creation;
  private Iterator<Path> files = List.<Path>of().iterator();
  private Map.Entry<K, StoreEntry> next;

  /**
   * Creates an iterator over the entries in {@code subfolders}.
   *
   * @param layout lists the subfolders' entry files
   * @param reader reads them
   * @param serializer reads the keys back
   * @param subfolders the subfolders to walk, listed when the iteration starts
   * @param creation tells the entries of the store's creation of the cache from others'
   */
  EntryIterator(FolderLayout layout, EntryReader reader, Serializer serializer,
      List<Path> subfolders, CacheGeneration creation) {
    this.layout = layout;
    this.creation = creation;
    this.reader = reader;
    this.serializer = serializer;
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
          files = layout.entryFiles(subfolders.next()).iterator();
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
      byte[] hash = FolderLayout.hashOf(path);
      EntryReader.Slot slot = reader.read(path, hash);
      for (int again = 0; again < SETTLE_READS && slot.mayBeSettling(); again++) {
        // changes passing under this lockless read tore both slots it saw: read again
        slot = reader.read(path, hash);
      }
      if (slot.corruption() != null) {
        reader.countSkipped(path, slot.corruption());
        return null;
      }
      if (slot.decoded() == null || creation.isForeign(slot)) {
        // another creation's entry: never this cache's (a later one's, or a leftover)
        return null;
      }
      EntryFormat.Decoded decoded = slot.decoded();
      K key = (K) serializer.fromBytes(decoded.keyArray(), decoded.keyOffset(),
          decoded.keyLength());
      StoreEntry entry = reader.toEntry(decoded, path);
      return entry == null ? null : new AbstractMap.SimpleImmutableEntry<>(key, entry);
    } catch (ClassNotAllowedException e) {
      reader.countRefused(path, e);
      return null;
    } catch (SerializationException e) {
      reader.countSkipped(path, "the key does not deserialize: " + e.getMessage());
      return null;
    } catch (CorruptEntryException e) {
      reader.countSkipped(path, e.getMessage());
      return null;
    } catch (StoreException e) {
      LOG.log(Level.WARNING, "Skipping cache entry file {0}: {1}", path, e.getMessage());
      return null;
    }
  }
}

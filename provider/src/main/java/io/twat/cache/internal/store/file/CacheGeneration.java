/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.StoreException;
import java.nio.file.Path;

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
 * <p>Immutable and thread-safe.
 */
final class CacheGeneration {
  /** The corruption of an entry file of an earlier creation of the cache. */
  static final String EARLIER =
      "written for an earlier creation of the cache, since destroyed (another generation)";

  private final FileSystem fileSystem;
  private final Path folder;
  private final String cacheName;
  private final long generation;

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
    return CacheInfo.generation(fileSystem, folder) == generation;
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

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.serial.SerializationException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes and deletes entry files so that a crash or a failure at any moment leaves the old entry
 * or the new one, never a mix: a change of an entry whose file is slotted and has room writes its
 * record into the file's spare slot (see {@link SlottedFile}); any other change writes the whole
 * file (slotted for records up to {@link SlottedFile#MAX_RECORD} bytes) to a temporary file in
 * the entry's subfolder (created private), then renames it over the entry in one step. With
 * {@code fsync} the slot, or the temporary file before the rename and the subfolder after it (and
 * the store's folder after a subfolder is made), is forced to the device, so the change survives
 * a power loss. A write that fails deletes its temporary file (a slot it tore is not whole, so the
 * other slot's record stays the newest) and leaves the entry as it was; the failure is a
 * {@link StoreException} saying what to check.
 *
 * <p>Callers hold the key's lock. Thread-safe.
 */
final class EntryWriter {
  // logs as the store it writes for
  private static final System.Logger LOG = System.getLogger(FileStore.class.getName());
  private static final Set<OpenOption> WRITE = Set.of(StandardOpenOption.WRITE);

  private final FolderLayout layout;
  private final FileSystem fileSystem;
  private final Serializer serializer;
  private final FileStore.Options options;
  private final FileAttribute<?>[] fileAttributes;
  private final FileAttribute<?>[] folderAttributes;
  private final long generation;
  private final long pid = ProcessHandle.current().pid();
  private final AtomicLong tempSequence = new AtomicLong();
  private final AtomicLong savedBytes = new AtomicLong();

  /**
   * Creates a writer.
   *
   * @param layout where the files go
   * @param serializer turns values into bytes
   * @param options fsync, compression, encryption and the file system
   * @param fileAttributes to create files with (private)
   * @param folderAttributes to create subfolders with (private)
   * @param generation the creation of the cache that every entry file is written for
   */
  EntryWriter(FolderLayout layout, Serializer serializer, FileStore.Options options,
      FileAttribute<?>[] fileAttributes, FileAttribute<?>[] folderAttributes, long generation) {
    this.layout = layout;
    this.fileSystem = options.fileSystem();
    this.serializer = serializer;
    this.options = options;
    this.fileAttributes = fileAttributes.clone();
    this.folderAttributes = folderAttributes.clone();
    this.generation = generation;
  }

  /** Returns the bytes that compression saved on the writes since the store opened. */
  long savedBytes() {
    return savedBytes.get();
  }

  /**
   * Writes the entry file of {@code location}, whose file {@code current} holds (read under the
   * key's lock).
   *
   * @return the file's length
   * @throws StoreException if the value cannot be serialized or the file cannot be written; the
   *     entry is then as it was and no temporary file is left
   */
  long write(FolderLayout.Location location, StoreEntry entry, EntryReader.Slot current)
      throws StoreException {
    ByteBuffer[] parts = encode(location, entry);
    long length = 0;
    for (ByteBuffer part : parts) {
      length += part.remaining();
    }
    if (SlottedFile.fits(length)) {
      if (current.hasSpareSlot()
          && length <= current.slots().slotSize() - SlottedFile.SLOT_HEADER) {
        long written = writeSpareSlot(location.path(), parts, current);
        if (written > 0) {
          return written;
        }
      }
      parts = SlottedFile.newFile(parts);
      length += SlottedFile.FILE_HEADER + SlottedFile.SLOT_HEADER;
    }
    Path subfolder = location.path().getParent();
    Path temp = FolderLayout.tempFile(location, pid, tempSequence.incrementAndGet());
    try {
      if (!fileSystem.isDirectory(subfolder)) {
        fileSystem.createDirectories(subfolder, folderAttributes);
        if (options.fsync()) {
          fileSystem.forceFolder(layout.folder());
        }
      }
      fileSystem.writeNew(temp, parts, options.fsync(), fileAttributes);
      fileSystem.moveAtomically(temp, location.path());
      if (options.fsync()) {
        fileSystem.forceFolder(subfolder);
      }
      return length;
    } catch (AtomicMoveNotSupportedException e) {
      deleteQuietly(fileSystem, temp);
      throw new StoreException("The file system of " + layout.folder() + " cannot rename files "
          + "atomically, which the file store needs to be crash-safe; choose a folder on a local "
          + "file system", e);
    } catch (IOException e) {
      deleteQuietly(fileSystem, temp);
      throw new StoreException("Could not write the cache entry file " + location.path() + ": " + e
          + "; check free space and permissions", e);
    }
  }

  /**
   * Writes {@code record} into the spare slot of the slotted file at {@code path}, which {@code
   * current} read under the key's lock, with the next sequence number, in one positioned write
   * (forced to the device with {@code fsync}); returns the file's length afterwards, or 0 if the
   * file is gone (the caller then writes a new one).
   */
  private long writeSpareSlot(Path path, ByteBuffer[] record, EntryReader.Slot current)
      throws StoreException {
    SlottedFile.Newest slots = current.slots();
    ByteBuffer slot = SlottedFile.slot(slots.sequence() + 1, record);
    long position = SlottedFile.slotOffset(slots.slotSize(), slots.spare());
    long end = position + slot.remaining();
    try (FileChannel channel = fileSystem.open(path, WRITE)) {
      while (slot.hasRemaining()) {
        channel.write(slot, position + slot.position());
      }
      if (options.fsync()) {
        force(channel, path, position);
      }
      return Math.max(current.length(), end);
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new StoreException("Could not write the cache entry file " + path + ": " + e
          + "; check free space and permissions (the entry holds its earlier value)", e);
    }
  }

  /**
   * Forces the slot just written at {@code position} to the device; if that fails, the change
   * failed, so the slot is torn again (its header zeroed: not whole) and the earlier record stays
   * the newest, as the caller is told.
   */
  private static void force(FileChannel channel, Path path, long position)
      throws IOException, StoreException {
    try {
      channel.force(/* metaData= */ false);
    } catch (IOException e) {
      ByteBuffer torn = ByteBuffer.allocate(SlottedFile.SLOT_HEADER);
      try {
        while (torn.hasRemaining()) {
          channel.write(torn, position + torn.position());
        }
      } catch (IOException again) {
        e.addSuppressed(again);
        throw new StoreException("Could not write the cache entry file " + path + ": " + e
            + "; check free space and permissions (the entry may hold its new value, which may "
            + "not survive a power loss)", e);
      }
      throw e;
    }
  }

  /**
   * Returns the entry file of {@code entry} in parts: a plain, uncompressed one without copying a
   * raw value (the parts are written with one gathering write); a compressed or encrypted one
   * whole.
   */
  private ByteBuffer[] encode(FolderLayout.Location location, StoreEntry entry)
      throws StoreException {
    try {
      if (options.sealer() == null) {
        ByteBuffer[] value = serializer.toBuffers(entry.value());
        long size = 0;
        for (ByteBuffer part : value) {
          size += part.remaining();
        }
        if (options.compression() == Compression.NONE || size < options.compressThreshold()) {
          return EntryFormat.encodePlain(location.key(), value, entry.expiresAt(), generation);
        }
      }
      byte[] record = EntryFormat.encode(location.key(), serializer.toBytes(entry.value()),
          entry.expiresAt(), options.compression(), options.compressThreshold(), options.sealer(),
          location.hash(), generation);
      if (options.compression() != Compression.NONE) {
        savedBytes.addAndGet(EntryFormat.savedBytes(record));
      }
      return new ByteBuffer[] {ByteBuffer.wrap(record)};
    } catch (SerializationException e) {
      throw new StoreException("Could not serialize a value for the file store: " + e.getMessage(),
          e);
    } catch (IllegalArgumentException e) {
      throw new StoreException("Could not store a value in the file store: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes an entry file if it exists, running {@code deleted} once it is gone (and, with
   * {@code fsync}, before its subfolder is forced).
   *
   * @throws StoreException if the file cannot be deleted, or the deletion forced
   */
  void delete(Path path, Runnable deleted) throws StoreException {
    try {
      if (fileSystem.deleteIfExists(path)) {
        deleted.run();
        if (options.fsync()) {
          fileSystem.forceFolder(path.getParent());
        }
      }
    } catch (IOException e) {
      throw new StoreException("Could not delete the cache entry file " + path + ": " + e, e);
    }
  }

  /**
   * Removes what stands at an entry's path in place of an entry file (see {@link
   * EntryReader#NOT_A_FILE}), so that the key is a miss and can be written: an empty folder is
   * deleted, anything else is renamed to {@code NAME.PID.N.quarantined} beside it (never counted
   * or read as an entry), with one WARNING either way; runs {@code removed} once it is gone.
   *
   * @throws StoreException if it can be neither deleted nor moved aside
   */
  void removeNonFile(Path path, Runnable removed) throws StoreException {
    Path aside = path.resolveSibling(path.getFileName() + "." + pid + "."
        + tempSequence.incrementAndGet() + ".quarantined");
    try {
      try {
        if (!fileSystem.deleteIfExists(path)) {
          return;
        }
        LOG.log(Level.WARNING, "Cache entry path {0} held an empty folder instead of an entry "
            + "file; deleted it, and the key is a miss until written again", path);
      } catch (DirectoryNotEmptyException e) {
        fileSystem.moveAtomically(path, aside);
        LOG.log(Level.WARNING, "Cache entry path {0} held a folder instead of an entry file; moved "
            + "it aside to {1} (delete it once you have looked), and the key is a miss until "
            + "written again", path, aside);
      }
      removed.run();
    } catch (NoSuchFileException e) {
      // removed meanwhile
    } catch (IOException e) {
      throw new StoreException("Cache entry path " + path + " holds a folder or other non-file "
          + "instead of an entry file, and it could not be removed or moved aside: " + e
          + "; remove it by hand", e);
    }
  }

  /** Deletes a temporary file, logging (not throwing) a failure. */
  static void deleteQuietly(FileSystem fileSystem, Path path) {
    try {
      fileSystem.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not delete temporary file {0}: {1}", path, e);
    }
  }
}

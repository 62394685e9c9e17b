/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.Set;

/**
 * The file operations of the disk stores, in one place so that a test can make any of them fail
 * (a full disk, a failed write, rename or fsync) and check that no entry is lost or torn. The
 * stores take the file system they use from their options; {@link #system()} performs the
 * operations with {@code java.nio.file} on the paths' own file system.
 *
 * <p>Contract: each method does what the {@link java.nio.file.Files} or {@link FileChannel} method
 * it names does, with the same exceptions ({@link java.nio.file.NoSuchFileException} for a missing
 * file, {@link java.nio.file.AtomicMoveNotSupportedException} for a move that cannot be atomic, and
 * so on), so that callers handle a fault alike whichever implementation they are given. A channel
 * that {@link #open} returns may fail its own writes, reads and {@code force} calls.
 *
 * <p>Implementations are thread-safe.
 */
public interface FileSystem {
  /**
   * Returns the operations as {@code java.nio.file} performs them.
   *
   * @return the one system file system
   */
  static FileSystem system() {
    return SystemFileSystem.INSTANCE;
  }

  /** Opens a channel, as {@link FileChannel#open(Path, Set, FileAttribute[])}. */
  FileChannel open(Path file, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
      throws IOException;

  /**
   * Renames {@code source} to {@code target} in one step, replacing {@code target} if it exists
   * (POSIX {@code rename(2)}): {@link java.nio.file.Files#move} with {@code ATOMIC_MOVE}.
   *
   * @throws java.nio.file.AtomicMoveNotSupportedException if the file system cannot do it
   *     atomically
   */
  void moveAtomically(Path source, Path target) throws IOException;

  /**
   * Forces the entries of {@code folder} (names created, renamed or deleted in it) to the device,
   * so that they survive a power loss; does nothing where folders cannot be forced (Windows).
   */
  void forceFolder(Path folder) throws IOException;

  /** Deletes a file or an empty folder if it exists: {@link java.nio.file.Files#deleteIfExists}. */
  boolean deleteIfExists(Path path) throws IOException;

  /** Lists a folder, as {@link java.nio.file.Files#newDirectoryStream(Path)}; close the stream. */
  DirectoryStream<Path> list(Path folder) throws IOException;

  /** Creates a folder and its missing parents, as {@link java.nio.file.Files#createDirectories}. */
  void createDirectories(Path folder, FileAttribute<?>... attributes) throws IOException;

  /** Returns whether {@code path} exists, as {@link java.nio.file.Files#exists}. */
  boolean exists(Path path);

  /** Returns whether {@code path} is a folder, as {@link java.nio.file.Files#isDirectory}. */
  boolean isDirectory(Path path);

  /** Returns the size of a file in bytes, as {@link java.nio.file.Files#size}. */
  long size(Path file) throws IOException;

  /** Returns a file's size and times, as {@link java.nio.file.Files#readAttributes}. */
  BasicFileAttributes attributes(Path path) throws IOException;

  /** Sets a file's modification time, as {@link java.nio.file.Files#setLastModifiedTime}. */
  void setLastModifiedTime(Path path, FileTime time) throws IOException;

  /**
   * Creates {@code file}, which must not exist yet, with {@code attributes}, writes {@code parts}
   * to it one after the other (a gathering write, their positions move to their limits) and, if
   * {@code force}, forces its content to the device before closing it. On failure the file may
   * exist with part of the bytes: the caller deletes it.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code file} exists
   */
  default void writeNew(Path file, ByteBuffer[] parts, boolean force,
      FileAttribute<?>... attributes) throws IOException {
    long total = 0;
    for (ByteBuffer part : parts) {
      total += part.remaining();
    }
    try (FileChannel channel = open(file,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
      long written = 0;
      while (written < total) {
        written += channel.write(parts);
      }
      if (force) {
        channel.force(/* metaData= */ false);
      }
    }
  }

  /** Returns the bytes of a small file, as {@link java.nio.file.Files#readAllBytes}. */
  default byte[] readAllBytes(Path file) throws IOException {
    try (FileChannel channel = open(file, Set.of(StandardOpenOption.READ))) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new IOException(file + " has " + size + " bytes, too many to read into memory");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // reads until full or at the end
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.io.FileSystem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Where a file store keeps what, in its folder:
 * <pre>
 *   folder/.lock                          the lock file (see KeyLocks)
 *   folder/.cache-info                    the cache record (see CacheInfo)
 *   folder/ab/abcdef...(64 hex digits)    one entry: the SHA-256 of the serialized key, in hex
 *   folder/ab/abcdef....PID.N.tmp         an entry being written by process PID
 * </pre>
 * Entries are spread over up to 256 subfolders by the first two hex digits of their name; the
 * stripe of a key (for locking) is the first two bytes of its hash modulo
 * {@value KeyLocks#STRIPES}. Anything else in the folders is ignored and never counted.
 *
 * <p>Immutable and thread-safe; the listings see the folder as it is when they run.
 */
final class FolderLayout {
  /** The lock file's name in the folder. */
  static final String LOCK_FILE = ".lock";
  /** How the name of a temporary file ends. */
  static final String TEMP_SUFFIX = ".tmp";
  private static final int NAME_LENGTH = 64;
  private static final HexFormat HEX = HexFormat.of();

  private final Path folder;
  private final FileSystem fileSystem;

  /**
   * Where a key lives.
   *
   * @param key the serialized key
   * @param hash its SHA-256, the entry's name in bytes
   * @param name the hash in lower-case hex
   * @param path the entry file
   * @param stripe the key's lock stripe
   */
  @SuppressWarnings("ArrayRecordComponent") // a carrier of one key's paths, never compared
  record Location(byte[] key, byte[] hash, String name, Path path, int stripe) {
  }

  /**
   * Creates the layout of {@code folder}.
   *
   * @param folder the store's folder
   * @param fileSystem lists and deletes its files
   */
  FolderLayout(Path folder, FileSystem fileSystem) {
    this.folder = folder;
    this.fileSystem = fileSystem;
  }

  /** Returns the store's folder. */
  Path folder() {
    return folder;
  }

  /** Returns the file system the layout lists and deletes through. */
  FileSystem fileSystem() {
    return fileSystem;
  }

  /** Returns the lock file. */
  Path lockFile() {
    return folder.resolve(LOCK_FILE);
  }

  /** Returns where the key whose serialized bytes are {@code key} lives. */
  Location locate(byte[] key) {
    byte[] hash = sha256(key);
    String name = HEX.formatHex(hash);
    return new Location(key, hash, name, folder.resolve(name.substring(0, 2)).resolve(name),
        KeyLocks.stripeOf(hash[0], hash[1]));
  }

  /** Returns a temporary file for a new version of {@code location}'s entry, unique per process. */
  static Path tempFile(Location location, long pid, long sequence) {
    return location.path().resolveSibling(
        location.name() + "." + pid + "." + sequence + TEMP_SUFFIX);
  }

  /** Returns the hash that an entry file is named by. */
  static byte[] hashOf(Path entryFile) {
    return HEX.parseHex(entryFile.getFileName().toString());
  }

  /** Returns the lock stripe of the key whose entry file is {@code entryFile}. */
  static int stripeOf(Path entryFile) {
    byte[] prefix = HEX.parseHex(entryFile.getFileName().toString(), 0, 4);
    return KeyLocks.stripeOf(prefix[0], prefix[1]);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  /** Returns the subfolders that may hold entries, in order of their names. */
  List<Path> subfolders() throws IOException {
    List<Path> subfolders = new ArrayList<>();
    try (DirectoryStream<Path> stream = fileSystem.list(folder)) {
      for (Path path : stream) {
        String name = path.getFileName().toString();
        if (name.length() == 2 && isHex(name) && fileSystem.isDirectory(path)) {
          subfolders.add(path);
        }
      }
    }
    subfolders.sort(Comparator.naturalOrder());
    return subfolders;
  }

  /** Returns the entry files in {@code subfolder}; none if it was removed meanwhile. */
  List<Path> entryFiles(Path subfolder) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = fileSystem.list(subfolder)) {
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

  /** Returns whether the folder holds at least one entry, stopping at the first. */
  boolean hasEntries() throws IOException {
    for (Path subfolder : subfolders()) {
      try (DirectoryStream<Path> stream = fileSystem.list(subfolder)) {
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

  /** Deletes every entry file (without taking locks); leaves everything else. */
  void deleteEntries() throws IOException {
    for (Path subfolder : subfolders()) {
      for (Path file : entryFiles(subfolder)) {
        fileSystem.deleteIfExists(file);
      }
    }
  }

  /** Returns whether {@code name} is the name of an entry file. */
  static boolean isEntryName(String name) {
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
}

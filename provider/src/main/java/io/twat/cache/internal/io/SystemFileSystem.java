/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.Set;

/**
 * {@link FileSystem#system()}: each operation is the {@code java.nio.file} call its contract names,
 * on the paths' own file system, with nothing added. Stateless and thread-safe.
 */
final class SystemFileSystem implements FileSystem {
  /** The one instance, {@link FileSystem#system()}. */
  static final SystemFileSystem INSTANCE = new SystemFileSystem();

  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);

  private SystemFileSystem() {
  }

  @Override
  public FileChannel open(Path file, Set<? extends OpenOption> options,
      FileAttribute<?>... attributes) throws IOException {
    return FileChannel.open(file, options, attributes);
  }

  @Override
  public void moveAtomically(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void forceFolder(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, READ)) {
      channel.force(/* metaData= */ true);
    } catch (IOException e) {
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        throw e;
      }
    }
  }

  @Override
  public boolean deleteIfExists(Path path) throws IOException {
    return Files.deleteIfExists(path);
  }

  @Override
  @SuppressWarnings("StreamResourceLeak") // the caller closes the stream, as the contract says
  public DirectoryStream<Path> list(Path folder) throws IOException {
    return Files.newDirectoryStream(folder);
  }

  @Override
  public void createDirectories(Path folder, FileAttribute<?>... attributes) throws IOException {
    Files.createDirectories(folder, attributes);
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path);
  }

  @Override
  public boolean isDirectory(Path path) {
    return Files.isDirectory(path);
  }

  @Override
  public long size(Path file) throws IOException {
    return Files.size(file);
  }

  @Override
  public BasicFileAttributes attributes(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class);
  }

  @Override
  public void setLastModifiedTime(Path path, FileTime time) throws IOException {
    Files.setLastModifiedTime(path, time);
  }

  @Override
  public String toString() {
    return "FileSystem.system()";
  }
}

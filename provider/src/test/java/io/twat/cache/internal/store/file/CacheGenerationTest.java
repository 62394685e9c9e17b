/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's creation notices every change of its folder's record: deleted, replaced by a record
 * of another generation (even one of the same size and modification time, which only the file's
 * identity tells apart), or replaced by a record of its own generation again; and it reads the
 * record again only when the file at its path changed.
 */
class CacheGenerationTest {
  private static final long MINE = 0x1234_5678_9abc_def0L;
  private static final long OTHER = 0x1234_5678_9abc_def1L;
  private static final PersistedCache CACHE =
      new PersistedCache("c", "java.lang.String", "java.lang.String");
  private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

  @TempDir
  Path folder;

  private CacheGeneration creation;

  @AfterEach
  void close() {
    if (creation != null) {
      creation.close();
    }
  }

  private void record(long generation) throws StoreException {
    CacheInfo.write(FileSystem.system(), folder, CACHE, generation, NONE);
  }

  private Path recordFile() {
    return folder.resolve(CacheInfo.FILE_NAME);
  }

  @Test
  void recordOfItsGeneration_isCurrent_untilDeleted() throws Exception {
    record(MINE);
    creation = new CacheGeneration(FileSystem.system(), folder, "c", MINE);
    assertTrue(creation.isCurrent());
    assertTrue(creation.isCurrent(), "and again, from the file read last");

    Files.delete(recordFile());
    assertFalse(creation.isCurrent());
    StoreException e = assertThrows(StoreException.class, () -> creation.check("write"));
    assertTrue(e.getMessage().contains("was destroyed"), e.getMessage());
  }

  @Test
  void recordReplacedByAnotherGeneration_ofTheSameSizeAndTime_isNoticed() throws Exception {
    record(MINE);
    creation = new CacheGeneration(FileSystem.system(), folder, "c", MINE);
    assertTrue(creation.isCurrent());
    FileTime time = Files.getLastModifiedTime(recordFile());
    long size = Files.size(recordFile());

    record(OTHER);
    Files.setLastModifiedTime(recordFile(), time);
    assertEquals(size, Files.size(recordFile()), "the records differ in one digit only");
    assertFalse(creation.isCurrent());

    record(MINE);
    assertTrue(creation.isCurrent(), "a record of its own generation again");
  }

  @Test
  void recordIsReadAgain_onlyWhenTheFileAtItsPathChanged() throws Exception {
    record(MINE);
    CountingFileSystem files = new CountingFileSystem();
    creation = new CacheGeneration(files, folder, "c", MINE);
    assertTrue(creation.isCurrent());
    int opened = files.opens;
    for (int i = 0; i < 5; i++) {
      assertTrue(creation.isCurrent());
    }
    assertEquals(opened, files.opens, "no read while the record stays the same file");

    record(MINE);
    assertTrue(creation.isCurrent());
    assertEquals(opened + 1, files.opens, "a replaced record is read once");
  }

  /** The system's file operations, counting the files opened. */
  private static final class CountingFileSystem implements FileSystem {
    private final FileSystem system = FileSystem.system();
    private int opens;

    @Override
    public FileChannel open(Path file, Set<? extends OpenOption> options,
        FileAttribute<?>... attributes) throws IOException {
      opens++;
      return system.open(file, options, attributes);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
      system.moveAtomically(source, target);
    }

    @Override
    public void forceFolder(Path folder) throws IOException {
      system.forceFolder(folder);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
      return system.deleteIfExists(path);
    }

    @Override
    public DirectoryStream<Path> list(Path folder) throws IOException {
      return system.list(folder);
    }

    @Override
    public void createDirectories(Path folder, FileAttribute<?>... attributes)
        throws IOException {
      system.createDirectories(folder, attributes);
    }

    @Override
    public boolean exists(Path path) {
      return system.exists(path);
    }

    @Override
    public boolean isDirectory(Path path) {
      return system.isDirectory(path);
    }

    @Override
    public long size(Path file) throws IOException {
      return system.size(file);
    }

    @Override
    public BasicFileAttributes attributes(Path path)
        throws IOException {
      return system.attributes(path);
    }

    @Override
    public void setLastModifiedTime(Path path, FileTime time) throws IOException {
      system.setLastModifiedTime(path, time);
    }
  }
}

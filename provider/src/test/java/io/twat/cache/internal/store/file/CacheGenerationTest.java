/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.twat.cache.testing.FaultyFileSystem.nameEndsWith;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.testing.FaultyFileSystem;
import io.twat.cache.testing.FaultyFileSystem.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
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
    FaultyFileSystem files = new FaultyFileSystem(FileSystem.system());
    creation = new CacheGeneration(files, folder, "c", MINE);
    assertTrue(creation.isCurrent());
    files.fail(Operation.OPEN, nameEndsWith(CacheInfo.FILE_NAME));
    for (int i = 0; i < 5; i++) {
      assertTrue(creation.isCurrent());
    }
    assertEquals(0, files.faultsRaised(), "no read while the record stays the same file");

    record(MINE);
    assertThrows(StoreException.class, creation::isCurrent, "a replaced record is read again");
    assertTrue(files.faultsRaised() > 0);
    files.clearFaults();
    assertTrue(creation.isCurrent());
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static io.twat.cache.internal.store.file.FaultyFileStores.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.FaultyFileSystem;
import io.twat.cache.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a lookup reads an entry file: in one read of up to {@link EntryReader#FIRST_READ} bytes
 * when the file fits in it, by the file's size when it does not, and by its size again when a
 * read returned less than the file holds, which is then no sign of damage.
 */
final class FileStoreReadsTest {
  private static final StoreSpec UNBOUNDED = TestSpecs.spec("reads");

  @TempDir
  Path temp;

  @RegisterExtension
  final FaultyFileStores stores = new FaultyFileStores();
  private final FaultyFileSystem files = stores.files();
  private final LogCapture log = stores.log();

  private FileStore<String> open() throws StoreException {
    return stores.open(temp.resolve("cache"), UNBOUNDED, FileStore.Options.defaults());
  }

  /** A value of {@code size} bytes that differs from the values of every other size. */
  private static byte[] value(int size) {
    byte[] value = new byte[size];
    for (int i = 0; i < size; i++) {
      value[i] = (byte) (i * 31 + size);
    }
    return value;
  }

  @Test
  void entryFilesOfEveryLengthAroundOneRead_readBackWhole() throws Exception {
    FileStore<String> store = open();
    TreeSet<Long> lengths = new TreeSet<>();
    for (int size = EntryReader.FIRST_READ - 160; size <= EntryReader.FIRST_READ + 40; size++) {
      String key = "k" + size;
      put(store, key, value(size)); // a new file, one slot written
      lengths.add(Files.size(store.pathOf(key)));
      assertArrayEquals(value(size), (byte[]) store.get(key).value(), "a new file, " + size);
      put(store, "same", value(size)); // the spare slot, or a new file when it outgrows its slot
      lengths.add(Files.size(store.pathOf("same")));
      assertArrayEquals(value(size), (byte[]) store.get("same").value(), "overwritten, " + size);
    }
    long first = EntryReader.FIRST_READ;
    assertTrue(lengths.containsAll(List.of(first - 1, first, first + 1)),
        "files one byte shorter than the first read, as long and one byte longer: " + lengths);
    assertEquals(0, store.corruptReads());
  }

  @Test
  void aReadThatReturnsLessThanTheFileHolds_isReadAgainBySize_notTakenForDamage()
      throws Exception {
    FileStore<String> store = open();
    put(store, "new", value(700)); // a new file
    put(store, "changed", value(600));
    put(store, "changed", value(500)); // both slots written
    for (String key : List.of("new", "changed")) {
      Path file = store.pathOf(key);
      byte[] before = Files.readAllBytes(file);
      files.shortReads(path -> path.equals(file), 100);

      int size = key.equals("new") ? 700 : 500;
      assertArrayEquals(value(size), (byte[]) store.get(key).value(), key);
      assertArrayEquals(before, Files.readAllBytes(file), key + ": the file stays as it was");
      files.clearFaults();
    }
    assertEquals(0, store.corruptReads());
    assertEquals(List.of(), log.warnings());
  }
}

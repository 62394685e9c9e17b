/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.io.PrivateFolders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store's own behaviour: its files, corruption, collisions, crashes' leftovers,
 * permissions.
 */
final class FileStoreFilesTest {
  private static final StoreSpec UNBOUNDED = TestSpecs.spec("files");

  @TempDir
  Path temp;

  private final List<FileStore<?>> opened = new ArrayList<>();
  /** The store's warnings: the damaged files these tests make. */
  private final LogCapture log = LogCapture.of(FileStore.class.getName());

  @AfterEach
  void closeStores() {
    opened.forEach(FileStore::close);
    log.close();
    long corrupt = opened.stream().mapToLong(FileStore::corruptReads).sum();
    assertEquals(corrupt, log.warnings().stream().filter(w -> w.contains("is corrupt")).count(),
        () -> "one warning per corrupt read: " + log.warnings());
  }

  private Path folder() {
    return temp.resolve("cache");
  }

  private <K> FileStore<K> open(StoreSpec spec, FileStore.Options options) throws StoreException {
    FileStore<K> store = FileStore.open(folder(), Serializer.allowing(), spec, options);
    opened.add(store);
    OpenScans.await(store);
    return store;
  }

  private <K> FileStore<K> open() throws StoreException {
    return open(UNBOUNDED, FileStore.Options.defaults());
  }

  /** Returns the entry record (version 2) that the entry file {@code file} holds. */
  private static byte[] recordOf(Path file) throws IOException, CorruptEntryException {
    return SlottedFile.recordOf(Files.readAllBytes(file));
  }

  private static <K> void put(FileStore<K> store, K key, Object value) throws StoreException {
    StoreEntry entry = new StoreEntry(value, StoreEntry.NEVER);
    store.compute(key, (k, current) -> entry);
  }

  private List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).toList();
    }
  }

  // ---------------------------------------------------------------- layout and format

  @Test
  void entryFile_isNamedByTheKeyHash_neverTheKeyText() throws Exception {
    FileStore<String> store = open();

    put(store, "secret-user-name", "v");

    Path file = store.pathOf("secret-user-name");
    String name = file.getFileName().toString();
    assertTrue(name.matches("[0-9a-f]{64}"), name);
    assertEquals(name.substring(0, 2), file.getParent().getFileName().toString());
    assertEquals(folder(), file.getParent().getParent());
    for (Path path : filesUnder(folder())) {
      assertFalse(path.toString().contains("secret"), path.toString());
    }
  }

  @Test
  void entryFile_startsWithMagicAndVersion_andHoldsTheDeadline() throws Exception {
    FileStore<String> store = open();
    store.compute("k", (key, current) -> new StoreEntry("v", 1_700_000_000_123L));

    byte[] slotted = Files.readAllBytes(store.pathOf("k"));
    byte[] file = SlottedFile.recordOf(slotted);

    assertArrayEquals(new byte[] {'T', 'W', 'C', 'S', SlottedFile.VERSION},
        Arrays.copyOf(slotted, 5), "a small entry is a slotted file");
    assertArrayEquals(new byte[] {'T', 'W', 'C', 'F', EntryFormat.VERSION}, Arrays.copyOf(file, 5));
    assertEquals(1_700_000_000_123L, java.nio.ByteBuffer.wrap(file, 8, 8).getLong());
    assertEquals(1_700_000_000_123L, store.get("k").expiresAt());
  }

  @Test
  void reopenedStore_findsTheEntriesOnDisk() throws Exception {
    FileStore<String> first = open();
    put(first, "a", "1");
    put(first, "b", new long[] {1, 2, 3});
    first.close();

    FileStore<String> second = open();

    assertEquals(2, second.size());
    assertEquals("1", second.get("a").value());
    assertArrayEquals(new long[] {1, 2, 3}, (long[]) second.get("b").value());
  }

  @Test
  void deflate_compressesLargeValuesAndReadsThemBack() throws Exception {
    FileStore<String> store =
        open(UNBOUNDED, FileStore.Options.defaults().withCompression(Compression.DEFLATE, 1024));
    String large = "abcdefgh".repeat(10_000);

    put(store, "large", large);
    put(store, "small", "tiny");

    assertTrue(Files.size(store.pathOf("large")) < large.length() / 10, "compressed size");
    assertEquals(EntryFormat.FLAG_DEFLATE, recordOf(store.pathOf("large"))[5]);
    assertEquals(0, recordOf(store.pathOf("small"))[5], "below the threshold: not compressed");
    assertEquals(large, store.get("large").value());
    assertEquals("tiny", store.get("small").value());
  }

  @Test
  void describe_namesTheFolderAndTheBound() throws Exception {
    assertEquals("file(" + folder() + ", unbounded)", open().describe());
    assertEquals("file(" + folder() + ", 10 entries)",
        open(TestSpecs.spec("files").withMaxEntries(10), FileStore.Options.defaults()).describe());
  }

  @Test
  void closedStore_refusesToWork() throws Exception {
    FileStore<String> store = open();
    store.close();

    StoreException e = assertThrows(StoreException.class, () -> store.get("k"));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void fsync_writesLikeWithout() throws Exception {
    FileStore<String> store = open(UNBOUNDED, FileStore.Options.defaults().withFsync(true));

    put(store, "k", "v");
    store.compute("k", (k, current) -> null);
    put(store, "k2", "v2");

    assertNull(store.get("k"));
    assertEquals("v2", store.get("k2").value());
  }

  // ---------------------------------------------------------------- corrupt files

  @Test
  void truncatedFile_isAMissThatIsCountedAndDeleted() throws Exception {
    FileStore<String> store = open();
    put(store, "k", "value");
    Path file = store.pathOf("k");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

    assertNull(store.get("k"));

    assertEquals(1, store.corruptReads());
    assertFalse(Files.exists(file), "the corrupt file is deleted");
    assertEquals(0, store.size());
    put(store, "k", "again");
    assertEquals("again", store.get("k").value());
  }

  @Test
  void flippedByteAnywhereInTheFile_isAMiss_neverWrongData() throws Exception {
    FileStore<String> store =
        open(UNBOUNDED, FileStore.Options.defaults().withCompression(Compression.DEFLATE, 0));
    put(store, "k", "some value that is long enough to be compressed, some value, some value");
    Path file = store.pathOf("k");
    byte[] original = Files.readAllBytes(file);

    for (int i = 0; i < original.length; i++) {
      byte[] flipped = original.clone();
      flipped[i] ^= (byte) 0xff;
      Files.write(file, flipped);

      assertNull(store.get("k"), "byte " + i + " flipped");
      assertEquals(i + 1, store.corruptReads());
    }
  }

  @Test
  void flippedByteAnywhereInTheRecord_ofAWholeSlot_isAMiss_neverWrongData() throws Exception {
    FileStore<String> store =
        open(UNBOUNDED, FileStore.Options.defaults().withCompression(Compression.DEFLATE, 0));
    put(store, "k", "some value that is long enough to be compressed, some value, some value");
    Path file = store.pathOf("k");
    byte[] record = recordOf(file);

    for (int i = 0; i < record.length; i++) {
      byte[] flipped = record.clone();
      flipped[i] ^= (byte) 0xff;
      // the slot's checksum matches the changed record: only the record's own checks can tell
      Files.write(file, SlottedFileTest.fileOf(flipped));

      assertNull(store.get("k"), "byte " + i + " of the record flipped");
      assertEquals(i + 1, store.corruptReads());
      assertFalse(Files.exists(file), "the corrupt file is deleted");
    }
  }

  @Test
  void garbageEmptyAndForeignFiles_areMisses() throws Exception {
    FileStore<String> store = open();
    put(store, "k", "v");
    Path file = store.pathOf("k");

    for (byte[] garbage :
        List.of(
            new byte[0],
            "hello, I am not a cache entry".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            new byte[4096])) {
      Files.write(file, garbage);
      assertNull(store.get("k"));
    }

    assertEquals(3, store.corruptReads());
  }

  @Test
  void computeOverACorruptFile_seesNoEntryAndReplacesIt() throws Exception {
    FileStore<String> store = open();
    put(store, "k", "v");
    Files.write(store.pathOf("k"), new byte[] {1, 2, 3});
    List<StoreEntry> seen = new ArrayList<>();

    store.compute("k", (k, current) -> {
      seen.add(current);
      return new StoreEntry("new", StoreEntry.NEVER);
    });

    assertEquals(Arrays.asList((StoreEntry) null), seen);
    assertEquals("new", store.get("k").value());
    assertEquals(1, store.size());
  }

  @Test
  void iterator_skipsAndCountsCorruptFiles() throws Exception {
    FileStore<String> store = open();
    put(store, "good", "v");
    put(store, "bad", "w");
    Files.write(store.pathOf("bad"), new byte[] {9, 9, 9});

    List<String> keys = new ArrayList<>();
    for (Iterator<Map.Entry<String, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
      keys.add(it.next().getKey());
    }

    assertEquals(List.of("good"), keys);
    assertEquals(1, store.corruptReads());
  }

  // ---------------------------------------------------------------- hash collisions

  @Test
  void fileOfAnotherKeyUnderTheSameName_isAMiss_andAWriteReplacesIt() throws Exception {
    FileStore<String> store = open();
    put(store, "other", "other's value");
    Path mine = store.pathOf("mine");
    Files.createDirectories(mine.getParent());
    // as if SHA-256("mine") == SHA-256("other"): the file holds "other"'s key bytes
    Files.copy(store.pathOf("other"), mine);
    List<StoreEntry> seen = new ArrayList<>();

    assertNull(store.get("mine"), "the other key's value must never be returned");
    assertNull(store.compute("mine", (k, current) -> {
      seen.add(current);
      return null;
    }));
    assertTrue(Files.exists(mine), "removing an absent key leaves the colliding entry alone");
    put(store, "mine", "my value");

    assertEquals(Arrays.asList((StoreEntry) null), seen);
    assertEquals("my value", store.get("mine").value());
    assertEquals(0, store.corruptReads(), "a collision is not corruption");
  }

  // ---------------------------------------------------------------- crashes

  @Test
  void tempFilesOfDeadProcesses_areDeletedWhenTheStoreOpens() throws Exception {
    FileStore<String> first = open();
    put(first, "k", "v");
    first.close();
    Path subfolder = first.pathOf("k").getParent();
    String name = first.pathOf("k").getFileName().toString();
    Path deadWriter = Files.write(subfolder.resolve(name + ".999999999.1.tmp"), new byte[] {1, 2});
    Path unnamed = Files.write(subfolder.resolve("junk.tmp"), new byte[] {3});
    Path liveWriter =
        Files.write(
            subfolder.resolve(name + "." + ProcessHandle.current().pid() + ".7.tmp"),
            new byte[] {4});
    Path oldLiveWriter =
        Files.write(
            subfolder.resolve(name + "." + ProcessHandle.current().pid() + ".8.tmp"),
            new byte[] {5});
    Files.setLastModifiedTime(
        oldLiveWriter, FileTime.fromMillis(System.currentTimeMillis() - 2 * 3_600_000L));

    FileStore<String> second = open();

    assertFalse(Files.exists(deadWriter), "temp file of a process that is gone");
    assertFalse(Files.exists(unnamed), "temp file not named by this store");
    assertFalse(Files.exists(oldLiveWriter), "temp file older than an hour");
    assertTrue(Files.exists(liveWriter), "a running process may still rename its temp file");
    assertEquals("v", second.get("k").value());
    assertEquals(1, second.size());
  }

  @Test
  void failingFunction_leavesTheFileAndNoTempFile() throws Exception {
    FileStore<String> store = open();
    put(store, "k", "v");
    byte[] before = Files.readAllBytes(store.pathOf("k"));

    assertThrows(IllegalStateException.class, () -> store.compute("k", (k, current) -> {
      throw new IllegalStateException("boom");
    }));

    assertArrayEquals(before, Files.readAllBytes(store.pathOf("k")));
    assertEquals(List.of(store.pathOf("k")), filesUnder(store.pathOf("k").getParent()));
  }

  @Test
  void unserializableValue_isAStoreException_andLeavesTheKeyUnchanged() throws Exception {
    FileStore<String> store = open();
    put(store, "k", "v");

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", new Object()));

    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    assertEquals("v", store.get("k").value());
    assertEquals(1, filesUnder(store.pathOf("k").getParent()).size(), "no temp file left");
  }

  @Test
  void valueOfAClassOffTheAllowList_isACountedMiss_loggedOnce_andTheFileStays() throws Exception {
    FileStore<String> store = open();
    put(store, "k", new Dto("x"));
    Path file = store.pathOf("k");

    List<String> warnings;
    try (LogCapture log = LogCapture.of(FileStore.class.getName())) {
      assertNull(store.get("k"));
      assertNull(store.get("k"));
      warnings = log.warnings();
    }

    assertEquals(1, warnings.size(), () -> "logged once per file: " + warnings);
    assertTrue(warnings.get(0).contains(Dto.class.getName()), warnings.get(0));
    assertTrue(warnings.get(0).contains("allow"), warnings.get(0));
    assertEquals(2, store.refusedReads());
    assertEquals(0, store.corruptReads());
    assertTrue(Files.exists(file), "a refused file is not damaged: it stays");
    FileStore<String> allowing = FileStore.open(folder(),
        Serializer.allowing(Dto.class.getName()), UNBOUNDED, FileStore.Options.defaults());
    opened.add(allowing);
    assertEquals(new Dto("x"), allowing.get("k").value(), "readable once allowed");
  }

  @Test
  void computeOverARefusedValue_seesNoEntry_andOnlyAWriteReplacesIt() throws Exception {
    FileStore<String> store = open();
    put(store, "k", new Dto("x"));
    Path file = store.pathOf("k");

    try (LogCapture log = LogCapture.of(FileStore.class.getName())) {
      assertNull(store.compute("k", (k, current) -> {
        assertNull(current, "a refused value is no entry");
        return null;
      }));
      assertTrue(Files.exists(file), "a removal of what the function never saw deletes nothing");
      store.compute("k", (k, current) -> new StoreEntry("new", StoreEntry.NEVER));
      assertEquals(1, log.warnings().size(), () -> "warnings: " + log.warnings());
    }

    assertEquals("new", store.get("k").value());
    assertEquals(2, store.refusedReads());
    assertEquals(0, store.corruptReads());
  }

  @Test
  void iterator_skipsRefusedKeysAndValues_countingThem_andKeepsTheFiles() throws Exception {
    FileStore<Object> store = open();
    put(store, "dto value", new Dto("x"));
    put(store, new Dto("key"), "dto key");
    put(store, "fine", "text");
    List<Object> keys = new ArrayList<>();

    try (LogCapture log = LogCapture.of(FileStore.class.getName())) {
      for (Iterator<Map.Entry<Object, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
        keys.add(it.next().getKey());
      }
      assertEquals(2, log.warnings().size(), () -> "one per refused file: " + log.warnings());
    }

    assertEquals(List.of("fine"), keys);
    assertEquals(2, store.refusedReads());
    assertEquals(0, store.corruptReads());
    assertEquals(3, store.size());
  }

  @Test
  void valueThatDoesNotDeserialize_underAValidChecksum_isCorrupt_andDeleted() throws Exception {
    FileStore<String> store = open();
    put(store, "k", "v");
    Path file = store.pathOf("k");
    byte[] unknownTag = {99, 1, 2, 3};
    Files.write(file, EntryFormat.encode(Serializer.allowing().toBytes("k"), unknownTag,
        StoreEntry.NEVER, Compression.NONE, FileStore.Options.DEFAULT_COMPRESS_THRESHOLD));

    assertNull(store.get("k"));

    assertEquals(1, store.corruptReads());
    assertEquals(0, store.refusedReads());
    assertFalse(Files.exists(file), "damaged data is deleted");
  }

  // ---------------------------------------------------------------- two stores on one folder in
  // one JVM

  @Test
  void twoStoresOnOneFolder_inOneJvm_computeAtomicallyAndOutliveEachOther() throws Exception {
    FileStore<String> first = open();
    FileStore<String> second = open();
    int perThread = 300;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Void>> done = new ArrayList<>();
      for (FileStore<String> store : List.of(first, second)) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    store.compute(
                        "n",
                        (k, current) ->
                            new StoreEntry(
                                current == null ? 1 : (Integer) current.value() + 1,
                                StoreEntry.NEVER));
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<Void> future : done) {
        future.get(2, java.util.concurrent.TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2 * perThread, first.get("n").value());

    first.close();
    put(second, "after", "still locking");
    FileStore<String> third = open();
    third.compute(
        "n", (k, current) -> new StoreEntry((Integer) current.value() + 1, StoreEntry.NEVER));

    assertEquals(2 * perThread + 1, second.get("n").value());
    assertEquals("still locking", third.get("after").value());
  }

  // ---------------------------------------------------------------- eviction

  @Test
  void boundedStore_evictsTheLeastRecentlyUsedFiles() throws Exception {
    AtomicInteger evicted = new AtomicInteger();
    FileStore<Integer> store = open(
        TestSpecs.spec("lru").withMaxEntries(10).withListener(count -> evicted.addAndGet(count)),
        FileStore.Options.defaults());
    for (int i = 0; i < 10; i++) {
      put(store, i, "v" + i);
      // age the files instead of waiting: key i was last used i seconds after the epoch
      Files.setLastModifiedTime(store.pathOf(i), FileTime.fromMillis(i * 1_000L));
    }
    store.get(0); // a read refreshes key 0

    put(store, 10, "v10");

    assertEquals(2, evicted.get(), "a batch: down to 9 of 10 entries");
    assertNull(store.get(1));
    assertNull(store.get(2));
    assertEquals("v0", store.get(0).value());
    assertEquals("v3", store.get(3).value());
    assertEquals("v10", store.get(10).value());
    assertEquals(9, store.size());
  }

  // ---------------------------------------------------------------- permissions

  @Test
  void foldersAre0700_andFilesAre0600() throws Exception {
    assumeTrue(PrivateFolders.isPosix(temp), "POSIX file system");
    FileStore<String> store = open();
    put(store, "k", "v");

    try (Stream<Path> paths = Files.walk(folder())) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String expected = Files.isDirectory(path) ? "rwx------" : "rw-------";
        assertEquals(
            expected,
            PosixFilePermissions.toString(Files.getPosixFilePermissions(path)),
            path.toString());
      }
    }
    assertTrue(Files.exists(folder().resolve(".lock")));
  }

  @Test
  void folderWritableByGroupOrOthers_isRefused() throws Exception {
    assumeTrue(PrivateFolders.isPosix(temp), "POSIX file system");
    for (String permissions : List.of("rwxrwx---", "rwx---rwx")) {
      Files.createDirectories(folder());
      Files.setPosixFilePermissions(folder(), PosixFilePermissions.fromString(permissions));

      StoreException e = assertThrows(StoreException.class, this::open);

      assertTrue(e.getMessage().contains("writable by its group or by others"), e.getMessage());
      assertTrue(e.getMessage().contains("chmod 700"), e.getMessage());
    }
  }

  @Test
  void folderReadableByOthers_isTightenedTo0700() throws Exception {
    assumeTrue(PrivateFolders.isPosix(temp), "POSIX file system");
    Files.createDirectories(folder());
    Files.setPosixFilePermissions(folder(), PosixFilePermissions.fromString("rwxr-xr-x"));

    open();

    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder())));
  }

  @Test
  void folderOfAnotherUser_isRefused() throws Exception {
    assumeTrue(PrivateFolders.isPosix(temp), "POSIX file system");
    Files.createDirectories(folder());
    try {
      Files.setAttribute(folder(), "unix:uid", 65534);
    } catch (IOException | UnsupportedOperationException e) {
      assumeTrue(false, "only root can give a folder away here: " + e);
    }

    StoreException e = assertThrows(StoreException.class, this::open);

    assertTrue(e.getMessage().contains("belongs to"), e.getMessage());
  }

  @Test
  void pathThatIsAFile_isRefused() throws Exception {
    Files.write(folder(), new byte[] {1});

    StoreException e = assertThrows(StoreException.class, this::open);

    assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
  }

  /** A user class that is not on the default allow-list. */
  record Dto(String name) implements Serializable {
  }
}

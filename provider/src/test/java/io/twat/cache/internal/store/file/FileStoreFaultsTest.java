/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.store.TestSpecs;
import static io.twat.cache.internal.store.file.FaultyFileStores.bytes;
import static io.twat.cache.internal.store.file.FaultyFileStores.identity;
import static io.twat.cache.internal.store.file.FaultyFileStores.put;
import static io.twat.cache.testing.FaultyFileSystem.anyPath;
import static io.twat.cache.testing.FaultyFileSystem.nameEndsWith;
import static io.twat.cache.testing.FaultyFileSystem.nameStartsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.testing.FaultyFileSystem;
import io.twat.cache.testing.FaultyFileSystem.Operation;
import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults of the file system under a file store: a failed write, rename or fsync, or a full disk,
 * leaves the entry as it was (or, once renamed, the new one), never torn or lost; the failing call
 * is a {@link StoreException} that says what failed; no temporary file is left; and the store
 * works on once the fault clears. Both ways a change is written are faulted: a new file renamed
 * into place (a new key, or a value that outgrows its slot, see {@link #outgrowing}) and a record
 * written into the spare slot of the entry's slotted file in place (see {@link SlottedFile}).
 */
final class FileStoreFaultsTest {
  private static final StoreSpec UNBOUNDED = TestSpecs.spec("faults");

  @TempDir
  Path temp;

  @RegisterExtension
  final FaultyFileStores stores = new FaultyFileStores();
  private final FaultyFileSystem files = stores.files();
  private final LogCapture log = stores.log();

  private Path folder() {
    return temp.resolve("cache");
  }

  private <K> FileStore<K> open(StoreSpec spec, boolean fsync) throws StoreException {
    return stores.open(folder(), spec, FileStore.Options.defaults().withFsync(fsync));
  }

  private <K> FileStore<K> open(boolean fsync) throws StoreException {
    return open(UNBOUNDED, fsync);
  }

  private List<Path> tempFiles() throws IOException {
    return FaultyFileStores.tempFiles(folder());
  }

  /**
   * Returns {@code prefix} padded so that its entry no longer fits the slots of {@code key}'s
   * slotted file: a put of it writes a new file and renames it into place.
   */
  private static String outgrowing(FileStore<String> store, String key, String prefix)
      throws Exception {
    int slotSize = SlottedFile.newest(Files.readAllBytes(store.pathOf(key))).slotSize();
    return prefix + "-".repeat(slotSize);
  }

  /** Clears the faults and checks that the store writes, reads and counts {@code key} again. */
  private void assertWorksAfterTheFaultClears(FileStore<String> store, String key)
      throws Exception {
    files.clearFaults();
    put(store, key, "after the fault");
    assertEquals("after the fault", store.get(key).value());
    store.compute(key + "-other", (k, current) -> new StoreEntry("other", StoreEntry.NEVER));
    assertEquals("other", store.get(key + "-other").value());
    assertEquals(0, store.corruptReads());
    assertEquals(List.of(), tempFiles());
  }

  /**
   * Checks that a failed change of {@code store}'s entry {@code "k"} left the entry file as it was
   * ({@code before}), reading {@code "before"}, and no temporary file; and that the store works on.
   */
  private void assertThePreviousEntryIsWhole(FileStore<String> store, byte[] before)
      throws Exception {
    assertArrayEquals(before, Files.readAllBytes(store.pathOf("k")), "the entry file is untouched");
    assertEquals("before", store.get("k").value());
    assertEquals(List.of(), tempFiles(), "the temporary file is deleted");
    assertWorksAfterTheFaultClears(store, "k");
  }

  /**
   * Checks that {@code e} says the entry file {@code file} could not be written, for the simulated
   * failure of {@code operation} on it, and ends with {@code ending}.
   */
  private static void assertEntryFileNotWritten(StoreException e, Path file, Operation operation,
      String ending) {
    assertTrue(e.getMessage().startsWith("Could not write the cache entry file " + file + ": "),
        e.getMessage());
    assertTrue(e.getMessage().contains("Simulated " + operation + " failure: " + file),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(ending), e.getMessage());
  }

  // ---------------------------------------------------------------- writes

  @ParameterizedTest(name = "fsync={0}")
  @ValueSource(booleans = {false, true})
  void failedWrite_isAStoreException_andLeavesThePreviousEntryWhole(boolean fsync)
      throws Exception {
    FileStore<String> store = open(fsync);
    put(store, "k", "before");
    byte[] before = Files.readAllBytes(store.pathOf("k"));
    String after = outgrowing(store, "k", "after");
    files.fail(Operation.WRITE, nameEndsWith(".tmp"));

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", after));

    String entry = "Could not write the cache entry file " + store.pathOf("k");
    assertTrue(e.getMessage().startsWith(entry), e.getMessage());
    assertTrue(e.getMessage().contains("Simulated WRITE failure"), e.getMessage());
    assertTrue(e.getMessage().endsWith("check free space and permissions"), e.getMessage());
    assertEquals(1, files.faultsRaised());
    assertThePreviousEntryIsWhole(store, before);
  }

  @ParameterizedTest(name = "fsync={0}")
  @ValueSource(booleans = {false, true})
  void fullDisk_midWrite_leavesThePreviousEntryWhole_andNoTempFile(boolean fsync) throws Exception {
    FileStore<String> store = open(fsync);
    // too large for a slot: a change writes a new file, and this is about its temporary file
    int size = SlottedFile.MAX_RECORD + 1;
    put(store, "k", bytes(size, 1));
    byte[] before = Files.readAllBytes(store.pathOf("k"));
    files.fillDiskAfter(1_000);

    StoreException e = assertThrows(StoreException.class,
        () -> put(store, "k", bytes(size, 2)));

    assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
    assertTrue(e.getMessage().contains("check free space"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(store.pathOf("k")));
    assertArrayEquals(bytes(size, 1), (byte[]) store.get("k").value());
    assertEquals(List.of(), tempFiles(), "the torn temporary file is deleted");
    assertWorksAfterTheFaultClears(store, "k");
  }

  @Test
  void fullDisk_onAnInsert_leavesNoEntry_andTheCountsAsTheyWere() throws Exception {
    FileStore<String> store = open(/* fsync= */ false);
    put(store, "old", "value");
    long bytes = store.bytes();
    files.fillDiskAfter(0);

    assertThrows(StoreException.class, () -> put(store, "new", "value"));

    assertNull(store.get("new"));
    assertEquals(bytes, store.bytes());
    assertEquals(List.of(), tempFiles());
    assertEquals(1, store.size());
    assertWorksAfterTheFaultClears(store, "new");
    assertEquals(3, store.size());
  }

  @ParameterizedTest(name = "padding={0}, disk={1}")
  @CsvSource({
      "200, 5000", // the new values outgrow their slots: new files renamed into place
      "20, 1500" // they fit: written into the spare slots in place
  })
  void concurrentWritesOnAFillingDisk_eachKeyHoldsItsOldOrNewValueWhole(int paddingLength,
      int diskLeft) throws Exception {
    FileStore<Integer> store = open(UNBOUNDED, /* fsync= */ false);
    int keys = 40;
    for (int i = 0; i < keys; i++) {
      put(store, i, "old-" + i);
    }
    String padding = "x".repeat(paddingLength);
    files.fillDiskAfter(diskLeft);
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t * keys / 4;
        done.add(pool.submit(() -> {
          for (int i = first; i < first + keys / 4; i++) {
            try {
              put(store, i, "new-" + i + padding);
            } catch (StoreException e) {
              failures.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<Void> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    assertTrue(failures.get() > 0 && failures.get() < keys, "some writes fit: " + failures);
    int updated = 0;
    for (int i = 0; i < keys; i++) {
      Object value = store.get(i).value();
      assertTrue(value.equals("old-" + i) || value.equals("new-" + i + padding), i + ": " + value);
      updated += value.equals("old-" + i) ? 0 : 1;
    }
    assertEquals(keys - failures.get(), updated, "every write that returned is in place");
    assertEquals(0, store.corruptReads());
    assertEquals(List.of(), tempFiles());
    assertEquals(keys, store.size());
    files.clearFaults();
    put(store, 0, "after");
    assertEquals("after", store.get(0).value());
  }

  @Test
  void failedSubfolderCreation_isAStoreException_andTheStoreWorksOn() throws Exception {
    FileStore<String> store = open(/* fsync= */ false);
    files.fail(Operation.CREATE_DIRECTORIES, anyPath());

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", "v"));

    assertTrue(e.getMessage().startsWith("Could not write the cache entry file"), e.getMessage());
    assertNull(store.get("k"));
    assertEquals(0, store.size());
    assertWorksAfterTheFaultClears(store, "k");
  }

  @Test
  void failedWrite_ofANewKey_leavesNoEntry_andNoTempFile() throws Exception {
    FileStore<String> store = open(/* fsync= */ false);
    files.fail(Operation.WRITE, nameEndsWith(".tmp"));

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", "v"));

    assertTrue(e.getMessage().startsWith("Could not write the cache entry file "
        + store.pathOf("k")), e.getMessage());
    assertNull(store.get("k"));
    assertFalse(Files.exists(store.pathOf("k")));
    assertEquals(List.of(), tempFiles());
    assertWorksAfterTheFaultClears(store, "k");
  }

  // ---------------------------------------------------------------- writes into a spare slot

  @ParameterizedTest(name = "fsync={0}")
  @ValueSource(booleans = {false, true})
  void failedSlotWrite_isAStoreException_andTheEntryReadsItsPreviousValue(boolean fsync)
      throws Exception {
    FileStore<String> store = open(fsync);
    Path file = store.pathOf("k");
    put(store, "k", "first");
    Object identity = identity(file);
    // the first change writes slot 1 (lengthening the file), the second slot 0 over the first
    for (String previous : List.of("first", "second")) {
      byte[] before = Files.readAllBytes(file);
      files.fail(Operation.WRITE, file::equals);

      StoreException e = assertThrows(StoreException.class, () -> put(store, "k", "changed"));

      assertEntryFileNotWritten(e, file, Operation.WRITE,
          "check free space and permissions (the entry holds its earlier value)");
      assertEquals(1, files.faultsRaised() - (previous.equals("first") ? 0 : 1));
      assertArrayEquals(before, Files.readAllBytes(file), "nothing was written");
      assertEquals(previous, store.get("k").value());
      assertEquals(List.of(), tempFiles(), "no temporary file was made");
      files.clearFaults();
      put(store, "k", "second");
      assertEquals("second", store.get("k").value());
    }
    assertEquals(identity, identity(file), "every change was written in place");
    assertEquals(0, store.corruptReads());
    assertWorksAfterTheFaultClears(store, "k");
  }

  @ParameterizedTest(name = "fsync={0}")
  @ValueSource(booleans = {false, true})
  void fullDisk_midSlotWrite_tearsTheSlot_andTheEntryReadsItsPreviousValue(boolean fsync)
      throws Exception {
    FileStore<String> store = open(fsync);
    Path file = store.pathOf("k");
    put(store, "k", "v0");
    Object identity = identity(file);
    String changed = "changed, and a little longer than the value before it";
    int slot = SlottedFile.SLOT_HEADER + SlottedFile.recordOf(Files.readAllBytes(file)).length
        + changed.length();
    int version = 0;
    for (int written = 0; written < slot; written += written < 20 ? 1 : 7) {
      long sequence = SlottedFile.newest(Files.readAllBytes(file)).sequence();
      files.fillDiskAfter(written);

      StoreException e = assertThrows(StoreException.class, () -> put(store, "k", changed));

      assertTrue(e.getMessage().startsWith("Could not write the cache entry file " + file),
          e.getMessage());
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      assertTrue(e.getMessage().contains("check free space"), e.getMessage());
      byte[] torn = Files.readAllBytes(file);
      assertEquals(sequence, SlottedFile.newest(torn).sequence(), written + " bytes written");
      assertEquals("v" + version, store.get("k").value(), written + " bytes written");
      files.clearFaults();
      version++;
      put(store, "k", "v" + version);
      assertEquals("v" + version, store.get("k").value());
    }
    assertEquals(identity, identity(file), "every change was written in place");
    assertEquals(0, store.corruptReads(), "a torn slot is not corruption");
    assertEquals(List.of(), tempFiles());
    assertWorksAfterTheFaultClears(store, "k");
  }

  @Test
  void failedFsyncOfTheSlot_isAStoreException_andTheEntryReadsItsPreviousValue()
      throws Exception {
    FileStore<String> store = open(/* fsync= */ true);
    Path file = store.pathOf("k");
    put(store, "k", "before");
    Object identity = identity(file);
    files.fail(Operation.FORCE, file::equals);

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", "after"));

    assertEntryFileNotWritten(e, file, Operation.FORCE, "(the entry holds its earlier value)");
    assertEquals("before", store.get("k").value(), "the written slot was torn again");
    assertEquals(0, store.corruptReads());
    assertEquals(List.of(), tempFiles());
    assertWorksAfterTheFaultClears(store, "k");
    assertEquals(identity, identity(file), "every change was written in place");
  }

  @Test
  void failedFsyncOfTheSlot_thatCannotBeTornAgain_saysTheNewValueMayStand() throws Exception {
    FileStore<String> store = open(/* fsync= */ true);
    Path file = store.pathOf("k");
    put(store, "k", "before");
    files.fail(Operation.FORCE, file::equals);
    // the slot is written; then its force fails, and so does the write that would tear it
    files.beforeNext(Operation.FORCE, file::equals,
        path -> files.fail(Operation.WRITE, file::equals));

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", "after"));

    assertEntryFileNotWritten(e, file, Operation.FORCE,
        "(the entry may hold its new value, which may not survive a power loss)");
    assertEquals(1, e.getCause().getSuppressed().length, "the failed tear is kept");
    assertEquals("after", store.get("k").value(), "the slot stayed whole");
    assertEquals(0, store.corruptReads());
    assertWorksAfterTheFaultClears(store, "k");
  }

  // ---------------------------------------------------------------- renames

  @Test
  void failedRename_leavesThePreviousEntryWhole_andNoTempFile() throws Exception {
    FileStore<String> store = open(/* fsync= */ false);
    put(store, "k", "before");
    byte[] before = Files.readAllBytes(store.pathOf("k"));
    String after = outgrowing(store, "k", "after");
    files.fail(Operation.MOVE, anyPath());

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", after));

    assertTrue(e.getMessage().contains("Simulated MOVE failure"), e.getMessage());
    String entry = "Could not write the cache entry file " + store.pathOf("k");
    assertTrue(e.getMessage().startsWith(entry), e.getMessage());
    assertThePreviousEntryIsWhole(store, before);
  }

  @Test
  void renameThatCannotBeAtomic_saysToChooseALocalFileSystem() throws Exception {
    FileStore<String> store = open(/* fsync= */ false);
    put(store, "k", "before");
    String after = outgrowing(store, "k", "after");
    files.fail(Operation.MOVE, anyPath(),
        path -> new AtomicMoveNotSupportedException(path.toString(), null, "simulated"));

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", after));

    assertTrue(e.getMessage().contains("cannot rename files atomically"), e.getMessage());
    assertTrue(e.getMessage().contains("choose a folder on a local file system"), e.getMessage());
    assertEquals("before", store.get("k").value());
    assertEquals(List.of(), tempFiles());
    assertWorksAfterTheFaultClears(store, "k");
  }

  // ---------------------------------------------------------------- fsync

  @Test
  void failedFsyncOfTheNewFile_leavesThePreviousEntryWhole_andNoTempFile() throws Exception {
    FileStore<String> store = open(/* fsync= */ true);
    put(store, "k", "before");
    byte[] before = Files.readAllBytes(store.pathOf("k"));
    String after = outgrowing(store, "k", "after");
    files.fail(Operation.FORCE, nameEndsWith(".tmp"));

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", after));

    assertTrue(e.getMessage().contains("Simulated FORCE failure"), e.getMessage());
    assertThePreviousEntryIsWhole(store, before);
  }

  @Test
  void failedFsyncOfTheSubfolder_afterTheRename_isAStoreException_andTheNewEntryIsWhole()
      throws Exception {
    FileStore<String> store = open(/* fsync= */ true);
    put(store, "k", "before");
    Path subfolder = store.pathOf("k").getParent();
    String after = outgrowing(store, "k", "after");
    files.fail(Operation.FORCE, subfolder::equals);

    StoreException e = assertThrows(StoreException.class, () -> put(store, "k", after));

    // the rename happened, so the new entry is in place, whole; only its durability is in doubt
    assertTrue(e.getMessage().contains("Simulated FORCE failure: " + subfolder), e.getMessage());
    assertEquals(after, store.get("k").value());
    assertEquals(0, store.corruptReads());
    assertEquals(List.of(), tempFiles());
    assertWorksAfterTheFaultClears(store, "k");
  }

  @Test
  void failedFsyncOfTheStoreFolder_whenASubfolderIsMade_leavesNoEntry() throws Exception {
    FileStore<String> store = open(/* fsync= */ true);
    files.fail(Operation.FORCE, folder()::equals);

    assertThrows(StoreException.class, () -> put(store, "k", "v"));

    assertNull(store.get("k"));
    assertEquals(List.of(), tempFiles());
    assertWorksAfterTheFaultClears(store, "k");
  }

  // ---------------------------------------------------------------- removals and reads

  @Test
  void failedDelete_isAStoreException_andTheEntryStays() throws Exception {
    FileStore<String> store = open(/* fsync= */ false);
    put(store, "k", "v");
    files.fail(Operation.DELETE, store.pathOf("k")::equals);

    StoreException e = assertThrows(StoreException.class, () -> store.compute("k", (k, v) -> null));

    assertEquals("Could not delete the cache entry file " + store.pathOf("k") + ": "
        + "java.io.IOException: Simulated DELETE failure: " + store.pathOf("k"), e.getMessage());
    assertEquals("v", store.get("k").value());
    assertEquals(1, store.size());
    files.clearFaults();
    store.compute("k", (k, v) -> null);
    assertNull(store.get("k"));
    assertEquals(0, store.size());
  }

  @Test
  void failedRead_isAStoreException_neverCorruption_andTheEntryStays() throws Exception {
    FileStore<String> store = open(/* fsync= */ false);
    put(store, "k", "v");
    files.fail(Operation.OPEN, store.pathOf("k")::equals);
    AtomicInteger calls = new AtomicInteger();

    StoreException get = assertThrows(StoreException.class, () -> store.get("k"));
    assertThrows(StoreException.class, () -> store.compute("k", (k, v) -> {
      calls.incrementAndGet();
      return null;
    }));

    String entry = "Could not read the cache entry file " + store.pathOf("k");
    assertTrue(get.getMessage().startsWith(entry), get.getMessage());
    assertEquals(0, calls.get(), "the function never sees a value it could not read");
    assertEquals(0, store.corruptReads(), "an unreadable file is not a corrupt one");
    assertTrue(Files.exists(store.pathOf("k")), "and it is not deleted");
    files.clearFaults();
    assertEquals("v", store.get("k").value());
  }

  @Test
  void failedMappedRead_ofALargeEntry_isAStoreException_andTheEntryStays() throws Exception {
    assumeTrue(PrivateFolders.isPosix(temp), "large files are mapped on POSIX only");
    FileStore<String> store = open(/* fsync= */ false);
    byte[] large = bytes((int) EntryReader.MAP_THRESHOLD, 7);
    put(store, "big", large);
    files.fail(Operation.READ, store.pathOf("big")::equals);

    StoreException e = assertThrows(StoreException.class, () -> store.get("big"));

    assertTrue(e.getMessage().contains("Simulated READ failure"), e.getMessage());
    assertEquals(0, store.corruptReads());
    files.clearFaults();
    assertArrayEquals(large, (byte[]) store.get("big").value());
  }

  // ---------------------------------------------------------------- opening, listing, evicting

  @Test
  void failedCacheRecordWrite_failsTheOpen_andTheFolderOpensLater() throws Exception {
    files.fail(Operation.WRITE, nameStartsWith(CacheInfo.FILE_NAME));

    StoreException e = assertThrows(StoreException.class, () -> open(/* fsync= */ false));

    assertTrue(e.getMessage().startsWith("Could not write the cache record "
        + folder().resolve(CacheInfo.FILE_NAME)), e.getMessage());
    assertEquals(List.of(), tempFiles());
    assertFalse(Files.exists(folder().resolve(CacheInfo.FILE_NAME)));
    files.clearFaults();
    FileStore<String> store = open(/* fsync= */ false);
    assertWorksAfterTheFaultClears(store, "k");
    assertEquals("faults", FileStore.persisted(folder()).orElseThrow().cacheName());
  }

  @Test
  void failedFolderCreation_failsTheOpen_withTheReason() {
    files.fail(Operation.CREATE_DIRECTORIES, folder()::equals);

    StoreException e = assertThrows(StoreException.class, () -> open(/* fsync= */ false));

    assertTrue(e.getMessage().startsWith("Could not create the cache folder " + folder()),
        e.getMessage());
    assertTrue(e.getMessage().contains("Simulated CREATE_DIRECTORIES failure"), e.getMessage());
    assertFalse(Files.exists(folder()));
  }

  @Test
  void unlistableFolder_whenOpening_isAWarning_andTheStoreWorks() throws Exception {
    files.fail(Operation.LIST, folder()::equals);

    FileStore<String> store = open(/* fsync= */ false);

    assertEquals(List.of("Could not count the entries in {0} after opening it: {1}"),
        log.warnings());
    put(store, "k", "v");
    assertEquals("v", store.get("k").value());
    StoreException e = assertThrows(StoreException.class, store::size);
    assertTrue(e.getMessage().startsWith("Could not count the entries in " + folder()),
        e.getMessage());
    assertWorksAfterTheFaultClears(store, "k");
    assertEquals(2, store.size());
  }

  @Test
  void unlistableSubfolder_isSkippedByIteration_withAWarning() throws Exception {
    FileStore<String> store = open(/* fsync= */ false);
    put(store, "a", "1");
    String other = "b";
    for (int i = 0; store.pathOf(other).getParent().equals(store.pathOf("a").getParent()); i++) {
      other = "b" + i;
    }
    put(store, other, "2");
    files.fail(Operation.LIST, store.pathOf("a").getParent()::equals);

    List<String> keys = new ArrayList<>();
    for (Iterator<Map.Entry<String, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
      keys.add(it.next().getKey());
    }

    assertEquals(List.of(other), keys);
    assertEquals(List.of("Could not list a cache subfolder while iterating: {0}"), log.warnings());
  }

  @Test
  void failedEviction_isAWarning_andTheWriteStands() throws Exception {
    AtomicInteger evicted = new AtomicInteger();
    StoreSpec bounded = TestSpecs.spec("faults").withMaxEntries(3).withListener(evicted::addAndGet);
    FileStore<String> store = open(bounded, /* fsync= */ false);
    for (int i = 0; i < 3; i++) {
      put(store, "k" + i, "v");
    }
    files.fail(Operation.LIST, folder()::equals);

    put(store, "k3", "v");

    assertEquals("v", store.get("k3").value());
    assertEquals(List.of("Could not evict entries from {0}: {1}"), log.warnings());
    assertEquals(0, evicted.get());
    files.clearFaults();
    put(store, "k4", "v");
    assertTrue(evicted.get() > 0, "the next write evicts");
    assertTrue(store.size() <= 3, "size " + store.size());
  }
}

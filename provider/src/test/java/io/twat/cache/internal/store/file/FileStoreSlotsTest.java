/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static io.twat.cache.internal.store.file.FaultyFileStores.bytes;
import static io.twat.cache.internal.store.file.FaultyFileStores.identity;
import static io.twat.cache.internal.store.file.FaultyFileStores.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.FaultyFileSystem;
import io.twat.cache.testing.FaultyFileSystem.Operation;
import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store over slotted entry files (see {@link SlottedFile}): which changes go into the
 * spare slot in place and which write a new file, that the file stays two slots long, and what a
 * reader does with a file whose slots are both torn: a lockless read looks again under the key's
 * lock, and only a file still torn there is corrupt (counted once, deleted, a miss).
 */
final class FileStoreSlotsTest {
  private static final StoreSpec UNBOUNDED = TestSpecs.spec("slots");

  @TempDir
  Path temp;

  @RegisterExtension
  final FaultyFileStores stores = new FaultyFileStores();
  private final FaultyFileSystem files = stores.files();
  private final LogCapture log = stores.log();

  private FileStore<String> open() throws StoreException {
    return stores.open(temp.resolve("cache"), UNBOUNDED, FileStore.Options.defaults());
  }

  private static SlottedFile.Newest slots(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    assertTrue(SlottedFile.isSlotted(bytes), file + " is a slotted file");
    return SlottedFile.newest(bytes);
  }

  private List<Path> tempFiles() throws IOException {
    return FaultyFileStores.tempFiles(temp.resolve("cache"));
  }

  /** Returns {@code file} with a byte of each slot's record flipped: neither slot is whole. */
  private static byte[] bothSlotsTorn(byte[] file) throws Exception {
    SlottedFile.Newest newest = SlottedFile.newest(file);
    assertTrue(newest.found());
    byte[] torn = file.clone();
    for (int slot = 0; slot < 2; slot++) {
      torn[(int) SlottedFile.slotOffset(newest.slotSize(), slot) + SlottedFile.SLOT_HEADER] ^= 1;
    }
    assertFalse(SlottedFile.newest(torn).found());
    return torn;
  }

  /**
   * Puts {@code "first"} and then {@code "second"} under {@code key}, so that both slots of its
   * entry file hold a record, and returns that file.
   */
  private static Path bothSlotsWritten(FileStore<String> store, String key) throws StoreException {
    put(store, key, "first");
    put(store, key, "second");
    return store.pathOf(key);
  }

  /** Flips a byte of each slot's record of the entry file {@code file}: neither slot is whole. */
  private static void tearBothSlots(Path file) throws Exception {
    Files.write(file, bothSlotsTorn(Files.readAllBytes(file)));
  }

  /**
   * Makes {@code file} read as two changes passing under a reader would leave it: torn (as
   * {@code torn}) just before the next read of it, and whole again (as {@code whole}) just before
   * the read after that. Returns the count of those two reads that happened.
   */
  private AtomicInteger tornThenWholeOnTheNextTwoReads(Path file, byte[] torn, byte[] whole) {
    AtomicInteger reads = new AtomicInteger();
    files.beforeNext(Operation.READ, file::equals, path -> {
      reads.incrementAndGet();
      Files.write(path, torn);
    });
    files.beforeNext(Operation.READ, file::equals, path -> {
      reads.incrementAndGet();
      Files.write(path, whole);
    });
    return reads;
  }

  // ---------------------------------------------------------------- which path a change takes

  @Test
  void changeThatFitsItsSlot_isWrittenInPlace_andOneThatOutgrowsIt_asANewFile() throws Exception {
    FileStore<String> store = open();
    Path file = store.pathOf("k");
    put(store, "k", "small");
    Object first = identity(file);
    int slotSize = slots(file).slotSize();

    put(store, "k", "still small");
    assertEquals(first, identity(file), "written into the spare slot");
    assertEquals(2, slots(file).sequence());
    String grown = "g".repeat(slotSize);
    put(store, "k", grown);

    assertEquals(grown, store.get("k").value());
    assertNotEquals(first, identity(file), "a new file was renamed into place");
    SlottedFile.Newest renewed = slots(file);
    assertEquals(1, renewed.sequence(), "the new file starts over in slot 0");
    assertEquals(0, renewed.slot());
    assertTrue(renewed.slotSize() > slotSize, renewed.slotSize() + " > " + slotSize);
    Object second = identity(file);
    put(store, "k", grown.toUpperCase(java.util.Locale.ROOT));
    assertEquals(second, identity(file), "the grown entry's next change is in place again");
    assertEquals(grown.toUpperCase(java.util.Locale.ROOT), store.get("k").value());
    assertEquals(List.of(), tempFiles());
    assertEquals(Files.size(file), store.bytes(), "the store counts the file's length");
  }

  @Test
  void recordOver68KiB_isAPlainVersion2File_andSlottedAgainOnceItShrinks() throws Exception {
    FileStore<String> store = open();
    Path file = store.pathOf("k");
    put(store, "k", "small");
    byte[] large = bytes(SlottedFile.MAX_RECORD + 1, 5);

    put(store, "k", large);

    byte[] plain = Files.readAllBytes(file);
    assertEquals(0x54574346, ByteBuffer.wrap(plain).getInt(0), "magic TWCF at offset 0");
    assertEquals(EntryFormat.VERSION, plain[4]);
    assertFalse(SlottedFile.isSlotted(plain));
    assertTrue(EntryFormat.decode(plain).hasKey(Serializer.allowing().toBytes("k")),
        "a whole entry file of version 2");
    assertArrayEquals(large, (byte[]) store.get("k").value());
    Object plainIdentity = identity(file);
    byte[] larger = bytes(SlottedFile.MAX_RECORD + 1, 6);
    put(store, "k", larger);
    assertNotEquals(plainIdentity, identity(file), "a plain file is replaced, never written into");
    assertArrayEquals(larger, (byte[]) store.get("k").value());

    put(store, "k", "small again");

    assertEquals(1, slots(file).sequence(), "a new slotted file");
    assertEquals("small again", store.get("k").value());
    Object slotted = identity(file);
    put(store, "k", "and changed");
    assertEquals(slotted, identity(file));
    assertEquals("and changed", store.get("k").value());
    assertEquals(List.of(), tempFiles());
    assertEquals(Files.size(file), store.bytes());
  }

  @Test
  void value64KiB_isSlotted_andItsChangesAreWrittenInPlace() throws Exception {
    FileStore<String> store = open();
    String key = "a key of a usual length, in a cache of byte arrays";
    Path file = store.pathOf(key);
    put(store, key, bytes(64 * 1024, 1));
    Object created = identity(file);

    for (int change = 2; change <= 4; change++) {
      put(store, key, bytes(64 * 1024, change));

      assertEquals(created, identity(file), "change " + change + " is written into a slot");
      assertEquals(change, slots(file).sequence());
      assertArrayEquals(bytes(64 * 1024, change), (byte[]) store.get(key).value());
    }
    assertEquals(List.of(), tempFiles());
  }

  @Test
  void largestRecordThatFitsASlot_isSlotted_andOneByteMoreIsPlain() throws Exception {
    FileStore<String> store = open();
    Path file = store.pathOf("k");
    put(store, "k", "probe");
    int overhead = SlottedFile.recordOf(Files.readAllBytes(file)).length
        - Serializer.allowing().toBytes("probe").length;
    // a byte[] serializes with a header of its own: find the value size whose record is 68 KiB
    int length = SlottedFile.MAX_RECORD - overhead;
    while (Serializer.allowing().toBytes(new byte[length]).length + overhead
        > SlottedFile.MAX_RECORD) {
      length--;
    }

    put(store, "k", bytes(length, 1));
    byte[] slotted = Files.readAllBytes(file);
    put(store, "k", bytes(length + 1, 2));
    byte[] plain = Files.readAllBytes(file);

    assertTrue(SlottedFile.isSlotted(slotted));
    assertEquals(SlottedFile.MAX_RECORD, SlottedFile.recordOf(slotted).length);
    assertFalse(SlottedFile.isSlotted(plain));
    assertEquals(SlottedFile.MAX_RECORD + 1, plain.length);
    assertArrayEquals(bytes(length + 1, 2), (byte[]) store.get("k").value());
  }

  @Test
  void manyAlternatingChanges_keepTheFileTwoSlotsLong_andTheLatestValueReadsBack()
      throws Exception {
    FileStore<String> store = open();
    Path file = store.pathOf("k");
    put(store, "k", "value 0");
    Object identity = identity(file);
    int slotSize = slots(file).slotSize();
    int changes = 1_000;

    for (int i = 1; i <= changes; i++) {
      put(store, "k", i % 2 == 0 ? "value " + i : "a longer value, number " + i);
    }

    assertEquals("value " + changes, store.get("k").value());
    SlottedFile.Newest newest = slots(file);
    assertEquals(changes + 1, newest.sequence());
    assertEquals(slotSize, newest.slotSize());
    long length = Files.size(file);
    assertTrue(length > SlottedFile.slotOffset(slotSize, 1), "slot 1 is in use: " + length);
    assertTrue(length <= SlottedFile.FILE_HEADER + 2L * slotSize, "two slots long: " + length);
    assertEquals(identity, identity(file), "every change was written in place");
    assertEquals(length, store.bytes());
    assertEquals(1, store.size());
    assertEquals(List.of(), tempFiles());
    assertEquals(0, store.corruptReads());
  }

  /** The value the concurrent test's writer puts in its change {@code n}. */
  private static String changeValue(int n) {
    return "value-" + n + "-" + "x".repeat(n % 97);
  }

  @Test
  void locklessReaders_duringChangesInPlace_seeOnlyValuesThatWereWritten() throws Exception {
    FileStore<String> store = open();
    Path file = store.pathOf("k");
    put(store, "k", changeValue(0));
    Object identity = identity(file);
    int changes = 2_000;
    java.util.concurrent.atomic.AtomicBoolean writing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          int reads = 0;
          int last = 0;
          while (writing.get() || reads == 0) {
            String value = (String) store.get("k").value();
            int n = Integer.parseInt(value.substring(6, value.indexOf('-', 6)));
            assertEquals(changeValue(n), value);
            assertTrue(n >= last, "never an older value than one seen before: " + n + " < " + last);
            last = n;
            reads++;
          }
          return reads;
        }));
      }
      try {
        for (int i = 1; i <= changes; i++) {
          put(store, "k", changeValue(i));
        }
      } finally {
        writing.set(false);
      }
      for (java.util.concurrent.Future<Integer> reader : readers) {
        assertTrue(reader.get(2, java.util.concurrent.TimeUnit.MINUTES) > 0);
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(changeValue(changes), store.get("k").value());
    assertEquals(0, store.corruptReads());
    assertEquals(List.of(), log.warnings());
    assertEquals(identity, identity(file), "every change was written in place");
  }

  // ---------------------------------------------------------------- torn slots under readers

  @Test
  void bothSlotsTorn_underGet_isCountedOnce_deleted_andAMiss() throws Exception {
    FileStore<String> store = open();
    Path file = bothSlotsWritten(store, "k");
    tearBothSlots(file);
    long bytes = store.bytes();
    long length = Files.size(file);

    assertNull(store.get("k"));

    assertEquals(1, store.corruptReads(), "the lockless read and the locked one count it once");
    assertFalse(Files.exists(file), "the corrupt file is deleted");
    assertEquals(List.of("Cache entry file {0} is corrupt ({1}); it is treated as a miss and "
        + "deleted"), log.warnings());
    assertEquals(0, store.size());
    assertEquals(bytes - length, store.bytes(), "the deleted file is no longer counted");
    assertNull(store.get("k"));
    assertEquals(1, store.corruptReads(), "a miss thereafter");
    put(store, "k", "third");
    assertEquals("third", store.get("k").value());
  }

  @Test
  void bothSlotsTorn_underCompute_isAbsentToTheFunction_andReplacedByANewFile() throws Exception {
    FileStore<String> store = open();
    Path file = bothSlotsWritten(store, "k");
    tearBothSlots(file);
    List<StoreEntry> seen = new ArrayList<>();

    store.compute("k", (k, current) -> {
      seen.add(current);
      return new StoreEntry("third", StoreEntry.NEVER);
    });

    assertEquals(Arrays.asList((StoreEntry) null), seen);
    assertEquals(1, store.corruptReads());
    assertEquals("third", store.get("k").value());
    assertEquals(1, slots(file).sequence(), "written as a new file, not into a torn one");
  }

  @Test
  void locklessReadOfTwoTornSlots_thatTheLockedReadFindsWhole_isTheValue_uncounted()
      throws Exception {
    FileStore<String> store = open();
    Path file = bothSlotsWritten(store, "k");
    byte[] whole = Files.readAllBytes(file);
    byte[] torn = bothSlotsTorn(whole);
    // as two changes passing under the lockless read would leave it: torn just before that read,
    // whole again (the second change done) before the read under the key's lock
    AtomicInteger reads = tornThenWholeOnTheNextTwoReads(file, torn, whole);

    assertEquals("second", store.get("k").value());

    assertEquals(2, reads.get(), "the lockless read saw it torn, the locked one whole");

    assertEquals(0, store.corruptReads(), "a file settling under a reader is no corruption");
    assertEquals(List.of(), log.warnings());
    assertArrayEquals(whole, Files.readAllBytes(file), "and it stays");
    assertEquals("second", store.get("k").value());
  }

  @Test
  void iteration_readsAgain_aFileWhoseSlotsLookTorn_andSkipsOneThatStaysTorn() throws Exception {
    FileStore<String> store = open();
    Path settling = bothSlotsWritten(store, "settling");
    Path torn = bothSlotsWritten(store, "torn");
    byte[] whole = Files.readAllBytes(settling);
    byte[] tornSettling = bothSlotsTorn(whole);
    AtomicInteger reads = tornThenWholeOnTheNextTwoReads(settling, tornSettling, whole);
    tearBothSlots(torn);

    List<String> keys = new ArrayList<>();
    for (Iterator<Map.Entry<String, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
      Map.Entry<String, StoreEntry> entry = it.next();
      keys.add(entry.getKey() + "=" + entry.getValue().value());
    }

    assertEquals(List.of("settling=second"), keys);
    assertEquals(2, reads.get(), "the first read saw it torn, the second whole");
    assertEquals(1, store.corruptReads(), "the file that stayed torn is skipped and counted");
    assertEquals(List.of("Cache entry file {0} is corrupt ({1}); skipped"), log.warnings());
    assertTrue(Files.exists(torn), "iteration deletes nothing");
  }
}

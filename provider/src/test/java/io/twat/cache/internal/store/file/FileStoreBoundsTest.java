/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.LogCapture;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maxBytes eviction, byte counting, the cache record of a folder, and raw values. */
final class FileStoreBoundsTest {
  @TempDir
  Path temp;

  private final List<FileStore<?>> opened = new ArrayList<>();
  /** The store's warnings: a damaged file one test makes. */
  private final LogCapture log = LogCapture.of(FileStore.class.getName());

  @AfterEach
  void closeStores() {
    opened.forEach(FileStore::close);
    log.close();
    long corrupt = opened.stream().mapToLong(FileStore::corruptReads).sum();
    assertEquals(corrupt, log.warnings().stream().filter(w -> w.contains("is corrupt")).count(),
        () -> "one warning per corrupt read: " + log.warnings());
  }

  private <K> FileStore<K> open(StoreSpec spec) throws StoreException {
    FileStore<K> store =
        FileStore.open(
            temp.resolve("cache"), Serializer.allowing(), spec, FileStore.Options.defaults());
    opened.add(store);
    awaitScan(store);
    return store;
  }

  private static void awaitScan(FileStore<?> store) {
    OpenScans.await(store);
  }

  private static StoreSpec spec(long maxEntries, long maxBytes, StoreListener listener) {
    return TestSpecs.spec("bounded").withMaxEntries(maxEntries).withMaxBytes(maxBytes)
        .withListener(listener);
  }

  private static <K> void put(FileStore<K> store, K key, Object value) throws StoreException {
    StoreEntry entry = new StoreEntry(value, StoreEntry.NEVER);
    store.compute(key, (k, current) -> entry);
  }

  @Test
  void maxBytes_evictsTheLeastRecentlyUsedEntries_downToAboutNinetyPercent() throws Exception {
    AtomicInteger evicted = new AtomicInteger();
    FileStore<Integer> store = open(spec(StoreSpec.UNBOUNDED, 10_000, evicted::addAndGet));
    for (int i = 0; i < 9; i++) {
      put(store, i, new byte[1_000]);
      Files.setLastModifiedTime(store.pathOf(i), FileTime.fromMillis(i * 1_000L));
    }
    long perEntry = Files.size(store.pathOf(0));
    assertEquals(9 * perEntry, store.bytes());
    store.get(0); // a read refreshes key 0

    put(store, 9, new byte[1_000]);
    put(store, 10, new byte[1_000]);

    assertTrue(evicted.get() >= 2, () -> "evicted " + evicted.get());
    assertTrue(store.bytes() <= 10_000, () -> store.bytes() + " bytes left");
    assertNull(store.get(1), "the least recently used goes first");
    assertNotNull(store.get(0), "a read keeps an entry");
    assertNotNull(store.get(10), "the newest stays");
    assertEquals(store.size() * perEntry, store.bytes());
  }

  @Test
  void maxBytes_countsReplacementsAndRemovals() throws Exception {
    FileStore<String> store = open(spec(StoreSpec.UNBOUNDED, 1_000_000, StoreListener.NONE));
    put(store, "k", new byte[100]);
    long small = store.bytes();
    put(store, "k", new byte[5_000]);
    long large = store.bytes();

    assertEquals(4_900, large - small);
    store.compute("k", (k, current) -> null);
    assertEquals(0, store.bytes());
  }

  @Test
  void maxBytes_countsTheFilesAlreadyThereWhenItOpens() throws Exception {
    FileStore<Integer> first =
        open(spec(StoreSpec.UNBOUNDED, StoreSpec.UNBOUNDED, StoreListener.NONE));
    for (int i = 0; i < 5; i++) {
      put(first, i, new byte[500]);
    }
    long perEntry = Files.size(first.pathOf(0));
    first.close();

    FileStore<Integer> reopened = open(spec(StoreSpec.UNBOUNDED, 100_000, StoreListener.NONE));

    assertEquals(5 * perEntry, reopened.bytes());
  }

  @Test
  void bothBounds_whicheverIsPassedFirstEvicts() throws Exception {
    AtomicInteger evicted = new AtomicInteger();
    FileStore<Integer> store = open(spec(3, 1_000_000, evicted::addAndGet));
    for (int i = 0; i < 4; i++) {
      put(store, i, "v" + i);
      Files.setLastModifiedTime(store.pathOf(i), FileTime.fromMillis(i * 1_000L));
    }

    assertTrue(evicted.get() >= 1);
    assertTrue(store.size() <= 3);
    assertTrue(store.describe().contains("3 entries or 1000000 bytes"), store.describe());
  }

  @Test
  void folderRecordsItsCache_andDataOfOtherTypesIsRefusedNamingBoth() throws Exception {
    StoreSpec strings = TestSpecs.spec("users").withTypes(String.class, Integer.class);
    FileStore<String> store = open(strings);
    put(store, "k", 1);
    store.close();
    assertEquals(Optional.of(new PersistedCache("users", "java.lang.String", "java.lang.Integer")),
        FileStore.persisted(temp.resolve("cache")));

    StoreSpec longs = TestSpecs.spec("users").withTypes(Long.class, String.class);
    StoreException e = assertThrows(StoreException.class, () -> open(longs));

    assertTrue(e.getMessage().contains("java.lang.String -> java.lang.Integer"), e.getMessage());
    assertTrue(e.getMessage().contains("java.lang.Long -> java.lang.String"), e.getMessage());
    FileStore<String> again = open(strings);
    assertEquals(1, again.get("k").value(), "the right types attach to the data");
  }

  @Test
  void emptyFolderOfOtherTypes_isTakenOverByTheNewTypes() throws Exception {
    FileStore<String> store = open(TestSpecs.spec("c").withTypes(String.class, Integer.class));
    store.close();

    open(TestSpecs.spec("c").withTypes(Long.class, Long.class));

    assertEquals(
        "java.lang.Long", FileStore.persisted(temp.resolve("cache")).orElseThrow().keyType());
  }

  @Test
  void destroy_deletesTheEntriesAndTheRecord() throws Exception {
    FileStore<String> store =
        open(spec(StoreSpec.UNBOUNDED, StoreSpec.UNBOUNDED, StoreListener.NONE));
    put(store, "k", "v");

    store.destroy();

    assertEquals(0, store.size());
    assertEquals(Optional.empty(), FileStore.persisted(temp.resolve("cache")));
  }

  @Test
  void byteBuffer_isStoredRaw_andReadBackAsAWritableBufferOfItsRemainingBytes() throws Exception {
    FileStore<String> store =
        open(spec(StoreSpec.UNBOUNDED, StoreSpec.UNBOUNDED, StoreListener.NONE));
    ByteBuffer value = ByteBuffer.allocate(10);
    value.put(new byte[] {9, 9, 1, 2, 3}).flip().position(2);
    put(store, "k", value);

    ByteBuffer read = (ByteBuffer) store.get("k").value();

    assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), read);
    assertEquals(2, value.position(), "the caller's buffer is untouched");
    assertEquals(0, read.position());
    read.put(0, (byte) 7);
    assertEquals(1, ((ByteBuffer) store.get("k").value()).get(0), "each read is a copy of its own");
    byte[] file = SlottedFile.recordOf(Files.readAllBytes(store.pathOf("k")));
    assertEquals(
        Serializer.BYTE_BUFFER, file[6], "the value kind in the header is the raw ByteBuffer tag");
  }

  @Test
  void largeRawValues_readThroughAMapping_roundTrip_andAFlippedByteIsStillAMiss() throws Exception {
    FileStore<String> store =
        open(spec(StoreSpec.UNBOUNDED, StoreSpec.UNBOUNDED, StoreListener.NONE));
    byte[] bytes = new byte[(int) EntryReader.MAP_THRESHOLD + 17];
    new java.util.Random(7).nextBytes(bytes);
    double[] doubles = new double[(int) EntryReader.MAP_THRESHOLD / 8 + 3];
    java.util.Arrays.fill(doubles, Math.PI);
    put(store, "bytes", bytes);
    put(store, "buffer", ByteBuffer.wrap(bytes));
    put(store, "doubles", doubles);
    put(store, "text", "x".repeat((int) EntryReader.MAP_THRESHOLD));

    org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, (byte[]) store.get("bytes").value());
    ByteBuffer buffer = (ByteBuffer) store.get("buffer").value();
    assertEquals(ByteBuffer.wrap(bytes), buffer);
    buffer.put(0, (byte) (bytes[0] + 1));
    assertEquals(
        ByteBuffer.wrap(bytes), store.get("buffer").value(), "writing the buffer changes no file");
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        doubles, (double[]) store.get("doubles").value());
    assertEquals((int) EntryReader.MAP_THRESHOLD, ((String) store.get("text").value()).length());

    Path file = store.pathOf("bytes");
    byte[] flipped = Files.readAllBytes(file);
    flipped[flipped.length / 2] ^= 1;
    Files.write(file, flipped);
    assertNull(store.get("bytes"));
    assertEquals(1, store.corruptReads());
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.ChildJvms;
import io.twat.cache.testing.FaultyFileSystem;
import io.twat.cache.testing.FaultyFileSystem.Operation;
import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache destroyed and created again while a store still holds its folder open (issue 16, item
 * 3). Two stores in one JVM over one folder stand for two processes: what goes stale is the
 * holder's own state (the creation it opened), and everything it meets of the new cache is in
 * the folder. The holder's changes fail, naming what happened, rather than land where nobody
 * reads them; it never reads a value of the new cache (of other types), and its files never
 * reach the new cache.
 */
final class FileStoreRecreatedTest {
  @TempDir
  Path temp;

  private final List<FileStore<String>> opened = new ArrayList<>();
  private final LogCapture log = LogCapture.of(FileStore.class.getName());

  @AfterEach
  void close() {
    opened.forEach(FileStore::close);
    log.close();
  }

  private Path folder() {
    return temp.resolve("cache");
  }

  private FileStore<String> open(Class<?> valueType) throws StoreException {
    return open(valueType, FileSystem.system());
  }

  private FileStore<String> open(Class<?> valueType, FileSystem fileSystem)
      throws StoreException {
    StoreSpec spec = TestSpecs.spec("shared").withTypes(String.class, valueType);
    FileStore<String> store = FileStore.open(folder(), Serializer.allowing(), spec,
        FileStore.Options.defaults().withFileSystem(fileSystem));
    opened.add(store);
    return store;
  }

  private static StoreEntry entry(Object value) {
    return new StoreEntry(value, StoreEntry.NEVER);
  }

  private static void put(FileStore<String> store, String key, Object value)
      throws StoreException {
    store.compute(key, (k, current) -> entry(value));
  }

  private long entryFiles() throws IOException {
    try (Stream<Path> files = Files.walk(folder())) {
      return files.filter(path -> FolderLayout.isEntryName(path.getFileName().toString()))
          .count();
    }
  }

  private static void assertDestroyed(StoreException e) {
    String message = e.getMessage();
    assertTrue(message.contains("\"shared\"") && message.contains("destroyed")
        && message.contains("get it again"), message);
  }

  @Test
  void holder_ofACacheRecreatedWithOtherTypes_failsItsWrites_andNeverServesTheirValues()
      throws Exception {
    FileStore<String> holder = open(String.class);
    put(holder, "k", "old");
    open(String.class).destroy();
    FileStore<String> recreated = open(Long.class);
    put(recreated, "k", 42L);

    for (int i = 0; i < 100; i++) {
      String key = "k" + i;
      assertDestroyed(assertThrows(StoreException.class, () -> put(holder, key, "stale")));
    }
    assertDestroyed(assertThrows(StoreException.class, () -> holder.get("k")));
    assertDestroyed(assertThrows(StoreException.class,
        () -> holder.compute("k", (k, current) -> null)));
    Iterator<Map.Entry<String, StoreEntry>> seen = holder.iterator();
    assertTrue(!seen.hasNext(), "the holder iterates none of the Long cache's entries");
    assertDestroyed(assertThrows(StoreException.class, holder::clear));

    assertEquals(42L, recreated.get("k").value());
    assertEquals(1, entryFiles(), "nothing of the holder's landed in the folder");
    assertNull(recreated.get("k7"));
    assertEquals(0, recreated.corruptReads());
  }

  @Test
  void holder_ofACacheRecreatedWithTheSameTypes_failsItsWrites_insteadOfOrphaningThem()
      throws Exception {
    FileStore<String> holder = open(String.class);
    put(holder, "a", "old");
    FileStore.destroyFolder(folder()); // as a manager that does not hold the cache destroys it
    FileStore<String> recreated = open(String.class);

    assertDestroyed(assertThrows(StoreException.class, () -> put(holder, "b", "stale")));
    // destroyed: a read that misses says so too, rather than missing without a word
    assertDestroyed(assertThrows(StoreException.class, () -> holder.get("a")));
    put(recreated, "a", "new");
    assertDestroyed(assertThrows(StoreException.class, () -> holder.get("a")));

    assertNull(recreated.get("b"));
    assertEquals("new", recreated.get("a").value());
    assertEquals(1, entryFiles());
  }

  @Test
  void holder_ofADestroyedCache_notRecreated_failsItsWrites_andItsDestroyIsANoOp()
      throws Exception {
    FileStore<String> holder = open(String.class);
    FileStore<String> destroyer = open(String.class);
    destroyer.destroy();

    assertDestroyed(assertThrows(StoreException.class, () -> put(holder, "k", "v")));
    assertEquals(0, entryFiles());

    FileStore<String> recreated = open(Long.class);
    put(recreated, "n", 1L);
    holder.destroy(); // the holder's cache is gone already; the new one is not its to destroy
    assertEquals(1L, recreated.get("n").value());
  }

  @Test
  void anotherJvm_destroyingAndRecreatingWithOtherTypes_whileThisOneWrites_orphansNoWrite()
      throws Exception {
    FileStore<String> holder = open(String.class);
    put(holder, "k", "old");
    long acknowledged = 0;
    try (ChildJvms jvms = new ChildJvms(FileStoreWorker.class, temp)) {
      Process child = jvms.start("recreate.log", "recreate", folder().toString());
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      int failuresInARow = 0;
      for (long i = 0; failuresInARow < 100 && System.nanoTime() < deadline; i++) {
        try {
          put(holder, "h" + i, "stale");
          acknowledged++;
          failuresInARow = 0;
        } catch (StoreException e) {
          assertDestroyed(e);
          failuresInARow++;
        }
      }
      jvms.finish(child, "recreate.log", /* minutes= */ 1);
      assertEquals(100, failuresInARow, "the holder noticed");
    }

    long generation = CacheInfo.generation(FileSystem.system(), folder());
    try (Stream<Path> files = Files.walk(folder())) {
      for (Path file : files.filter(path -> FolderLayout.isEntryName(
          path.getFileName().toString())).toList()) {
        byte[] record = SlottedFile.recordOf(Files.readAllBytes(file));
        assertEquals(generation, EntryFormat.decode(record).generation(),
            () -> file + " is an orphan of the destroyed cache");
      }
    }
    assertEquals(1, entryFiles(), acknowledged + " acknowledged writes before the destroy: gone");
    assertEquals(42L, open(Long.class).get(FileStoreWorker.RECREATED).value());
    assertDestroyed(assertThrows(StoreException.class,
        () -> holder.get(FileStoreWorker.RECREATED)));
  }

  @Test
  void largeEntry_ofTheNewCache_readThroughAMapping_isNotServedToTheHolder() throws Exception {
    FileStore<String> holder = open(byte[].class);
    open(byte[].class).destroy();
    FileStore<String> recreated = open(byte[].class);
    byte[] large = new byte[(int) EntryReader.MAP_THRESHOLD + 10];
    large[7] = 7;
    put(recreated, "big", large);

    assertDestroyed(assertThrows(StoreException.class, () -> holder.get("big")));
    assertArrayEquals(large, (byte[]) recreated.get("big").value());
  }

  @Test
  void write_thatLandsAfterTheCacheWasDestroyed_isTakenBack_andFails() throws Exception {
    // destroys and re-creates the cache between the holder's check and its rename
    FaultyFileSystem destroyingOnRename = new FaultyFileSystem(FileSystem.system());
    destroyingOnRename.beforeNext(Operation.MOVE,
        path -> FolderLayout.isEntryName(path.getFileName().toString()), path -> {
          try {
            FileStore.destroyFolder(folder());
            open(Long.class);
          } catch (StoreException e) {
            throw new IOException(e);
          }
        });
    FileStore<String> holder = open(String.class, destroyingOnRename);

    assertDestroyed(assertThrows(StoreException.class, () -> put(holder, "k", "late")));

    assertEquals(0, entryFiles(), "the late file was deleted");
    assertNull(open(Long.class).get("k"));
  }

  @Test
  void folderOfAnEarlierVersion_opensWithItsEntries_andGetsAGeneration() throws Exception {
    Path folder = folder();
    FileStore<String> first = open(String.class);
    put(first, "k", "v");
    Path file = first.pathOf("k");
    first.close();
    // as version 1 wrote them: a record without generation, an entry without one
    Files.writeString(folder.resolve(CacheInfo.FILE_NAME), """
        format=1
        cache=shared
        keyType=java.lang.String
        valueType=java.lang.String
        """, StandardCharsets.UTF_8);
    Files.write(file, toVersion1(SlottedFile.recordOf(Files.readAllBytes(file))));

    FileStore<String> reopened = open(String.class);

    assertEquals("v", reopened.get("k").value());
    String record = Files.readString(folder.resolve(CacheInfo.FILE_NAME), StandardCharsets.UTF_8);
    assertTrue(record.contains("format=" + CacheInfo.FORMAT + "\n")
        && record.contains("\ngeneration="), record);
    assertNotEquals(EntryFormat.NO_GENERATION, CacheInfo.generation(FileSystem.system(), folder));
    put(reopened, "k", "w");
    assertEquals("w", open(String.class).get("k").value());
  }

  @Test
  void folderOfFormat2_opensWithItsEntries_andIsRecordedAsFormat3_withTheSameGeneration()
      throws Exception {
    Path folder = folder();
    FileStore<String> first = open(String.class);
    put(first, "k", "v");
    Path file = first.pathOf("k");
    first.close();
    long generation = CacheInfo.generation(FileSystem.system(), folder);
    // as version 2 wrote them: a record of format 2, an entry file of version 2 at offset 0
    Path info = folder.resolve(CacheInfo.FILE_NAME);
    String written = Files.readString(info, StandardCharsets.UTF_8);
    assertTrue(written.contains("format=" + CacheInfo.FORMAT + "\n"), written);
    Files.writeString(info, written.replace("format=" + CacheInfo.FORMAT + "\n", "format="
        + EntryFormat.VERSION + "\n"), StandardCharsets.UTF_8);
    byte[] plain = SlottedFile.recordOf(Files.readAllBytes(file));
    Files.write(file, plain);

    FileStore<String> reopened = open(String.class);

    assertEquals("v", reopened.get("k").value());
    String record = Files.readString(info, StandardCharsets.UTF_8);
    assertTrue(record.contains("format=" + CacheInfo.FORMAT + "\n"), record);
    assertEquals(written, record, "rewritten as format 3, otherwise as it was");
    assertEquals(generation, CacheInfo.generation(FileSystem.system(), folder));
    assertArrayEquals(plain, Files.readAllBytes(file), "the entry file stays as it was");
    put(reopened, "k", "w");
    assertTrue(SlottedFile.isSlotted(Files.readAllBytes(file)), "a change writes a slotted file");
    assertEquals("w", open(String.class).get("k").value());
    assertEquals(0, reopened.corruptReads());
  }

  /** Rewrites a plain version 2 entry file as version 1 wrote it: no generation. */
  static byte[] toVersion1(byte[] file) {
    int body = file.length - EntryFormat.HEADER_SIZE - EntryFormat.TRAILER_SIZE;
    ByteBuffer out = ByteBuffer.allocate(EntryFormat.HEADER_SIZE_1 + body
        + EntryFormat.TRAILER_SIZE);
    out.put(file, 0, EntryFormat.HEADER_SIZE_1).put(file, EntryFormat.HEADER_SIZE, body);
    out.put(4, EntryFormat.VERSION_1);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }
}

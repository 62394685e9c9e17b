/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage in a cache folder never blocks the cache: a damaged record ({@code .cache-info} empty,
 * truncated, garbled, or a folder) is moved aside with one WARNING and recorded again, the entries
 * stay readable and puts work; a folder where an entry file should be is moved aside (or deleted if
 * empty) with one WARNING, so that the key is a miss and can be written. A record that names
 * another cache is refused, naming both.
 */
final class FileStoreDamageTest {
  private static final StoreSpec SPEC = TestSpecs.spec("damaged");
  private static final int ENTRIES = 210;

  @TempDir
  Path temp;

  private final List<FileStore<?>> opened = new ArrayList<>();
  private final Warnings log = new Warnings(Logger.getLogger(FileStore.class.getName()));

  @AfterEach
  void closeStores() {
    opened.forEach(FileStore::close);
    log.close();
  }

  /** Collects the WARNINGs (and above) a logger publishes, formatted, while open. */
  private static final class Warnings extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    Warnings(Logger logger) {
      this.logger = logger;
      logger.addHandler(this);
      // Captured, not printed: the warnings are what these tests provoke and check.
      logger.setUseParentHandlers(false);
    }

    List<String> warnings() {
      return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        messages.add(formatter.formatMessage(record));
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
      logger.removeHandler(this);
      logger.setUseParentHandlers(true);
    }
  }

  private Path folder() {
    return temp.resolve("cache");
  }

  private Path record() {
    return folder().resolve(CacheInfo.FILE_NAME);
  }

  private <K> FileStore<K> open(StoreSpec spec) throws StoreException {
    FileStore<K> store =
        FileStore.open(folder(), Serializer.allowing(), spec, FileStore.Options.defaults());
    opened.add(store);
    OpenScans.await(store);
    return store;
  }

  private static <K> void put(FileStore<K> store, K key, Object value) throws StoreException {
    StoreEntry entry = new StoreEntry(value, StoreEntry.NEVER);
    store.compute(key, (k, current) -> entry);
  }

  private static Object valueOf(FileStore<String> store, String key) throws StoreException {
    StoreEntry entry = store.get(key);
    return entry == null ? null : entry.value();
  }

  /** Fills a store with {@value #ENTRIES} entries and closes it. */
  private void fill() throws StoreException {
    FileStore<String> store = open(SPEC);
    for (int i = 0; i < ENTRIES; i++) {
      put(store, "k" + i, "v" + i);
    }
    store.close();
  }

  private void assertReopensWithEntries(String damage) throws Exception {
    FileStore<String> store = open(SPEC);

    for (int i = 0; i < ENTRIES; i++) {
      assertEquals("v" + i, valueOf(store, "k" + i), "entry " + i);
    }
    assertEquals(ENTRIES, store.size());
    put(store, "new", "value");
    assertEquals("value", valueOf(store, "new"));
    assertEquals(Optional.of(new PersistedCache("damaged", "java.lang.Object",
        "java.lang.Object", Map.of())), FileStore.persisted(folder()), "rebuilt");
    assertTrue(Files.exists(folder().resolve(CacheInfo.DAMAGED_NAME)), "moved aside");
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains(damage) && warnings.get(0).contains(".cache-info.damaged"),
        warnings.get(0));
  }

  @Test
  void emptyRecord_isMovedAside_andTheEntriesStayReadable() throws Exception {
    fill();
    Files.write(record(), new byte[0]);
    assertThrows(StoreException.class, () -> FileStore.persisted(folder()), "listing skips it");

    assertReopensWithEntries("empty");
  }

  @Test
  void truncatedRecord_isMovedAside_andTheEntriesStayReadable() throws Exception {
    fill();
    byte[] whole = Files.readAllBytes(record());
    Files.write(record(), Arrays.copyOf(whole, whole.length - 5));

    assertReopensWithEntries("truncated");
  }

  @Test
  void recordCutInsideItsFirstLines_isMovedAside() throws Exception {
    fill();
    Files.writeString(record(), "format=1\ncache=damaged\n", StandardCharsets.UTF_8);

    assertReopensWithEntries("lacks");
  }

  @Test
  void garbledRecord_isMovedAside_andTheEntriesStayReadable() throws Exception {
    fill();
    byte[] garbage = new byte[300];
    new Random(7).nextBytes(garbage);
    garbage[0] = (byte) 0xff; // never UTF-8
    Files.write(record(), garbage);

    assertReopensWithEntries("not UTF-8");
  }

  @Test
  void recordWithAGarbledFormat_isMovedAside() throws Exception {
    fill();
    String text = Files.readString(record(), StandardCharsets.UTF_8)
        .replace("format=" + CacheInfo.FORMAT, "format=?");
    Files.writeString(record(), text, StandardCharsets.UTF_8);

    assertReopensWithEntries("not a version number");
  }

  @Test
  void folderInPlaceOfTheRecord_isMovedAside() throws Exception {
    fill();
    Files.delete(record());
    Files.createDirectories(record().resolve("inside"));

    assertReopensWithEntries("not a regular file");
    assertTrue(Files.isDirectory(folder().resolve(CacheInfo.DAMAGED_NAME).resolve("inside")));
  }

  @Test
  void secondDamage_replacesTheFirstCopySetAside() throws Exception {
    fill();
    Files.write(record(), new byte[0]);
    open(SPEC).close();
    Files.writeString(record(), "format=1\ncache=dam", StandardCharsets.UTF_8);

    FileStore<String> store = open(SPEC);

    assertEquals("v1", valueOf(store, "k1"));
    assertEquals("format=1\ncache=dam",
        Files.readString(folder().resolve(CacheInfo.DAMAGED_NAME), StandardCharsets.UTF_8));
    assertEquals(2, log.warnings().size(), log.warnings()::toString);
  }

  @Test
  void recordOfAnotherFormatVersion_stillFails_asItIsNoDamage() throws Exception {
    fill();
    String text = Files.readString(record(), StandardCharsets.UTF_8)
        .replace("format=" + CacheInfo.FORMAT, "format=9");
    Files.writeString(record(), text, StandardCharsets.UTF_8);

    StoreException e = assertThrows(StoreException.class, () -> open(SPEC));
    assertTrue(e.getMessage().contains("entry format 9"), e.getMessage());
    assertFalse(Files.exists(folder().resolve(CacheInfo.DAMAGED_NAME)));
  }

  @Test
  void recordOfAnotherCache_isRefused_namingBoth() throws Exception {
    fill();

    StoreException e = assertThrows(StoreException.class, () -> open(TestSpecs.spec("other")));

    assertTrue(e.getMessage().contains("\"damaged\"") && e.getMessage().contains("\"other\""),
        e.getMessage());
    assertEquals("damaged", FileStore.persisted(folder()).orElseThrow().cacheName(), "kept");
    FileStore<String> store = open(SPEC);
    assertEquals("v0", valueOf(store, "k0"));
  }

  @Test
  void folderAtAnEntryPath_isMovedAside_getMisses_andPutWorks() throws Exception {
    FileStore<String> store = open(SPEC);
    put(store, "other", "kept");
    Path entry = store.pathOf("key");
    Files.createDirectories(entry.resolve("something"));

    assertNull(store.get("key"));
    put(store, "key", "written");

    assertEquals("written", valueOf(store, "key"));
    assertTrue(Files.isRegularFile(entry));
    assertEquals("kept", valueOf(store, "other"));
    List<Path> quarantined = quarantined();
    assertEquals(1, quarantined.size(), quarantined::toString);
    assertTrue(Files.isDirectory(quarantined.get(0).resolve("something")));
    assertEquals(2, store.size());
    assertEquals(1, store.corruptReads());
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains(quarantined.get(0).toString()), warnings.get(0));
  }

  @Test
  void folderAtAnEntryPath_isMovedAsideByAPut() throws Exception {
    FileStore<String> store = open(SPEC);
    Path entry = store.pathOf("key");
    Files.createDirectories(entry.resolve("something"));

    put(store, "key", "written");

    assertEquals("written", valueOf(store, "key"));
    assertEquals(1, quarantined().size());
    assertEquals(1, store.size());
    assertEquals(1, log.warnings().size(), log.warnings()::toString);
  }

  @Test
  void emptyFolderAtAnEntryPath_isDeleted() throws Exception {
    FileStore<String> store = open(SPEC);
    Path entry = store.pathOf("key");
    Files.createDirectories(entry);

    assertNull(store.get("key"));

    assertFalse(Files.exists(entry));
    assertEquals(List.of(), quarantined());
    assertEquals(1, log.warnings().size(), log.warnings()::toString);
    assertTrue(log.warnings().get(0).contains("empty folder"), log.warnings().get(0));
    put(store, "key", "written");
    assertEquals("written", valueOf(store, "key"));
  }

  @Test
  void folderAtAnEntryPath_isMovedAsideByARemove() throws Exception {
    FileStore<String> store = open(SPEC);
    Path entry = store.pathOf("key");
    Files.createDirectories(entry.resolve("something"));

    store.compute("key", (k, current) -> null);

    assertFalse(Files.exists(entry));
    assertEquals(1, quarantined().size());
    assertEquals(0, store.size());
  }

  @Test
  void folderAtAnEntryPath_neverBlocksEviction() throws Exception {
    FileStore<String> store = open(TestSpecs.spec("damaged").withMaxEntries(5));
    Path entry = store.pathOf("key");
    Files.createDirectories(entry.resolve("something"));

    for (int i = 0; i < 20; i++) {
      put(store, "k" + i, "v" + i);
    }

    assertTrue(store.size() <= 6, "evicted down to the bound, was " + store.size());
    assertEquals(List.of(), log.warnings());
    assertTrue(Files.isDirectory(entry.resolve("something")), "left for its key's next use");
  }

  private List<Path> quarantined() throws IOException {
    try (Stream<Path> paths = Files.walk(folder())) {
      return paths.filter(path -> path.getFileName().toString().endsWith(".quarantined")).toList();
    }
  }
}

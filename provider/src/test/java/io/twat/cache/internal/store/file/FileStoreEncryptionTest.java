/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.crypto.Keyring;
import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.crypto.TestKeys;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encryption at rest: what an encrypted file hides, and that tampering, swapping and wrong keys are
 * misses.
 */
final class FileStoreEncryptionTest {
  private static final StoreSpec SPEC = TestSpecs.spec("secret");

  @TempDir
  Path temp;

  private final SecretKey key = TestKeys.newKey();
  private final List<FileStore<?>> opened = new ArrayList<>();
  /** The store's warnings: the damaged, foreign and wrongly keyed files these tests make. */
  private final LogCapture log = LogCapture.of(FileStore.class.getName());

  @AfterEach
  void closeStores() {
    opened.forEach(FileStore::close);
    log.close();
    long corrupt = opened.stream().mapToLong(FileStore::corruptReads).sum();
    assertEquals(corrupt, log.warnings().stream().filter(w -> w.contains("is corrupt")).count(),
        () -> "one warning per corrupt read: " + log.warnings());
  }

  private <K> FileStore<K> open(Keyring keys) throws StoreException {
    FileStore.Options options = FileStore.Options.defaults().withCompression(Compression.DEFLATE, 0)
        .withSealer(keys == null ? null : new Sealer(keys));
    FileStore<K> store =
        FileStore.open(temp.resolve("cache"), Serializer.allowing(), SPEC, options);
    opened.add(store);
    return store;
  }

  private static <K> void put(FileStore<K> store, K key, Object value) throws StoreException {
    StoreEntry entry = new StoreEntry(value, StoreEntry.NEVER);
    store.compute(key, (k, current) -> entry);
  }

  @Test
  void encryptedEntry_roundTrips_andItsFileShowsNeitherKeyNorValue() throws Exception {
    FileStore<String> store = open(Keyring.of(key));
    put(store, "customer-4711", "card 4111 1111 1111 1111");

    assertEquals("card 4111 1111 1111 1111", store.get("customer-4711").value());
    byte[] slotted = Files.readAllBytes(store.pathOf("customer-4711"));
    String text = new String(slotted, StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("customer"), "the key is encrypted");
    assertFalse(text.contains("4111"), "the value is encrypted");
    byte[] file = SlottedFile.recordOf(slotted);
    assertEquals(EntryFormat.FLAG_ENCRYPTED, file[5] & EntryFormat.FLAG_ENCRYPTED);
    assertTrue(store.describe().contains("encrypted (AES-256-GCM"), store.describe());
  }

  @Test
  void tamperedFile_withAValidChecksum_isAMissThatIsCountedAndDeleted() throws Exception {
    FileStore<String> store = open(Keyring.of(key));
    put(store, "k", "the real value");
    Path file = store.pathOf("k");
    byte[] original = SlottedFile.recordOf(Files.readAllBytes(file));

    for (int i = EntryFormat.HEADER_SIZE; i < original.length - EntryFormat.TRAILER_SIZE; i++) {
      byte[] tampered = original.clone();
      tampered[i] ^= 0x01;
      // the record's checksum and its slot's are valid: only authentication can tell
      Files.write(file, SlottedFileTest.fileOf(EntryFormatTest.resign(tampered)));

      assertNull(store.get("k"), "byte " + i);
      assertFalse(Files.exists(file), "the tampered file is deleted");
    }
    assertEquals(
        original.length - EntryFormat.HEADER_SIZE - EntryFormat.TRAILER_SIZE, store.corruptReads());
  }

  @Test
  void changedDeadline_withAValidChecksum_isAMiss() throws Exception {
    FileStore<String> store = open(Keyring.of(key));
    StoreEntry expiring = new StoreEntry("v", 1_000L);
    store.compute("k", (k, current) -> expiring);
    Path file = store.pathOf("k");
    byte[] prolonged = SlottedFile.recordOf(Files.readAllBytes(file));
    java.nio.ByteBuffer.wrap(prolonged).putLong(8, StoreEntry.NEVER);
    Files.write(file, SlottedFileTest.fileOf(EntryFormatTest.resign(prolonged)));

    assertNull(store.get("k"));
    assertEquals(1, store.corruptReads());
  }

  @Test
  void fileCopiedOverAnotherEntry_isDetected_notReadAsThatEntry() throws Exception {
    FileStore<String> store = open(Keyring.of(key));
    put(store, "alice", "alice's value");
    put(store, "bob", "bob's value");

    Files.copy(store.pathOf("alice"), store.pathOf("bob"), StandardCopyOption.REPLACE_EXISTING);

    assertNull(store.get("bob"));
    assertEquals(1, store.corruptReads());
    assertEquals("alice's value", store.get("alice").value());
  }

  @Test
  void storeWithTheWrongKey_missesAndCounts_neverReturnsData() throws Exception {
    FileStore<String> writer = open(Keyring.of(key));
    put(writer, "k", "v");
    writer.close();

    FileStore<String> reader = open(Keyring.of(TestKeys.newKey()));

    assertNull(reader.get("k"));
    assertEquals(1, reader.corruptReads());
  }

  @Test
  void rotatedKey_readsOldEntries_andWritesNewOnesWithTheNewKey() throws Exception {
    FileStore<String> before = open(Keyring.of(key));
    put(before, "old", "written before the rotation");
    before.close();

    SecretKey newKey = TestKeys.newKey();
    FileStore<String> rotated = open(Keyring.of(newKey, List.of(key)));
    assertEquals("written before the rotation", rotated.get("old").value());
    put(rotated, "new", "written after");
    rotated.close();

    FileStore<String> onlyNew = open(Keyring.of(newKey));
    assertEquals("written after", onlyNew.get("new").value());
    assertNull(onlyNew.get("old"), "the old entry needs the old key");
    assertEquals(1, onlyNew.corruptReads());
  }

  @Test
  void plainFile_inAnEncryptingStore_isRefused_andEncryptedFile_inAPlainStoreIsAMiss()
      throws Exception {
    FileStore<String> plain = open(null);
    put(plain, "planted", "attacker's value");
    plain.close();

    FileStore<String> encrypting = open(Keyring.of(key));
    assertNull(encrypting.get("planted"));
    assertEquals(1, encrypting.corruptReads());
    put(encrypting, "k", "secret");
    encrypting.close();

    FileStore<String> keyless = open(null);
    assertNull(keyless.get("k"));
    assertEquals(1, keyless.corruptReads());
  }

  @Test
  void iterator_decryptsKeysAndValues_andSkipsTamperedFiles() throws Exception {
    FileStore<String> store = open(Keyring.of(key));
    put(store, "a", "1");
    put(store, "b", "2");
    Files.copy(store.pathOf("a"), store.pathOf("b"), StandardCopyOption.REPLACE_EXISTING);

    List<String> seen = new ArrayList<>();
    for (Iterator<Map.Entry<String, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
      Map.Entry<String, StoreEntry> entry = it.next();
      seen.add(entry.getKey() + "=" + entry.getValue().value());
    }

    assertEquals(List.of("a=1"), seen);
    assertEquals(1, store.corruptReads());
  }

  @Test
  void largeCompressedValue_roundTripsEncrypted() throws Exception {
    FileStore<String> store = open(Keyring.of(key));
    byte[] value = new byte[200_000];
    put(store, "big", value);

    assertArrayEquals(value, (byte[]) store.get("big").value());
    assertTrue(Files.size(store.pathOf("big")) < 10_000, "compressed before it was encrypted");
    assertTrue(
        store.compressionSavedBytes() > 190_000, () -> "saved " + store.compressionSavedBytes());
  }
}

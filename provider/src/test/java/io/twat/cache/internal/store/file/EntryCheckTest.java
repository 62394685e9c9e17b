/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.crypto.Keyring;
import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.crypto.TestKeys;
import io.twat.cache.internal.io.FileSystem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EntryCheck}'s checks with and without the keys, and its quarantine with them. */
class EntryCheckTest {
  @TempDir
  Path folder;

  private final Sealer sealer = new Sealer(Keyring.of(TestKeys.newKey()));

  /** Writes the entry of {@code key} as a store with {@code keys} writes it; returns its file. */
  private Path write(String key, String value, Sealer keys, Compression compression)
      throws Exception {
    FolderLayout.Location location = new FolderLayout(folder, FileSystem.system())
        .locate(key.getBytes(StandardCharsets.UTF_8));
    byte[] file = EntryFormat.encode(location.key(), value.getBytes(StandardCharsets.UTF_8),
        Long.MAX_VALUE, compression, /* compressThreshold= */ 16, keys, location.hash(),
        /* generation= */ 7L);
    Files.createDirectories(location.path().getParent());
    Files.write(location.path(), file);
    return location.path();
  }

  /** Flips one bit of {@code file} at {@code offset} and makes its CRC32C match again. */
  private static void flipWithMatchingChecksum(Path file, int offset) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    bytes[offset] ^= 0x01;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - EntryFormat.TRAILER_SIZE);
    ByteBuffer.wrap(bytes).putInt(bytes.length - EntryFormat.TRAILER_SIZE, (int) crc.getValue());
    Files.write(file, bytes);
  }

  @Test
  void sealedEntry_opensWithItsKeys_plainAndDeflated() throws Exception {
    for (Compression compression : Compression.values()) {
      Path file = write("k-" + compression, "v".repeat(200), sealer, compression);
      EntryCheck.Result result = EntryCheck.check(file, sealer);
      assertTrue(result.opens(), result::toString);
      assertTrue(result.encrypted());
      assertEquals(Long.MAX_VALUE, result.expiresAt());
      assertEquals(Optional.empty(), EntryCheck.check(file).sealDamage());
    }
  }

  @Test
  void changedCiphertextWithMatchingChecksum_isWholeWithoutTheKey_andDoesNotOpenWithIt()
      throws Exception {
    Path file = write("k", "value", sealer, Compression.NONE);
    flipWithMatchingChecksum(file, (int) Files.size(file) - EntryFormat.TRAILER_SIZE - 3);
    assertTrue(EntryCheck.check(file).opens()); // without keys, nothing to tell
    EntryCheck.Result result = EntryCheck.check(file, sealer);
    assertTrue(result.whole());
    assertFalse(result.opens());
    assertTrue(result.sealDamage().orElseThrow().startsWith(
        "does not open with the key: authentication failed"), result::toString);
  }

  @Test
  void entryMovedToAnotherName_orOtherKeys_orPlain_doesNotOpen() throws Exception {
    Path one = write("one", "first", sealer, Compression.NONE);
    Path two = write("two", "second", sealer, Compression.NONE);
    Files.copy(one, two, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertTrue(EntryCheck.check(two, sealer).sealDamage().isPresent());
    Sealer other = new Sealer(Keyring.of(TestKeys.newKey()));
    EntryCheck.Result otherKeys = EntryCheck.check(one, other);
    assertTrue(otherKeys.sealDamage().orElseThrow().contains("key id"), otherKeys::toString);
    Path plain = write("plain", "value", /* keys= */ null, Compression.NONE);
    assertTrue(EntryCheck.check(plain).opens());
    assertTrue(EntryCheck.check(plain, sealer).sealDamage().orElseThrow()
        .contains("not encrypted"));
  }

  @Test
  void slottedFile_isCheckedForItsNewestWholeRecord_andOneWithNoWholeSlotIsDamaged()
      throws Exception {
    Path file = write("k", "old", sealer, Compression.NONE);
    byte[] old = Files.readAllBytes(file);
    Path other = write("k", "new", sealer, Compression.NONE);
    assertEquals(file, other);
    byte[] newer = Files.readAllBytes(file);
    byte[] slotted = SlottedFileTest.withSlot(SlottedFileTest.fileOf(old), 1, 2, newer);
    // slot 1 torn as a change killed halfway leaves it: slot 0 is then the newest whole one
    byte[] torn = slotted.clone();
    torn[torn.length - 1] ^= 1;
    byte[] neither = torn.clone();
    neither[SlottedFile.FILE_HEADER + SlottedFile.SLOT_HEADER + 1] ^= 1;

    for (byte[] bytes : new byte[][] {slotted, torn}) {
      Files.write(file, bytes);
      EntryCheck.Result result = EntryCheck.check(file, sealer);
      assertTrue(result.opens(), result::toString);
      assertTrue(result.encrypted());
      assertEquals(Long.MAX_VALUE, result.expiresAt());
    }
    Files.write(file, neither);
    EntryCheck.Result result = EntryCheck.check(file, sealer);
    assertEquals(Optional.of(SlottedFile.NO_WHOLE_SLOT), result.damage());
    assertFalse(result.whole());
    // a whole slot whose record was changed with its checksums made to match: only the key tells
    byte[] changed = newer.clone();
    changed[changed.length - EntryFormat.TRAILER_SIZE - 3] ^= 0x01;
    Files.write(file, SlottedFileTest.withSlot(SlottedFileTest.fileOf(old), 1, 2,
        EntryFormatTest.resign(changed)));
    EntryCheck.Result tampered = EntryCheck.check(file, sealer);
    assertTrue(tampered.whole(), tampered::toString);
    assertTrue(tampered.sealDamage().orElseThrow().startsWith(
        "does not open with the key: authentication failed"), tampered::toString);
  }

  @Test
  void damageFoundWithoutTheKey_isNotOpened() throws Exception {
    Path file = write("k", "value", sealer, Compression.NONE);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 10] ^= 0x01; // the checksum no longer matches
    Files.write(file, bytes);
    EntryCheck.Result result = EntryCheck.check(file, sealer);
    assertEquals(Optional.of("checksum mismatch"), result.damage());
    assertEquals(Optional.empty(), result.sealDamage());
  }

  @Test
  void quarantineWithKeys_movesWhatDoesNotOpen_andLeavesWhatDoes() throws Exception {
    Path whole = write("whole", "value", sealer, Compression.NONE);
    Path changed = write("changed", "value", sealer, Compression.NONE);
    flipWithMatchingChecksum(changed, EntryFormat.HEADER_SIZE + 20);
    assertEquals(Optional.empty(), EntryCheck.quarantine(changed)); // whole without the key
    assertEquals(Optional.empty(), EntryCheck.quarantine(whole, sealer));
    Path aside = EntryCheck.quarantine(changed, sealer).orElseThrow();
    assertTrue(aside.getFileName().toString().endsWith(".quarantined"), aside::toString);
    assertFalse(Files.exists(changed));
    assertTrue(Files.exists(whole));
  }
}

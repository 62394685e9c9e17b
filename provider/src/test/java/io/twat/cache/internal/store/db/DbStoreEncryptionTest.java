/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.twat.cache.internal.crypto.Keyring;
import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.crypto.TestKeys;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values of an encrypting db store are unreadable in the table, and a changed or moved one is a
 * miss.
 */
final class DbStoreEncryptionTest {
  private static final String SECRET = "the secret value";

  @TempDir
  Path temp;

  /** The store's warnings: one per row that fails authentication. */
  private final LogCapture log = LogCapture.of(DbStore.class.getName());

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  private DbStore<String> open(Keyring keys) throws StoreException {
    return DbStore.openEmbedded(temp, Serializer.allowing(),
        TestSpecs.spec("sealed"),
        DbStore.Options.defaults().withSealer(keys == null ? null : new Sealer(keys)));
  }

  private static void put(DbStore<String> store, String key, String value) throws StoreException {
    store.compute(key, (k, old) -> new StoreEntry(value, StoreEntry.NEVER));
  }

  /**
   * Runs SQL on the database file while the store has it open (mixed mode lets a second connection
   * in).
   */
  private Connection sql() throws Exception {
    return EmbeddedDb.connect(temp);
  }

  private byte[] valueColumn() throws Exception {
    try (Connection connection = sql(); PreparedStatement select = connection.prepareStatement(
        "SELECT value_bytes FROM twat_row ORDER BY key_hash")) {
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getBytes(1);
      }
    }
  }

  @Test
  void encryptedValues_roundTrip_andAreNotInTheClearInTheTable() throws Exception {
    try (DbStore<String> store = open(Keyring.of(TestKeys.newKey()))) {
      put(store, "k", SECRET);

      assertEquals(SECRET, store.get("k").value());
      String stored = new String(valueColumn(), StandardCharsets.ISO_8859_1);
      assertFalse(stored.contains(SECRET), "the value column holds the plaintext");
    }
  }

  @Test
  void aValueMovedToAnotherKeysRow_failsAuthentication_andIsACountedMiss() throws Exception {
    try (DbStore<String> store = open(Keyring.of(TestKeys.newKey()))) {
      put(store, "a", SECRET);
      put(store, "b", "other");
      try (Connection connection = sql();
          PreparedStatement move =
              connection.prepareStatement(
                  "UPDATE twat_row SET value_bytes = (SELECT value_bytes FROM twat_row e WHERE"
                      + " e.key_bytes = ?), checksum = ? WHERE key_bytes = ?")) {
        // Recompute the row checksum so that only authentication can catch the move.
        byte[] keyA = Serializer.allowing().toBytes("a");
        byte[] keyB = Serializer.allowing().toBytes("b");
        byte[] valueA = rowValue(connection, keyA);
        move.setBytes(1, keyA);
        move.setInt(2, RowFormat.checksum(keyB, valueA, StoreEntry.NEVER));
        move.setBytes(3, keyB);
        assertEquals(1, move.executeUpdate());
      }

      assertNull(store.get("b"), "a value sealed for key a must not read as key b's");
      assertEquals(1, store.corruptReads());
      assertEquals(1, log.warnings().size(), () -> "warnings: " + log.warnings());
      assertEquals(SECRET, store.get("a").value());
    }
  }

  private static byte[] rowValue(Connection connection, byte[] keyBytes) throws Exception {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT value_bytes FROM twat_row WHERE key_bytes = ?")) {
      select.setBytes(1, keyBytes);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getBytes(1);
      }
    }
  }

  @Test
  void anotherKey_readsAMiss_andRotationKeepsOldValuesReadable() throws Exception {
    SecretKey first = TestKeys.newKey();
    try (DbStore<String> store = open(Keyring.of(first))) {
      put(store, "old", SECRET);
    }
    try (DbStore<String> stranger = open(Keyring.of(TestKeys.newKey()))) {
      assertNull(stranger.get("old"));
      assertEquals(1, stranger.corruptReads());
      assertEquals(1, log.warnings().size(), () -> "warnings: " + log.warnings());
    }
    try (DbStore<String> store = open(Keyring.of(first))) {
      put(store, "old", SECRET);
    }
    SecretKey second = TestKeys.newKey();
    try (DbStore<String> rotated = open(Keyring.of(second, List.of(first)))) {
      assertEquals(SECRET, rotated.get("old").value(), "the older key still decrypts");
      put(rotated, "new", "written under the new key");
    }
    try (DbStore<String> newKeyOnly = open(Keyring.of(second))) {
      assertEquals("written under the new key", newKeyOnly.get("new").value());
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.io.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JournalOpenGuard} on a real embedded file: an open that does not come from the store's
 * own connect is refused while the file has a journal, and only then; a new session of a file
 * already open here is not an open; the refusal is a lost connection, never damage.
 */
final class JournalOpenGuardTest {
  @TempDir
  Path folder;

  @Test
  void anOpenOutsideTheStore_isRefusedWhileAJournalWaits_andAllowedWithout() throws Exception {
    String url = DbStore.embeddedUrl(folder);
    try (Connection first = DriverManager.getConnection(url, "sa", "")) {
      assertFalse(first.isClosed(), "no journal: an open from anywhere goes through");
    }
    Path journal = JournalWriter.file(folder.resolve(DbStore.EMBEDDED_FILE), 3);
    Journal.create(FileSystem.system(), journal, 3).close();

    SQLException refused = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(url, "sa", "").close());
    assertTrue(Database.isRefusedOpen(refused), refused.getMessage());
    assertTrue(Database.isConnectionLost(refused), "the store connects again");
    assertFalse(EmbeddedFile.isDamagedAtConnect(refused), "a refusal is no damage");
    assertTrue(Files.exists(journal), "the journal waits for the store's own open");
  }

  @Test
  void aSessionOfAFileOpenHere_isNotAnOpen() throws Exception {
    String url = DbStore.embeddedUrl(folder);
    long opens;
    try (Connection held = JournalOpenGuard.connect(
        () -> DriverManager.getConnection(url, "sa", "")).connection()) {
      opens = EmbeddedFile.of(url).orElseThrow().opens();
      Journal.create(FileSystem.system(),
          JournalWriter.file(folder.resolve(DbStore.EMBEDDED_FILE), 4), 4).close();
      try (Connection second = DriverManager.getConnection(url, "sa", "");
          Statement statement = second.createStatement()) {
        statement.execute("SELECT 1");
      }
      assertEquals(opens, EmbeddedFile.of(url).orElseThrow().opens(), "no new open counted");
      try (Statement statement = held.createStatement()) {
        statement.execute("SHUTDOWN");
      }
    }
  }
}

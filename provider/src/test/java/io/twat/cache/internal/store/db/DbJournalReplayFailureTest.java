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
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal that cannot be redone fails the open and stays for the next one: served without it,
 * the file would lack acknowledged changes, and a later replay would redo them over newer ones.
 * The failure here: the journal holds a row of a table that the file lacks (as a file whose
 * tables a killed writer never stored would); once the table is there, the next open redoes it.
 */
final class DbJournalReplayFailureTest {
  @TempDir
  Path folder;

  @AfterEach
  void closeDatabases() {
    Database.closeUnusedNow();
  }

  @Test
  @SuppressWarnings("try") // the capture keeps the provoked log lines out of the build log
  void aReplayThatFails_failsTheOpen_keepsTheJournal_andTheNextOpenRedoesIt() throws Exception {
    Path base = folder.resolve(DbStore.EMBEDDED_FILE);
    try (Connection plain = DriverManager.getConnection("jdbc:h2:" + base, "sa", "");
        Statement statement = plain.createStatement()) {
      statement.execute("CREATE TABLE unrelated (x INT)"); // a database without twat_row
    }
    Path journal = JournalWriter.file(base, 77);
    byte[] key = {1, 2, 3};
    byte[] value = {9, 9};
    try (Journal written = Journal.create(FileSystem.system(), journal, 77)) {
      written.append(1, 5, Journal.Kind.ROW, new JournalRow(1, 5, key, value,
          RowFormat.checksum(key, value, Long.MAX_VALUE), Long.MAX_VALUE, 0, 5).encode());
    }

    try (LogCapture unused = LogCapture.of("io.twat.cache")) {
      StoreException failure = assertThrows(StoreException.class, this::open);
      assertTrue(failure.getMessage().contains("Could not redo the journals"),
          failure.getMessage());
    }
    assertTrue(Files.exists(journal), "the journal stays for the next open");
    assertTrue(Files.exists(Path.of(base + ".mv.db")), "the file was not taken for damaged");
    try (Connection plain = DriverManager.getConnection("jdbc:h2:" + base, "sa", "");
        Statement statement = plain.createStatement()) {
      for (String sql : Dialect.H2.schema()) {
        statement.execute(sql);
      }
      statement.execute("INSERT INTO twat_cache (id, name, key_type, value_type, format_version)"
          + " VALUES (1, 'c', 'k', 'v', 1)");
    }

    long redone = EmbeddedFile.changesRedone();
    try (DbStore<String> store = open()) {
      assertEquals(1, EmbeddedFile.changesRedone() - redone, "the next open redid the row");
    }
    assertFalse(Files.exists(journal), "a journal redone is removed");
    Database.closeUnusedNow(); // this JVM lets go of the file at once, not after the linger
    try (Connection plain = DriverManager.getConnection("jdbc:h2:" + base, "sa", "");
        Statement statement = plain.createStatement();
        ResultSet row = statement.executeQuery("SELECT value_bytes FROM twat_row"
            + " WHERE key_hash = 5")) {
      assertTrue(row.next(), "the journaled row is in the file");
      assertEquals(2, row.getBytes(1).length);
    }
  }

  private DbStore<String> open() throws StoreException {
    return DbStore.openEmbedded(folder, Serializer.allowing(), TestSpecs.spec("j"),
        DbStore.Options.defaults());
  }
}

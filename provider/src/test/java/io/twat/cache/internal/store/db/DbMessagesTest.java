/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the database store says when its database fails: what happened, where, and the fix. */
final class DbMessagesTest {
  @TempDir
  Path temp;

  private final List<DbStore<?>> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(DbStore::close);
  }

  private DbStore<Object> open(Path folder, String name) throws StoreException {
    DbStore<Object> store = EmbeddedDb.open(folder, name);
    opened.add(store);
    return store;
  }

  @Test
  void databaseAlreadyInUse_saysHandoverOrNoMixedMode() {
    String message = Database.explain(new SQLException(
        "Database may be already in use: null. Possible solutions: close all other connection(s);"
            + " use the server mode [90020-240]", "90020", 90020));

    assertTrue(message.contains("handing the file over"), message);
    assertTrue(message.contains("without AUTO_SERVER=TRUE"), message);
    assertTrue(message.contains("Try again"), message);
    assertFalse(message.contains("a process that opened it without"), message);
  }

  @Test
  void truncatedDatabaseFile_isMovedAside_namingTheFiles_andTheCacheOpensEmpty()
      throws Exception {
    Path folder = temp.resolve("db");
    Path data = folder.resolve(DbStore.EMBEDDED_FILE + ".mv.db");
    // an empty database, closed with its last connection
    open(folder, "probe").close();
    opened.clear();
    try (Connection connection = EmbeddedDb.connect(folder);
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    }
    try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() / 3);
    }

    List<String> errors;
    try (LogCapture log = LogCapture.of(DbStore.class.getName())) {
      DbStore<Object> store = open(folder, "c");
      store.compute("k", (key, old) -> new StoreEntry("v", StoreEntry.NEVER));
      assertEquals("v", store.get("k").value());
      errors = log.messages(java.util.logging.Level.SEVERE);
    }

    assertEquals(1, errors.size(), errors::toString);
    String message = errors.get(0);
    assertTrue(message.contains("is damaged"), message);
    assertTrue(message.contains(data + " is damaged"), message);
    assertTrue(message.contains("moved it to " + data + ".damaged-"), message);
    assertTrue(message.contains("start empty"), message);
    assertFalse(message.contains("writable"), message);
  }

  @Test
  void corruptFileError_isDamaged() {
    String message = Database.explain(new SQLException(
        "File corrupted while reading record: \"/x/twat-cache.mv.db\" [90030-240]", "90030",
        90030));

    assertTrue(message.contains("the database file /x/twat-cache.mv.db is damaged"), message);
    assertTrue(message.contains("mv /x/twat-cache.mv.db /x/twat-cache.mv.db.damaged"), message);
  }

  @Test
  void fullDisk_isNamedWhereverItIsInTheCauses() {
    IOException enospc = new IOException("No space left on device");
    SQLException rollback = new SQLException(
        "General error: \"java.lang.IllegalStateException: ROLLBACK\" [50000-240]", "HY000",
        50000, new IllegalStateException("ROLLBACK", new UncheckedIOException(enospc)));

    String message = Database.explain(rollback);

    assertTrue(message.contains("disk that holds the database is full"), message);
    assertTrue(message.contains("free space"), message);
    assertTrue(Database.isDiskFull(rollback));
    assertFalse(Database.isDiskFull(new SQLException("General error", "HY000", 50000)));
  }

  @Test
  void cacheNameOverTheLimit_isRefusedUpFrontNamingTheLimit() throws Exception {
    Path folder = temp.resolve("db");
    String longest = "n".repeat(DbCatalog.MAX_NAME_LENGTH);
    open(folder, longest);

    StoreException thrown =
        assertThrows(StoreException.class, () -> open(folder, longest + "n"));

    String message = thrown.getMessage();
    assertTrue(message.contains("1001 characters long"), message);
    assertTrue(message.contains("at most 1000 characters"), message);
    assertFalse(message.contains("SQL"), message);
    assertEquals(1000, DbCatalog.MAX_NAME_LENGTH);
  }
}

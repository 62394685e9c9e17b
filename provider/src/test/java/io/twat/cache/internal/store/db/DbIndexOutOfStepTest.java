/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database file that H2 left with index entries out of step with their table after a killed
 * process is repaired by rebuilding the indexes, keeping every row, instead of being moved
 * aside as damaged (which lost every acknowledged put of {@link DbGroupCommitKillTest} on CI).
 *
 * <p>The file is a real one: {@link GroupCommitWorker} (8 writer threads, durability {@code
 * process}) killed with SIGKILL, copied before anything opened it again. Its table {@code
 * twat_row} holds 48 rows, while its LRU, expiry and foreign key indexes hold 49 entries: one for
 * an insert that was in flight when the process died. Opened as it was, every statement that
 * reached that entry waited 10 s for a lock and failed with "Row not found in primary index".
 */
final class DbIndexOutOfStepTest {
  private static final int ROWS = 48;

  @TempDir
  Path temp;

  private LogCapture log;
  private LogCapture databaseLog;
  private Path folder;

  @BeforeEach
  void copyTheFile() throws IOException {
    log = LogCapture.of(DbStore.class.getName());
    databaseLog = LogCapture.of(Database.class.getName());
    folder = temp.resolve("db");
    copyTheFileLeftByAKill(folder);
  }

  /** Copies the database file described above into {@code folder}. */
  static void copyTheFileLeftByAKill(Path folder) throws IOException {
    Files.createDirectories(folder);
    try (InputStream in = new GZIPInputStream(DbIndexOutOfStepTest.class.getResourceAsStream(
        "/db/index-out-of-step.mv.db.gz"))) {
      Files.copy(in, folder.resolve(DbStore.EMBEDDED_FILE + ".mv.db"));
    }
  }

  @AfterEach
  void closeAll() {
    Database.closeUnusedNow();
    log.close();
    databaseLog.close();
  }

  @Test
  void firstOpenAfterTheKilledServer_rebuildsTheIndexes_andKeepsEveryRow() throws Exception {
    leaveTheLockFileOfAKilledServer();

    assertOpensKeepingEveryRow();
  }

  @Test
  void statementMeetingAnEntryWithoutItsRow_rebuildsTheIndexes_ratherThanMovingTheFileAside()
      throws Exception {
    // no lock file: nothing tells the open that a process was killed, so the open's first
    // count of the cache's rows meets the entry (after H2's lock timeout)
    assertOpensKeepingEveryRow();
  }

  @Test
  void theCheck_findsNothingToRebuildInAConsistentFile() throws Exception {
    leaveTheLockFileOfAKilledServer();
    readEveryRow(); // repaired
    Database.closeUnusedNow();
    long rebuilt = IndexCheck.rebuilt();
    try (Connection connection = EmbeddedDb.connect(folder)) {
      assertFalse(IndexCheck.rebuildIfOutOfStep(connection, folder, "test"));
    }
    assertEquals(rebuilt, IndexCheck.rebuilt());
  }

  /** Writes the lock file a killed server leaves: its address refuses connections. */
  private void leaveTheLockFileOfAKilledServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Files.writeString(folder.resolve(DbStore.EMBEDDED_FILE + ".lock.db"),
        "#FileLock\nid=killed\nmethod=file\nserver=127.0.0.1:" + port + "\n");
  }

  /** Opens the store, checks each row's value, puts one more, and returns how many it found. */
  private int readEveryRow() throws Exception {
    int found = 0;
    List<String> wrong = new ArrayList<>();
    try (DbStore<String> store = DbStore.openEmbedded(folder, Serializer.allowing(),
        TestSpecs.spec(GroupCommitWorker.CACHE), DbStore.Options.defaults())) {
      for (int t = 0; t < 8; t++) {
        for (long n = 0; n < 200; n++) {
          StoreEntry entry = store.get(GroupCommitWorker.key(t, n));
          if (entry != null) {
            found++;
            if (!GroupCommitWorker.value(t, n).equals(entry.value())) {
              wrong.add(GroupCommitWorker.key(t, n));
            }
          }
        }
      }
      // the store works on: the in-flight key can be written (its stale entries are gone)
      store.compute("after", (key, old) -> new StoreEntry("written", StoreEntry.NEVER));
      assertEquals("written", store.get("after").value());
      store.compute("after", (key, old) -> null);
    }
    assertEquals(List.of(), wrong, "rows holding another key's value");
    return found;
  }

  /**
   * Opens the store: every row is read back, the file is not moved aside, the indexes of one
   * table are rebuilt, with one WARNING line and no ERROR.
   */
  private void assertOpensKeepingEveryRow() throws Exception {
    long moved = EmbeddedFile.movedAside();
    long rebuilt = IndexCheck.rebuilt();

    assertEquals(ROWS, readEveryRow());

    assertEquals(moved, EmbeddedFile.movedAside(), "the file was not moved aside");
    assertEquals(rebuilt + 1, IndexCheck.rebuilt(), "the indexes of one table were rebuilt");
    assertRebuiltOnce();
  }

  private void assertRebuiltOnce() {
    List<String> warnings = log.messages(Level.WARNING);
    assertEquals(1, warnings.size(), () -> "one WARNING: " + warnings);
    assertTrue(warnings.get(0).contains("TWAT_ROW") && warnings.get(0).contains("rebuilt"),
        warnings.get(0));
    assertEquals(List.of(), log.messages(Level.SEVERE), "no ERROR line");
    assertEquals(List.of(), databaseLog.messages(Level.SEVERE), "no ERROR line");
  }
}

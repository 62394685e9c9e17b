/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.ChildJvms;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each durability keeps its promise: {@value #THREADS} threads of a real JVM put concurrently
 * (at {@code process} each appends to the JVM's journal, see {@link JournalWriter}; at {@code
 * fsync} they share checkpoints, see {@link GroupCommit}), the JVM is killed with SIGKILL right
 * after a run of acknowledgements, and every put it acknowledged must be in the database when
 * this JVM opens the file (and redoes the journal, {@link JournalReplay}). Each of the {@value
 * #KILLS} JVMs writes the same keys again from the start, over what the last one left.
 */
final class DbGroupCommitKillTest {
  private static final int THREADS = 8;
  private static final int KILLS = 3;

  @TempDir
  Path temp;

  @AfterEach
  void closeDatabases() {
    Database.closeUnusedNow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"process", "fsync"})
  void killedRightAfterAcknowledgements_keepsEveryAcknowledgedPut(String durability)
      throws Exception {
    Path folder = temp.resolve("db");
    List<String> problems = new ArrayList<>();
    long redone = 0;
    try (ChildJvms jvms = new ChildJvms(GroupCommitWorker.class, temp)) {
      for (int kill = 0; kill < KILLS; kill++) {
        String log = "worker" + kill + ".log";
        Process process = jvms.start(log, folder.toString(), durability,
            Integer.toString(THREADS));
        BufferedReader output = ChildJvms.output(process);
        long[] last = new long[THREADS];
        Arrays.fill(last, -1);
        // kill once every thread has had a few puts acknowledged, straight after an ack
        int wanted = 30 + 20 * kill;
        for (int lines = 0; Arrays.stream(last).min().orElse(0) < 3 || lines < wanted;
            lines++) {
          record(output.readLine(), last, problems, jvms.log(log));
        }
        assertTrue(process.toHandle().destroyForcibly(), "kill -9 sent");
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          record(line, last, problems, jvms.log(log));
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed JVM is gone");
        assertTrue(ProcessHandle.of(process.pid()).map(h -> !h.isAlive()).orElse(true),
            "no process with the killed JVM's PID " + process.pid() + " is alive");
        redone += checkAcknowledged(folder, durability, last, problems, kill);
      }
    }
    assertEquals(List.of(), problems);
    if (durability.equals("process")) {
      // the acknowledged puts came back from the journal, not from checkpoints (a kill straight
      // after acknowledgements finds some not yet stored by H2's background writer)
      assertTrue(redone > 0, "the journal redid changes the killed JVMs acknowledged");
    } else {
      assertEquals(0, redone, "fsync makes each change durable by a checkpoint, not a journal");
    }
  }

  /** Records an {@code ack T N} line (each thread acknowledges in order from 0). */
  private static void record(String line, long[] last, List<String> problems, String log) {
    assertTrue(line != null, () -> "the worker ended before it was killed; " + log);
    String[] parts = line.split(" ", 4);
    if (parts[0].equals("fail")) {
      problems.add("put " + parts[2] + " of thread " + parts[1] + " failed: " + parts[3]);
      return;
    }
    assertEquals("ack", parts[0], line);
    int t = Integer.parseInt(parts[1]);
    long n = Long.parseLong(parts[2]);
    assertEquals(last[t] + 1, n, () -> "thread " + t + " acknowledges in order");
    last[t] = n;
  }

  /**
   * Opens the killed JVM's database here and checks every put it acknowledged; returns how many
   * changes the open redid from the killed JVM's journal.
   */
  private static long checkAcknowledged(Path folder, String durability, long[] last,
      List<String> problems, int kill) throws Exception {
    int checked = 0;
    long redone = EmbeddedFile.changesRedone();
    try (DbStore<String> store = DbStore.openEmbedded(folder, Serializer.allowing(),
        TestSpecs.spec(GroupCommitWorker.CACHE), DbStore.Options.defaults()
            .withDurability(Durability.valueOf(durability.toUpperCase(java.util.Locale.ROOT))))) {
      for (int t = 0; t < THREADS; t++) {
        for (long n = 0; n <= last[t]; n++) {
          StoreEntry entry = store.get(GroupCommitWorker.key(t, n));
          String expected = GroupCommitWorker.value(t, n);
          if (entry == null || !expected.equals(entry.value())) {
            problems.add("after kill " + kill + ": acknowledged put " + n + " of thread " + t
                + (entry == null ? " is missing" : " holds another value"));
          }
          checked++;
        }
      }
    }
    Database.closeUnusedNow();
    assertTrue(checked >= 3 * THREADS, "checked every thread's acknowledged puts");
    return EmbeddedFile.changesRedone() - redone;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.spi.TwatCachingProvider;
import io.twat.cache.testing.ChildJvms;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal of the JVM that serves a {@code twat:db} file, with another process writing the
 * same keys over H2's socket: a worker JVM opens the file first (so it serves it and journals its
 * changes), this JVM writes through it (checkpointing, as a remote writer does), the worker is
 * killed with SIGKILL, and this JVM, which then opens the file itself, must find each key as its
 * last acknowledged put left it: the worker's change that this JVM overwrote is not redone over
 * the overwrite (the checkpoint stored the worker's watermark with it), and the worker's changes
 * after this JVM connected were checkpointed, not journaled ({@link JournalOpenGuard#isShared}):
 * a journaled one could outlive this JVM's operation id on the same row.
 */
final class DbJournalProcessesTest {
  @TempDir
  Path temp;
  private ChildJvms jvms;

  @BeforeEach
  void startJvms() {
    jvms = new ChildJvms(DbWorker.class, temp);
  }

  @AfterEach
  void stopJvms() {
    jvms.close();
    Database.closeUnusedNow();
  }

  @Test
  void serverKilled_itsJournalIsNotRedoneOverAnotherProcessesWrite() throws Exception {
    Path folder = temp.resolve("journaled");
    Process server = jvms.start("server.log", "journal", folder.toString());
    BufferedReader output = ChildJvms.output(server);
    PrintStream input = new PrintStream(server.getOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals("ready", output.readLine(), () -> jvms.log("server.log"));
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      input.println("put shared from-server");
      assertEquals("ok shared", output.readLine(), () -> jvms.log("server.log"));
      input.println("put kept from-server");
      assertEquals("ok kept", output.readLine(), () -> jvms.log("server.log"));

      Cache<String, String> cache = provider.getCacheManager(DbWorker.uri(folder), null)
          .createCache("journaled", DbWorker.typed(String.class));
      assertEquals("from-server", cache.get("shared"), "this JVM reads through the server");
      cache.put("shared", "from-client");

      input.println("put later from-server");
      assertEquals("ok later", output.readLine(), () -> jvms.log("server.log"));
      input.println("put kept again-from-server");
      assertEquals("ok kept", output.readLine(), () -> jvms.log("server.log"));

      assertTrue(server.toHandle().destroyForcibly(), "kill -9 sent");
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the killed JVM is gone");
      assertTrue(ProcessHandle.of(server.pid()).map(h -> !h.isAlive()).orElse(true),
          "no process with the killed JVM's PID " + server.pid() + " is alive");

      // the next call finds the server gone, opens the file here and reads the journal
      long redone = EmbeddedFile.changesRedone();
      assertEquals("from-client", cache.get("shared"),
          "the server's older change is not redone over this JVM's acknowledged put");
      assertEquals("from-server", cache.get("later"), "the server's last changes are there");
      assertEquals("again-from-server", cache.get("kept"));
      assertEquals(0, EmbeddedFile.changesRedone() - redone, "this JVM's checkpoint stored the"
          + " worker's journaled changes, and the worker checkpointed the rest");
      cache.put("after", "1");
      assertEquals("1", cache.get("after"), "the store writes on after the replay");
    } finally {
      provider.close();
    }
  }
}

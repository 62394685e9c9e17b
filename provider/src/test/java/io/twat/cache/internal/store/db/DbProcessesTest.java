/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.spi.TwatCachingProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import io.twat.cache.testing.ChildJvms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real JVMs on one twat:db folder: atomic invoke across processes, kill -9, restarts, a
 * foreign lock.
 */
final class DbProcessesTest {
  @TempDir
  Path temp;

  private ChildJvms jvms;

  @BeforeEach
  void prepare() {
    jvms = new ChildJvms(DbWorker.class, temp);
  }

  @AfterEach
  void killLeftovers() throws InterruptedException {
    jvms.close();
  }

  private Process start(String log, String... args) throws IOException {
    return jvms.start(log, args);
  }

  private static BufferedReader output(Process process) {
    return ChildJvms.output(process);
  }

  private String log(String name) {
    return jvms.log(name);
  }

  private void finish(Process process, String log) throws Exception {
    jvms.finish(process, log, /* minutes= */ 2);
  }

  @Test
  void threeJvmsInvokingIncrementsOnOneKey_countExactlyEveryIncrement() throws Exception {
    Path folder = temp.resolve("shared");
    // The first process to open the file serves it to the others (H2 mixed mode); one that exits
    // while another's compute is between its function and its commit fails that compute (see the
    // README). So the workers exit together once all are done, as runTogether lets them.
    jvms.runTogether(3, /* minutes= */ 2, "increment", folder.toString(), "300");

    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      Cache<String, Integer> counter = provider.getCacheManager(DbWorker.uri(folder), null)
          .createCache("counter", DbWorker.typed(Integer.class));
      assertEquals(900, counter.get(DbWorker.COUNTER));
    } finally {
      provider.close();
    }
  }

  private String logQuietly(String name) {
    return log(name);
  }

  @Test
  void killedWhileWriting_everyAcknowledgedPutIsThereInANewJvm() throws Exception {
    Path folder = temp.resolve("killed");
    Process writer = start("writer.log", "overwrite", folder.toString());
    BufferedReader lines = output(writer);
    long acknowledged = 0;
    String line;
    while (acknowledged < 150 && (line = lines.readLine()) != null) {
      acknowledged = Long.parseLong(line.trim());
    }
    writer.destroyForcibly();
    assertTrue(writer.waitFor(1, TimeUnit.MINUTES), "the writer died");
    assertTrue(
        acknowledged >= 150, "the writer wrote before it was killed; stderr: " + log("writer.log"));

    Process reader =
        start("reader.log", "read-acked", folder.toString(), Long.toString(acknowledged));
    String found = output(reader).readLine();
    finish(reader, "reader.log");
    assertEquals("found " + acknowledged, found, "every put acknowledged before the kill is there");
  }

  @Test
  void entries_survive_closingTheManager_andAreFoundByANewJvm() throws Exception {
    Path folder = temp.resolve("restart");
    Process writer = start("write.log", "write", folder.toString(), "100");
    assertEquals("closed", output(writer).readLine(), () -> logQuietly("write.log"));
    finish(writer, "write.log");

    Process reader = start("read.log", "read", folder.toString(), "100");
    String found = output(reader).readLine();
    finish(reader, "read.log");

    assertEquals("found 100", found);
  }

  @Test
  void whenTheProcessServingTheFileExits_anotherProcessGoesOnWithItsCache() throws Exception {
    Path folder = temp.resolve("served");
    Process server = start("serve.log", "serve", folder.toString());
    assertEquals("ready", output(server).readLine(), () -> logQuietly("serve.log"));
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      Cache<String, String> cache = provider.getCacheManager(DbWorker.uri(folder), null)
          .createCache("served", DbWorker.typed(String.class));
      assertEquals("yes", cache.get("from-server"));
      cache.put("before", "1");

      server.getOutputStream().close();
      finish(server, "serve.log");

      assertEquals("1", cache.get("before"), "read after the server left");
      cache.put("after", "2");
      cache.invoke("after", (entry, arguments) -> {
        entry.setValue(entry.getValue() + "+");
        return null;
      });
      assertEquals("2+", cache.get("after"));
      assertEquals("yes", cache.get("from-server"));
    } finally {
      provider.close();
    }
  }

  @Test
  void databaseHeldOpenWithoutMixedMode_failsCacheCreationNamingTheFileAndTheFix()
      throws Exception {
    Path folder = temp.resolve("held");
    Files.createDirectories(folder);
    Process holder = start("hold.log", "hold", folder.toString());
    assertEquals("ready", output(holder).readLine(), () -> logQuietly("hold.log"));

    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheException thrown =
          assertThrows(
              CacheException.class,
              () ->
                  provider
                      .getCacheManager(DbWorker.uri(folder), null)
                      .createCache("c", DbWorker.typed(String.class)));

      assertTrue(thrown.getMessage().contains(folder.toString()), thrown.getMessage());
      assertTrue(thrown.getMessage().contains("AUTO_SERVER"), thrown.getMessage());
    } finally {
      provider.close();
      holder.getOutputStream().close();
      finish(holder, "hold.log");
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.twat.cache.testing.ChildJvms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real JVMs on one folder: atomic compute across processes, and kill -9 in the middle of
 * writes.
 */
final class FileStoreProcessesTest {
  @TempDir
  Path temp;

  private ChildJvms jvms;

  @BeforeEach
  void prepare() {
    jvms = new ChildJvms(FileStoreWorker.class, temp);
  }

  @AfterEach
  void killLeftovers() throws InterruptedException {
    jvms.close();
  }

  private Process start(Path log, String... args) throws IOException {
    return jvms.start(log.getFileName().toString(), args);
  }

  @Test
  void threeJvmsIncrementingOneKey_countExactlyEveryIncrement() throws Exception {
    Path folder = temp.resolve("shared");
    jvms.runTogether(3, /* minutes= */ 2, "increment", folder.toString(), "300");

    try (FileStore<String> store =
        FileStore.open(
            folder, Serializer.allowing(), FileStoreWorker.spec(), FileStore.Options.defaults())) {
      assertEquals(900, store.get(FileStoreWorker.COUNTER).value());
    }
  }

  @Test
  void killedInTheMiddleOfWrites_leavesTheLastReturnedValueOrANewerOne_neverATornOne()
      throws Exception {
    Path folder = temp.resolve("killed");
    for (int round = 0; round < 3; round++) {
      Process writer =
          start(temp.resolve("writer" + round + ".log"), "overwrite", folder.toString());
      long acknowledged = 0;
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
      // kill after a different number of writes each round, while the writer is still writing
      long killAfter = 20 + 37L * round;
      String line;
      while (acknowledged < killAfter && (line = lines.readLine()) != null) {
        acknowledged = Long.parseLong(line.trim());
      }
      writer.destroyForcibly();
      assertTrue(writer.waitFor(1, TimeUnit.MINUTES), "the writer died");
      assertTrue(acknowledged >= killAfter, "the writer wrote before it was killed; stderr: "
          + Files.readString(temp.resolve("writer" + round + ".log")));

      try (FileStore<String> store =
          FileStore.open(
              folder,
              Serializer.allowing(),
              FileStoreWorker.spec(),
              FileStore.Options.defaults())) {
        StoreEntry entry = store.get(FileStoreWorker.VALUE);
        assertNotNull(entry, "a value that was written and acknowledged is there");
        long[] value = (long[]) entry.value();
        assertEquals(FileStoreWorker.ARRAY_LENGTH, value.length);
        long first = value[0];
        for (long element : value) {
          assertEquals(first, element, "a torn value");
        }
        assertTrue(
            first >= acknowledged,
            "value " + first + " is older than the acknowledged " + acknowledged);
        assertEquals(0, store.corruptReads());
        // abandoned temp files are deleted by the listing the store starts when it opens
        store.awaitOpenScan();
        assertEquals(
            List.of(), tempFiles(folder), "temp files of the killed writer are deleted on open");
      }
    }
  }

  private static List<Path> tempFiles(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(path -> path.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connect that fails with what looks like damage never moves aside a database file that H2
 * has open in this JVM: the file reads well for the store using it, so the error came from
 * elsewhere, and moving it would take a live database from under that store.
 */
final class EmbeddedFileOpenHereTest {
  @TempDir
  Path folder;

  @Test
  @SuppressWarnings("try") // the capture keeps the provoked WARNING out of the build log
  void aDamageLikeConnectError_leavesAFileOpenHereWhereItIs() throws Exception {
    DbStore<Object> store = EmbeddedDb.open(folder, "c");
    try {
      store.compute("k", (key, old) -> new StoreEntry("kept", StoreEntry.NEVER));
      EmbeddedFile file = EmbeddedFile.of(DbStore.embeddedUrl(folder)).orElseThrow();
      SQLException damageLike = new SQLException("File corrupted while reading record", "90030",
          90030);
      assertTrue(EmbeddedFile.isDamagedAtConnect(damageLike), "taken for damage at a connect");

      try (LogCapture log = LogCapture.of(DbStore.class.getName())) {
        SQLException failure = assertThrows(SQLException.class, () -> file.connect(() -> {
          throw damageLike;
        }, connection -> { }, System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
        assertSame(damageLike, failure);
        List<String> warnings = log.warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("open in this JVM"), warnings.get(0));
      }

      assertTrue(Files.exists(file.database()), "the file stays where it is");
      try (Stream<Path> files = Files.list(folder)) {
        assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains(".damaged-"))
            .toList(), "nothing was moved aside");
      }
      assertEquals("kept", store.get("k").value(), "the store still reads its file");
    } finally {
      store.close();
    }
  }
}

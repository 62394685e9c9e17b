/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.CacheStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UniversalExampleTest {
  @TempDir
  Path dir;

  @Test
  void run_reportsTheChainTheFolderAndTheFigures_thenClears() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    CacheStats stats =
        UniversalExample.run(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertEquals(2, stats.hits());
    assertEquals(3, stats.puts());
    assertEquals(3, stats.entries());
    assertTrue(stats.bytesOnDisk() > 100_000, "bytes on disk " + stats.bytesOnDisk());
    assertTrue(stats.folder().orElseThrow().startsWith(dir));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("heap(caffeine, 1000 entries) -> file(" + dir), text);
    assertTrue(text.contains("cleared [pages]"), text);
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A twat:file cache written by one JVM is found by name, with its types and data, in another. */
class FileManagerNewJvmTest {
  @TempDir
  Path folder;

  /**
   * Run in a JVM of its own by the test: creates cache "scores" (String -> Integer) and puts ann=7.
   */
  public static void main(String[] args) {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(URI.create(args[0]), null);
      manager
          .createCache(
              "scores",
              new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class))
          .put("ann", 7);
    } finally {
      provider.close();
    }
  }

  @Test
  void cacheWrittenByAnotherJvm_isListedAndReopenedWithItsTypes() throws Exception {
    URI uri = URI.create("twat:file?dir=" + folder.resolve("data"));
    Path log = folder.resolve("writer.log");
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FileManagerNewJvmTest.class.getName(),
                uri.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      assertTrue(writer.waitFor(2, TimeUnit.MINUTES), "the writer JVM finished");
    } finally {
      writer.destroyForcibly();
    }
    assertEquals(0, writer.exitValue(), () -> "writer output: " + read(log));

    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(uri, null);
      List<String> names = new ArrayList<>();
      manager.getCacheNames().forEach(names::add);
      assertEquals(List.of("scores"), names);
      Cache<String, Integer> scores = manager.getCache("scores", String.class, Integer.class);
      assertEquals(7, scores.get("ann"));
    } finally {
      provider.close();
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}

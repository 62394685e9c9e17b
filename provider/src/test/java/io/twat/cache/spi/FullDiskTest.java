/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reliability suite's full disk: each disk store on a real, small tmpfs (mounted by the test,
 * so only where it runs as root and may mount; skipped otherwise) is written until the disk is
 * full. The put that does not fit fails with an exception that says the disk is full; every put
 * acknowledged before it reads back whole; once space is freed the cache takes writes again, and
 * a new JVM's provider (a new manager here) opens it with every acknowledged value.
 */
final class FullDiskTest {
  private static final int VALUE_BYTES = 4 * 1024;

  @TempDir
  Path temp;
  private Path disk;
  private boolean mounted;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "FullDiskTest mounts a tmpfs and so runs as root only");
    disk = Files.createDirectory(temp.resolve("disk"));
    mounted = run("mount", "-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", disk.toString());
    assumeTrue(mounted, "FullDiskTest: this machine does not let the tests mount a tmpfs");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      // lazily: a closed twat:db keeps its database file open for a moment (see Database)
      assertTrue(run("umount", "--lazy", disk.toString()), "the test's tmpfs is unmounted");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"twat:file", "twat:db", "twat:universal"})
  @SuppressWarnings("try") // the capture only keeps the store's log lines out of the build log
  void fullDisk_failsThePutThatDoesNotFit_andKeepsEveryAcknowledgedOne(String store)
      throws Exception {
    Path ballast = disk.resolve("ballast");
    Files.write(ballast, new byte[1024 * 1024]);
    URI uri = URI.create(store + "?dir=" + disk.resolve("data"));
    List<String> acknowledged = new ArrayList<>();
    try (LogCapture unused = LogCapture.of("io.twat.cache")) {
      TwatCachingProvider provider = new TwatCachingProvider();
      try {
        CacheManager manager = provider.getCacheManager(uri, null);
        Cache<String, String> cache = manager.createCache("full",
            new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        CacheException full = null;
        for (int i = 0; i < 10_000 && full == null; i++) {
          try {
            cache.put("k" + i, value(i));
            acknowledged.add("k" + i);
          } catch (CacheException e) {
            full = e;
          }
        }
        assertTrue(full != null, store + ": a 6 MiB disk fills up");
        String message = messages(full);
        String lower = message.toLowerCase(Locale.ROOT);
        assertTrue(lower.contains("full") || lower.contains("no space left"),
            () -> store + ": the failure says the disk is full: " + message);
        assertTrue(acknowledged.size() > 10, store + ": puts fit before the disk was full");
        assertEveryValue(cache, acknowledged, store + " on the full disk");

        Files.delete(ballast);
        cache.put("after", value(-1));
        assertEquals(value(-1), cache.get("after"), store + ": writes go on once space is free");
      } finally {
        provider.close();
      }
      acknowledged.add("after");
      TwatCachingProvider reopened = new TwatCachingProvider();
      try {
        Cache<String, String> cache = reopened.getCacheManager(uri, null)
            .getCache("full", String.class, String.class);
        assertEveryValue(cache, acknowledged, store + " reopened");
      } finally {
        reopened.close();
      }
    }
  }

  private static String value(int i) {
    return i + ":" + String.valueOf((char) ('a' + Math.floorMod(i, 26))).repeat(VALUE_BYTES);
  }

  private static void assertEveryValue(Cache<String, String> cache, List<String> keys,
      String where) {
    int lost = 0;
    for (String key : keys) {
      String expected = key.equals("after") ? value(-1) : value(Integer.parseInt(key.substring(1)));
      String found = cache.get(key);
      assertTrue(found == null || found.equals(expected), () -> where + ": " + key + " is whole");
      lost += found == null ? 1 : 0;
    }
    assertEquals(0, lost, where + ": acknowledged puts lost, of " + keys.size());
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append(" / ");
    }
    return all.toString();
  }

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().transferTo(OutputStream.nullOutputStream());
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.testing.ChildJvms;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (kill -9) a real JVM that keeps moving keys between the db and the file store of
 * {@code twat:universal?tiers=memory,db,file}, and checks after each kill that every key holds
 * its last acknowledged value, or the one being written when the process died.
 *
 * <p>The number of kills is {@value #DEFAULT_KILLS}; the system property
 * {@code twat.test.moveKills} raises it for a longer run (e.g. {@code -Dtwat.test.moveKills=200}).
 */
final class UniversalMoveKillTest {
  private static final int DEFAULT_KILLS = 20;

  @TempDir
  Path temp;

  @Test
  void killedWhileKeysMoveBetweenTiers_losesNoAcknowledgedValue() throws Exception {
    int kills = Integer.getInteger("twat.test.moveKills", DEFAULT_KILLS);
    String dir = temp.resolve("data").toString();
    Random random = new Random(42);
    Map<String, Long> acknowledged = new HashMap<>();
    List<String> losses = new ArrayList<>();
    long next = 0;
    try (ChildJvms jvms = new ChildJvms(MoveFlipWorker.class, temp)) {
      for (int kill = 0; kill < kills; kill++) {
        String log = "writer" + kill + ".log";
        Process writer = jvms.start(log, dir, Long.toString(next));
        BufferedReader output = ChildJvms.output(writer);
        assertEquals("ready", output.readLine(), () -> log + ": " + jvms.log(log));
        int before = 10 + random.nextInt(60);
        long last = next - 1;
        for (int i = 0; i < before; i++) {
          last = acknowledged(output.readLine(), jvms.log(log));
        }
        spreadKillInstant(random);
        // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
        // pipe, and the acknowledgements already in it would be lost.
        assertTrue(writer.toHandle().destroyForcibly(), "kill -9 sent");
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          last = acknowledged(line, jvms.log(log)); // written before the kill, acknowledged
        }
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the killed writer is gone");
        assertTrue(ProcessHandle.of(writer.pid()).isEmpty() || !writer.isAlive());
        for (long n = next; n <= last; n++) {
          acknowledged.put(MoveFlipWorker.key(n), n);
        }
        long inFlight = last + 1;
        Map<String, Long> found = read(dir);
        for (int k = 0; k < MoveFlipWorker.KEYS; k++) {
          String key = MoveFlipWorker.key(k);
          Long expected = acknowledged.get(key);
          Long actual = found.get(key);
          boolean ok = actual == null
              ? expected == null
              : actual.equals(expected)
                  || (actual == inFlight && key.equals(MoveFlipWorker.key(inFlight)));
          if (!ok) {
            losses.add("kill " + kill + ": " + key + " acknowledged " + expected + ", found "
                + actual);
          }
          if (actual != null) {
            acknowledged.put(key, actual);
          }
        }
        next = inFlight + 1;
      }
    }
    System.out.println("UniversalMoveKillTest: " + kills + " kills, " + next + " writes, "
        + losses.size() + " lost: " + losses);
    assertEquals(List.of(), losses, () -> "acknowledged values lost in " + kills + " kills");
  }

  /**
   * Waits a random 0 to 10 ms before the kill, so that kills land anywhere in a write (right
   * after an acknowledgement the writer is always at the start of its next write). Nothing
   * waits for a result here: the checks hold whatever the delay.
   */
  private static void spreadKillInstant(Random random) {
    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(10_000)));
  }

  private static long acknowledged(String line, String log) {
    assertTrue(line != null && line.startsWith("ack "), () -> "writer said " + line + "; " + log);
    return Long.parseLong(line.substring(4));
  }

  private static Map<String, Long> read(String dir) {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(MoveFlipWorker.uri(dir), null);
      Cache<String, String> cache =
          manager.getCache(MoveFlipWorker.CACHE, String.class, String.class);
      Map<String, Long> found = new HashMap<>();
      for (int k = 0; k < MoveFlipWorker.KEYS; k++) {
        String value = cache.get(MoveFlipWorker.key(k));
        if (value != null) {
          assertEquals(MoveFlipWorker.value(MoveFlipWorker.sequence(value)), value, "whole value");
          found.put(MoveFlipWorker.key(k), MoveFlipWorker.sequence(value));
        }
      }
      return found;
    } finally {
      provider.close();
    }
  }
}

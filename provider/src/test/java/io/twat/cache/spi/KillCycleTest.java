/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.testing.ChildJvms;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reliability suite's kill cycles: on every disk store and tier layout, a real JVM with
 * {@value #THREADS} writer threads (puts of three sizes and removes, see {@link KillCycleWorker})
 * is killed with SIGKILL at a random moment, {@value #DEFAULT_KILLS} times in a row, each time
 * the next JVM opening what the last one left. After every kill, every key must hold what its
 * last acknowledged operation left, or what the operation in flight at the kill leaves; a value
 * that is neither (lost, stale, torn or another key's) fails the test, and so does an operation
 * that throws.
 *
 * <p>{@code -Dtwat.test.kills=200} runs a longer cycle.
 */
final class KillCycleTest {
  private static final int DEFAULT_KILLS = 20;
  private static final int THREADS = 4;
  private static final long ABSENT = -1;

  @TempDir
  Path temp;

  @ParameterizedTest
  @ValueSource(strings = {
      "twat:file", "twat:db", "twat:universal", "twat:universal?tiers=memory,db,file&threshold=256"
  })
  void killedAtRandom_keepsEveryAcknowledgedOperation(String store) throws Exception {
    int kills = Integer.getInteger("twat.test.kills", DEFAULT_KILLS);
    String uri = store + (store.contains("?") ? "&" : "?") + "dir=" + temp.resolve("data");
    Random random = new Random(store.hashCode());
    long[][] expected = new long[THREADS][KillCycleWorker.KEYS_PER_THREAD];
    Arrays.stream(expected).forEach(row -> Arrays.fill(row, ABSENT));
    Map<String, Long> inFlight = new HashMap<>(); // key -> the one other state it may hold
    List<String> problems = new ArrayList<>();
    long first = 0;
    int operations = 0;
    try (ChildJvms jvms = new ChildJvms(KillCycleWorker.class, temp)) {
      for (int cycle = 0; cycle <= kills; cycle++) {
        boolean last = cycle == kills;
        String log = "cycle" + cycle + ".log";
        Process process = jvms.start(log, uri, Long.toString(first), Integer.toString(THREADS),
            last ? "read" : "write");
        BufferedReader output = ChildJvms.output(process);
        checkState(output, expected, inFlight, cycle, problems, jvms.log(log));
        inFlight.clear();
        if (last) {
          jvms.finish(process, log, 1);
          break;
        }
        long[] acked = new long[THREADS];
        Arrays.fill(acked, first - 1);
        int wanted = 20 + random.nextInt(200);
        for (int i = 0; i < wanted; i++) {
          operations += acknowledge(output.readLine(), acked, problems, jvms.log(log));
        }
        // land the kill anywhere in an operation, not just after an acknowledgement
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(10_000)));
        // SIGKILL through the handle: Process.destroyForcibly would also close our end of the
        // pipe, and the acknowledgements already in it would be lost
        assertTrue(process.toHandle().destroyForcibly(), "kill -9 sent");
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          operations += acknowledge(line, acked, problems, jvms.log(log));
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed JVM is gone");
        assertTrue(ProcessHandle.of(process.pid()).map(h -> !h.isAlive()).orElse(true),
            "no process with the killed JVM's PID " + process.pid() + " is alive");
        long next = first;
        for (int t = 0; t < THREADS; t++) {
          for (long n = first; n <= acked[t]; n++) {
            expected[t][keyIndex(n)] = stateAfter(n);
          }
          long flying = acked[t] + 1;
          inFlight.put(t + "/" + keyIndex(flying), stateAfter(flying));
          next = Math.max(next, flying + 1);
        }
        first = next;
      }
    }
    String summary = store + ": " + kills + " kills, " + operations + " acknowledged operations";
    assertEquals(List.of(), problems, summary);
  }

  private static int keyIndex(long n) {
    return Math.floorMod(n, KillCycleWorker.KEYS_PER_THREAD);
  }

  private static long stateAfter(long n) {
    return KillCycleWorker.isRemove(n) ? ABSENT : n;
  }

  /**
   * Reads the new JVM's {@code state} lines up to {@code ready}, records each key that holds
   * neither the expected state nor the one the operation in flight leaves, and takes what was
   * found as the state from now on.
   */
  private static void checkState(BufferedReader output, long[][] expected,
      Map<String, Long> inFlight, int cycle, List<String> problems, String log)
      throws IOException {
    for (int i = 0; i < THREADS * KillCycleWorker.KEYS_PER_THREAD; i++) {
      String line = output.readLine();
      assertTrue(line != null && line.startsWith("state "), () -> "said " + line + "; " + log);
      String[] parts = line.split(" ", -1);
      int t = Integer.parseInt(parts[1]);
      int k = Integer.parseInt(parts[2]);
      if (parts[3].equals("bad")) {
        problems.add("after kill " + cycle + ": key t" + t + "-k" + k + " holds a wrong value");
        expected[t][k] = ABSENT;
        continue;
      }
      long found = Long.parseLong(parts[3]);
      Long other = inFlight.get(t + "/" + k);
      if (found != expected[t][k] && (other == null || found != other)) {
        problems.add("after kill " + cycle + ": key t" + t + "-k" + k + " holds " + found
            + " instead of " + expected[t][k] + (other == null ? "" : " or " + other));
      }
      expected[t][k] = found;
    }
    String ready = output.readLine();
    assertEquals("ready", ready, () -> "cycle " + cycle + ": " + log);
  }

  /** Records an {@code ack} line; returns 1 for an acknowledged operation, 0 for a failure. */
  private static int acknowledge(String line, long[] acked, List<String> problems, String log) {
    assertTrue(line != null, () -> "the JVM ended before it was killed; " + log);
    String[] parts = line.split(" ", 4);
    int t = Integer.parseInt(parts[1]);
    long n = Long.parseLong(parts[2]);
    if (parts[0].equals("fail")) {
      problems.add("operation " + n + " of thread " + t + " failed: " + parts[3]);
      return 0;
    }
    assertEquals("ack", parts[0], line);
    assertEquals(acked[t] + 1, n, () -> "thread " + t + " acknowledges in order");
    acked[t] = n;
    return 1;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.spi.TwatCachingProvider;
import io.twat.cache.testing.ChildJvms;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process that serves a twat:db file goes away, killed or closed, while others are in the
 * middle of read-modify-writes: every call completes exactly once, or fails and is not applied
 * (see {@link KeyTransaction}, "Lost connections"). Three {@link HandoverWorker} JVMs increment
 * one counter and chain {@code getAndPut}s on keys of their own; four times the serving JVM is
 * found, then killed with {@code kill -9} or closed, and a new worker takes its place.
 */
final class DbHandoverTest {
  private static final int WORKERS = 3;
  private static final int ROUNDS = 4;
  /** How many operations each worker does between two handovers. */
  private static final int OPS_PER_ROUND = 40;
  /** How many of a worker's last lines a failure shows. */
  private static final int RECENT_LINES = 12;

  @TempDir
  Path temp;

  private ChildJvms jvms;

  @BeforeEach
  void prepare() {
    jvms = new ChildJvms(HandoverWorker.class, temp);
  }

  @AfterEach
  void killLeftovers() {
    jvms.close();
  }

  @Test
  void servingJvmKilledOrClosed_everyCallAppliesExactlyOnceOrFailsUnapplied() throws Exception {
    URI uri = URI.create("twat:db?dir=" + temp.resolve("shared"));
    List<Worker> all = new ArrayList<>();
    List<Worker> live = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      live.add(start(uri, "w" + all.size(), all));
    }
    for (int round = 0; round < ROUNDS; round++) {
      awaitProgress(live);
      Worker server = findServer(live);
      if (round % 2 == 0) {
        server.kill();
      } else {
        server.stop();
      }
      live.remove(server);
      // the others went on: the handover is over, so the new JVM opens the file without racing
      // it (opening during a handover is another matter)
      awaitProgress(live);
      live.add(start(uri, "w" + all.size(), all));
    }
    awaitProgress(live);
    for (Worker worker : live) {
      worker.stop();
    }

    long acknowledged = 0;
    long unknown = 0;
    long failed = 0;
    List<String> wrong = new ArrayList<>();
    Map<String, String> expected = new HashMap<>();
    Map<String, String> inFlight = new HashMap<>();
    for (Worker worker : all) {
      synchronized (worker) {
        acknowledged += worker.increments;
        failed += worker.failed;
        wrong.addAll(worker.wrong);
        expected.putAll(worker.lastPut);
        if (worker.killed && worker.ops % 2 == 0) {
          unknown++; // its increment in flight when it was killed may or may not have applied
        } else if (worker.killed) {
          inFlight.put(HandoverWorker.putKey(worker.name, worker.ops),
              worker.name + ":" + worker.ops);
        }
      }
    }
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(uri, null);
      Cache<String, Integer> counters = manager.createCache(
          HandoverWorker.COUNTERS, HandoverWorker.typed(Integer.class));
      Cache<String, String> puts =
          manager.createCache(HandoverWorker.PUTS, HandoverWorker.typed(String.class));
      int counter = counters.get(HandoverWorker.COUNTER);
      String figures = counter + " counted, " + acknowledged + " increments acknowledged, "
          + unknown + " in flight in killed JVMs, " + failed + " calls failed"
          + failures(all);
      assertTrue(counter >= acknowledged && counter <= acknowledged + unknown,
          "every acknowledged increment once, no failed one: " + figures + states(all));
      for (Map.Entry<String, String> put : expected.entrySet()) {
        String found = puts.get(put.getKey());
        if (!put.getValue().equals(found) && !String.valueOf(found).equals(
            inFlight.get(put.getKey()))) {
          wrong.add(put.getKey() + " holds " + found + ", its last acknowledged getAndPut was "
              + put.getValue());
        }
      }
      assertEquals(List.of(), wrong, "acknowledged getAndPut values, in order: " + figures
          + states(all));
    } finally {
      provider.close();
    }
  }

  /**
   * Returns how each worker ended (killed or stopped, operations reported) and the last lines it
   * reported, for a failure's message.
   */
  private static String states(List<Worker> all) {
    StringBuilder text = new StringBuilder("\nthe workers:");
    for (Worker worker : all) {
      synchronized (worker) {
        text.append("\n  ").append(worker.name).append(worker.killed ? " killed" : " stopped")
            .append(" after ").append(worker.ops).append(" operations; last lines: ")
            .append(worker.recent);
      }
    }
    return text.toString();
  }

  /** Returns what the workers' failed calls said, from their logs: a failed test names them. */
  private String failures(List<Worker> all) {
    StringBuilder text = new StringBuilder();
    for (Worker worker : all) {
      for (String line : jvms.log(worker.name + ".log").split("\n", -1)) {
        if (line.contains(" failed: ")) {
          text.append("\n  ").append(worker.name).append(": ").append(line);
        }
      }
    }
    return text.toString();
  }

  private Worker start(URI uri, String name, List<Worker> all)
      throws IOException, InterruptedException {
    Worker worker = new Worker(name, jvms.start(name + ".log", uri.toString(), name));
    all.add(worker);
    assertEquals("ready", worker.answer(), () -> name + ": " + jvms.log(name + ".log"));
    return worker;
  }

  /**
   * Waits until each of {@code live} has done {@value #OPS_PER_ROUND} more operations; a worker
   * that does not is named with the end of its log.
   */
  private void awaitProgress(List<Worker> live) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Worker worker : live) {
      synchronized (worker) {
        long target = worker.ops + OPS_PER_ROUND;
        while (worker.ops < target && !worker.ended) {
          long left = deadline - System.nanoTime();
          assertTrue(left > 0, () -> worker.name + " made progress (" + worker.ops + " of "
              + target + " operations); the end of its log:\n" + logTail(worker));
          TimeUnit.NANOSECONDS.timedWait(worker, left);
        }
        assertFalse(worker.ended, () -> worker.name + " is running; the end of its log:\n"
            + logTail(worker));
      }
    }
  }

  /** The last lines of a worker's log, for a failure's message. */
  private String logTail(Worker worker) {
    String log = jvms.log(worker.name + ".log");
    return log.substring(Math.max(0, log.length() - 4_000));
  }

  /** Returns the worker that serves the database file, asking each until one does. */
  private Worker findServer(List<Worker> live) throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 20; attempt++) {
      List<Worker> serving = new ArrayList<>();
      for (Worker worker : live) {
        worker.tell("who");
        String answer = worker.answer();
        if ("serving".equals(answer)) {
          serving.add(worker);
        }
      }
      if (serving.size() == 1) {
        return serving.get(0);
      }
      // a handover under way: ask again once the workers went on
      awaitProgress(live);
    }
    throw new AssertionError("none of the workers serves the database file");
  }

  /** One worker JVM and what it reported, read by a thread of its own. */
  private final class Worker {
    final String name;
    final Process process;
    final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    // guarded by this
    long ops;
    long increments;
    long failed;
    boolean ended;
    boolean killed;
    final Map<String, String> lastPut = new HashMap<>();
    final List<String> wrong = new ArrayList<>();
    /** The last lines reported, for a failure's message. */
    final Deque<String> recent = new ArrayDeque<>();

    Worker(String name, Process process) {
      this.name = name;
      this.process = process;
      Thread reader = new Thread(this::read, "read-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      BufferedReader lines = ChildJvms.output(process);
      try {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          report(line);
        }
      } catch (IOException e) {
        answers.add("output failed: " + e);
      }
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }

    private synchronized void report(String line) {
      recent.addLast(line);
      if (recent.size() > RECENT_LINES) {
        recent.removeFirst();
      }
      String[] words = line.split(" ", -1);
      switch (words[0]) {
        case "i" -> increments++;
        case "fi", "fp" -> failed++;
        case "p" -> {
          String previous = lastPut.getOrDefault(words[1], "-");
          if (!previous.equals(words[3])) {
            wrong.add("getAndPut " + words[1] + " = " + words[2] + " returned " + words[3]
                + ", the last acknowledged value was " + previous);
          }
          lastPut.put(words[1], words[2]);
        }
        default -> {
          answers.add(line);
          return;
        }
      }
      ops++;
      notifyAll();
    }

    String answer() throws InterruptedException {
      String answer = answers.poll(60, TimeUnit.SECONDS);
      return answer == null ? "no answer; stderr: " + jvms.log(name + ".log") : answer;
    }

    void tell(String command) throws IOException {
      process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    void kill() throws InterruptedException {
      // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe,
      // and the acknowledgements still in it would be lost (an applied call then looked
      // unacknowledged: "w0-3 holds w0:1903, its last acknowledged getAndPut was w0:1895")
      assertTrue(process.toHandle().destroyForcibly(), name + ": kill -9 sent");
      assertTrue(process.waitFor(1, TimeUnit.MINUTES), name + " was killed");
      assertTrue(ProcessHandle.of(process.pid()).map(h -> !h.isAlive()).orElse(true),
          name + " (pid " + process.pid() + ") is gone");
      synchronized (this) {
        while (!ended) {
          wait();
        }
        killed = true;
      }
    }

    void stop() throws IOException, InterruptedException {
      tell("stop");
      assertEquals("closed", answer(), () -> name + ": " + jvms.log(name + ".log"));
      jvms.finish(process, name + ".log", /* minutes= */ 1);
    }
  }
}

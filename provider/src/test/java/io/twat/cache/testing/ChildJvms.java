/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts real JVMs running a worker class of the test class path, for tests of several processes;
 * each one's standard error goes to a log file named after it. {@link #close()} kills whatever is
 * still running, so use it in try-with-resources or an {@code @AfterEach}.
 *
 * <p>{@link #runTogether} speaks the workers' common protocol: a worker prints {@code ready},
 * waits for a line on its standard input, does its work, prints {@code done}, and exits (at the
 * latest when its standard input ends).
 *
 * <p>Not thread-safe; one per test.
 */
public final class ChildJvms implements AutoCloseable {
  private final Class<?> worker;
  private final Path logs;
  private final Map<String, String> environment;
  private final List<Process> started = new ArrayList<>();

  /**
   * Prepares to start JVMs of {@code worker}.
   *
   * @param worker the class whose {@code main} each JVM runs
   * @param logs the folder of the log files
   */
  public ChildJvms(Class<?> worker, Path logs) {
    this(worker, logs, Map.of());
  }

  /**
   * Prepares to start JVMs of {@code worker} with {@code environment} added to this process's
   * (credentials that must not show on a command line).
   *
   * @param worker the class whose {@code main} each JVM runs
   * @param logs the folder of the log files
   * @param environment the environment variables to set in each JVM
   */
  public ChildJvms(Class<?> worker, Path logs, Map<String, String> environment) {
    this.worker = worker;
    this.logs = logs;
    this.environment = Map.copyOf(environment);
  }

  /** Starts a JVM running the worker with {@code args}; its standard error goes to {@code name}. */
  public Process start(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), worker.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(logs.resolve(name).toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** Returns a reader of a process's standard output. */
  public static BufferedReader output(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Returns the log {@code name}, or why it cannot be read. */
  public String log(String name) {
    try {
      return Files.readString(logs.resolve(name));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Waits for {@code process} to exit and checks that it exited normally. */
  public void finish(Process process, String name, long minutes) throws InterruptedException {
    assertTrue(process.waitFor(minutes, TimeUnit.MINUTES), name + " finished");
    assertEquals(0, process.exitValue(), () -> name + " exit code; stderr: " + log(name));
  }

  /**
   * Runs {@code count} workers with the same {@code args} at once: starts them, waits until each is
   * ready, lets them all go, waits until each is done, then ends their input together and checks
   * that each exits normally. Workers that share a resource one of them serves (H2's mixed mode) so
   * exit only once all are done.
   */
  public void runTogether(int count, long minutes, String... args)
      throws IOException, InterruptedException {
    List<Process> workers = new ArrayList<>();
    List<BufferedReader> outputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Process process = start("worker" + i + ".log", args);
      workers.add(process);
      outputs.add(output(process));
    }
    for (int i = 0; i < count; i++) {
      String name = "worker" + i + ".log";
      assertEquals("ready", outputs.get(i).readLine(), () -> name + ": " + log(name));
    }
    for (Process process : workers) {
      process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }
    for (int i = 0; i < count; i++) {
      String name = "worker" + i + ".log";
      assertEquals("done", outputs.get(i).readLine(), () -> name + ": " + log(name));
    }
    for (int i = 0; i < count; i++) {
      try {
        workers.get(i).getOutputStream().close();
      } catch (IOException alreadyGone) {
        // the worker exited after "done" and closed its end
      }
      finish(workers.get(i), "worker" + i + ".log", minutes);
    }
  }

  @Override
  public void close() {
    for (Process process : started) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}

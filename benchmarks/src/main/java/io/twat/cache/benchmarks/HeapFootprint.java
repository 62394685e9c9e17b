/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap bytes per entry of every subject: {@value #ENTRIES} Integer to String entries, measured as
 * the heap used after a full GC.
 *
 * <p>Each subject runs in a JVM of its own ({@code -XX:+UseSerialGC}, whose {@code System.gc()}
 * is a full, compacting collection). The child creates all keys and values first, so they are
 * alive before and after and do not count; it then opens the empty cache, measures, fills it,
 * checks every key is present, and measures again. The difference over the entries is what the
 * cache itself costs per entry: its map nodes, entry wrappers, eviction and frequency metadata.
 * Fixed costs of an empty cache do not count. Bounded subjects get a bound of twice the entries,
 * as in the JMH workloads.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.twat.cache.benchmarks.HeapFootprint [out.csv]};
 * prints a CSV (subject, bytes per entry) and writes it to {@code out.csv} if given.
 */
public final class HeapFootprint {
  /** Entries per cache. */
  public static final int ENTRIES = 100_000;

  private HeapFootprint() {
  }

  /**
   * Measures every subject, each in a child JVM, or one subject in this JVM ({@code --child NAME}).
   *
   * @param args {@code [out.csv]} or {@code --child SUBJECT}
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length == 2 && args[0].equals("--child")) {
      System.out.println(measure(Subject.valueOf(args[1])));
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add("subject,bytesPerEntry");
    for (Subject subject : Subject.values()) {
      String line = subject + "," + child(subject);
      System.out.println(line);
      lines.add(line);
    }
    if (args.length == 1) {
      Files.write(Path.of(args[0]), lines, StandardCharsets.UTF_8);
    }
  }

  private static String child(Subject subject) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xms1g",
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                HeapFootprint.class.getName(),
                "--child",
                subject.name())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String last = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        last = line;
      }
    }
    if (process.waitFor() != 0 || last == null) {
      throw new IllegalStateException(
          "Measuring " + subject + " failed (exit " + process.exitValue() + ")");
    }
    return last;
  }

  private static String measure(Subject subject) {
    Integer[] keys = new Integer[ENTRIES];
    String[] values = new String[ENTRIES];
    for (int k = 0; k < ENTRIES; k++) {
      keys[k] = k;
      values[k] = "value-" + k;
    }
    long before;
    long after;
    try (Handle<String> cache = subject.open(new Spec<>("footprint", String.class,
        Workload.boundFor(ENTRIES), /* storeByValue= */ false))) {
      // Warm up the paths that allocate lazily (first put, class loading), then start from empty.
      cache.put(keys[0], values[0]);
      cache.get(keys[0]);
      before = usedAfterGc();
      for (int k = 0; k < ENTRIES; k++) {
        cache.put(keys[k], values[k]);
      }
      for (int k = 0; k < ENTRIES; k++) {
        if (!values[k].equals(cache.get(keys[k]))) {
          throw new IllegalStateException(subject + " lost key " + k + " of " + ENTRIES
              + ": raise its bound, or the figure is not per entry");
        }
      }
      after = usedAfterGc();
    }
    // Keep keys and values alive past the second measurement.
    if (keys[ENTRIES - 1].hashCode() != values.length - 1) {
      throw new AssertionError();
    }
    return String.format(Locale.ROOT, "%.1f", (double) (after - before) / (ENTRIES - 1));
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.TestSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures what H2's {@code RETENTION_TIME} does to the embedded database store; run by hand
 * ({@code java -cp <test class path> io.twat.cache.internal.store.db.DbRetentionExperiment MODE
 * FOLDER RETENTION...}), never as a unit test. For each retention time in milliseconds
 * ({@code default} leaves H2's own): {@code stress THREADS SECONDS} runs that many writer threads
 * on 1,000 keys of 1 KiB values and prints the operations and the failures by message;
 * {@code growth PUTS} puts 1 KiB values on 1,000 keys and prints the file's size at the end and
 * at its largest.
 */
public final class DbRetentionExperiment {
  private static final int KEYS = 1_000;

  private DbRetentionExperiment() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path base = Path.of(args[1]);
    int count = Integer.parseInt(args[2]);
    int seconds = mode.equals("stress") ? Integer.parseInt(args[3]) : 0;
    for (int i = mode.equals("stress") ? 4 : 3; i < args.length; i++) {
      String retention = args[i];
      Path folder = base.resolve(mode + "-" + retention);
      Files.createDirectories(folder);
      String url = DbStore.embeddedUrl(folder).replaceAll(";RETENTION_TIME=[0-9]+",
          retention.equals("default") ? "" : ";RETENTION_TIME=" + retention);
      DbStore<Object> store = DbStore.open(url, Credentials.EMBEDDED_DEFAULT,
          Serializer.allowing(), TestSpecs.spec("c"), DbStore.Options.defaults());
      try {
        if (mode.equals("stress")) {
          stress(retention, store, count, seconds);
        } else {
          growth(retention, store, folder.resolve(DbStore.EMBEDDED_FILE + ".mv.db"), count);
        }
      } finally {
        store.close();
      }
    }
  }

  private static void stress(String retention, DbStore<Object> store, int threads, int seconds)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong operations = new AtomicLong();
    Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread writer = new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
          byte[] value = new byte[1024];
          random.nextBytes(value);
          try {
            store.compute(random.nextInt(KEYS), (key, old) -> new StoreEntry(value,
                StoreEntry.NEVER));
            operations.incrementAndGet();
          } catch (Exception | Error e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
              root = root.getCause();
            }
            String message = String.valueOf(root.getMessage());
            failures.computeIfAbsent(root.getClass().getSimpleName() + ": "
                + message.substring(0, Math.min(100, message.length())),
                k -> new AtomicLong()).incrementAndGet();
          }
        }
      });
      writers.add(writer);
      writer.start();
    }
    for (Thread writer : writers) {
      writer.join();
    }
    System.out.printf(Locale.ROOT, "retention %s: %d threads, %d s, %d puts, failures %s%n",
        retention, threads, seconds, operations.get(), failures);
  }

  private static void growth(String retention, DbStore<Object> store, Path file, int puts)
      throws Exception {
    long largest = 0;
    long start = System.nanoTime();
    for (int i = 0; i < puts; i++) {
      byte[] value = new byte[1024];
      ThreadLocalRandom.current().nextBytes(value);
      store.compute(i % KEYS, (key, old) -> new StoreEntry(value, StoreEntry.NEVER));
      if (i % 1_000 == 0) {
        largest = Math.max(largest, Files.size(file));
      }
    }
    long size = Files.size(file);
    System.out.printf(Locale.ROOT, "retention %s: %d puts of 1 KiB in %d ms, file %.1f MB at the"
        + " end, %.1f MB at its largest%n", retention, puts,
        (System.nanoTime() - start) / 1_000_000, size / 1e6, Math.max(size, largest) / 1e6);
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.TestSpecs;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A process started by {@link DbGroupCommitKillTest}: {@code DIR DURABILITY THREADS} opens the
 * database store of cache {@value #CACHE} in {@code DIR} with that durability and starts {@code
 * THREADS} writer threads; thread {@code T} puts {@link #value} under {@link #key} for {@code N}
 * = 0, 1, 2, ... (a new key each time, so every put inserts a row and every acknowledged one
 * must be found) and prints {@code ack T N} once that put returned, until the process is killed
 * ({@code fail T N REASON} if a put throws; that thread then stops).
 */
public final class GroupCommitWorker {
  static final String CACHE = "group";

  private GroupCommitWorker() {
  }

  static String key(int thread, long n) {
    return "t" + thread + "-" + n;
  }

  /** About 1 KiB naming its key. */
  static String value(int thread, long n) {
    return key(thread, n) + ":" + "v".repeat(1000);
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, /* autoFlush= */ true, StandardCharsets.UTF_8);
    Path folder = Path.of(args[0]);
    Durability durability = Durability.valueOf(args[1].toUpperCase(Locale.ROOT));
    int threads = Integer.parseInt(args[2]);
    DbStore<String> store = DbStore.openEmbedded(folder, Serializer.allowing(),
        TestSpecs.spec(CACHE), DbStore.Options.defaults().withDurability(durability));
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(new Thread(() -> {
        long n = 0;
        try {
          for (; ; n++) {
            StoreEntry entry = new StoreEntry(value(thread, n), StoreEntry.NEVER);
            store.compute(key(thread, n), (key, current) -> entry);
            out.println("ack " + thread + " " + n);
          }
        } catch (Exception e) {
          out.println("fail " + thread + " " + n + " " + e);
        }
      }, "writer-" + t));
    }
    writers.forEach(Thread::start);
    for (Thread writer : writers) {
      writer.join();
    }
  }
}

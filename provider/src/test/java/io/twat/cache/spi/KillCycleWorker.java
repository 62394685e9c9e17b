/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * A process started by {@link KillCycleTest}: {@code URI FIRST THREADS MODE} opens the cache
 * {@value #CACHE} on {@code URI}, prints the state of every key it will write ({@code state T K
 * N}: the key holds the value of operation {@code N}, {@code -1} when it is absent, or {@code
 * state T K bad} for any other value), prints {@code ready}, and in {@code write} mode starts
 * {@code THREADS} threads that run their operations for ever, from the sequence number {@code
 * FIRST} on, printing {@code ack T N} once operation {@code N} of thread {@code T} has returned,
 * until the process is killed ({@code fail T N REASON} if an operation throws; that thread then
 * stops). In {@code read} mode it exits after {@code ready}.
 *
 * <p>Operation {@code N} of thread {@code T} is a put of {@link #value} to {@link
 * #key}, or every fifth one a remove of that key. Each thread has its own keys, so the state of a
 * key follows from that thread's acknowledged operations alone. Values come in three sizes (20
 * bytes, 600 bytes, 5 KiB), so that on {@code twat:universal} keys keep moving between tiers.
 */
public final class KillCycleWorker {
  static final String CACHE = "cycles";
  static final int KEYS_PER_THREAD = 6;

  private KillCycleWorker() {
  }

  static String key(int thread, long n) {
    return "t" + thread + "-k" + Math.floorMod(n, KEYS_PER_THREAD);
  }

  /** Returns whether operation {@code n} removes its key (otherwise it puts {@link #value}). */
  static boolean isRemove(long n) {
    return n % 5 == 4;
  }

  /** The value operation {@code n} of {@code thread} puts: it names both, in one of 3 sizes. */
  static String value(int thread, long n) {
    String head = "t" + thread + ":" + n + ":";
    int size = switch ((int) ((n / KEYS_PER_THREAD) % 3)) {
      case 0 -> 20;
      case 1 -> 600;
      default -> 5 * 1024;
    };
    char filler = (char) ('a' + Math.floorMod(n * 7 + thread, 26));
    return head + String.valueOf(filler).repeat(size);
  }

  /**
   * Returns the operation whose value {@code value} is for a key of {@code thread}, or -2 if it is
   * no such value (wrong data).
   */
  static long sequence(int thread, String value) {
    String[] parts = value.split(":", 3);
    try {
      long n = Long.parseLong(parts[1]);
      return parts.length == 3 && value.equals(value(thread, n)) ? n : -2;
    } catch (RuntimeException e) {
      return -2;
    }
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, /* autoFlush= */ true, StandardCharsets.UTF_8);
    URI uri = URI.create(args[0]);
    long first = Long.parseLong(args[1]);
    int threads = Integer.parseInt(args[2]);
    boolean write = args[3].equals("write");
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(uri, null);
      Cache<String, String> found = manager.getCache(CACHE, String.class, String.class);
      Cache<String, String> cache = found != null ? found : manager.createCache(CACHE,
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      for (int t = 0; t < threads; t++) {
        for (int k = 0; k < KEYS_PER_THREAD; k++) {
          String value = cache.get(key(t, k));
          long n = value == null ? -1 : sequence(t, value);
          out.println("state " + t + " " + k + " " + (n == -2 ? "bad" : Long.toString(n)));
        }
      }
      out.println("ready");
      if (!write) {
        return;
      }
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        writers.add(new Thread(() -> {
          long n = first;
          try {
            for (; ; n++) {
              if (isRemove(n)) {
                cache.remove(key(thread, n));
              } else {
                cache.put(key(thread, n), value(thread, n));
              }
              out.println("ack " + thread + " " + n);
            }
          } catch (RuntimeException e) {
            out.println("fail " + thread + " " + n + " " + e);
          }
        }, "writer-" + t));
      }
      writers.forEach(Thread::start);
      for (Thread writer : writers) {
        writer.join();
      }
    } finally {
      provider.close();
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A by-hand probe of durable puts, not JMH: the latency of each put (median, 90th and 99th
 * percentile) and the throughput of {@code THREADS} writer threads overwriting 1 KiB values of
 * {@code ENTRIES} keys, drawn uniformly, through the JCache API of the twat-cache manager at
 * {@code URI}. Quicker to run than the JMH suite while trying a change on the write path, and
 * it shows the latency distribution JMH's throughput mode hides.
 *
 * <pre>
 * java -cp benchmarks.jar io.twat.cache.benchmarks.DurablePutProbe URI ENTRIES SECONDS THREADS...
 * e.g. DurablePutProbe 'twat:db?dir=/var/tmp/probe-db' 10000 5 1 2 4
 * </pre>
 * The keys are filled first (on {@code twat:db} with {@code durability=relaxed}, then the
 * manager is reopened at the URI's own durability); each thread count gets one warm-up pass of
 * {@code SECONDS} and one measured pass. The load average of the machine is printed with each
 * figure, since the probe shares the machine with whatever else runs.
 */
public final class DurablePutProbe {
  private static final String CACHE = "probe";

  private DurablePutProbe() {
  }

  /**
   * Runs the probe.
   *
   * @param args URI, entries, seconds per pass, then one or more thread counts
   */
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int entries = Integer.parseInt(args[1]);
    long nanos = TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
    fill(uri, entries);
    CachingProvider provider = new io.twat.cache.spi.TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(uri, null);
      Cache<Integer, byte[]> cache = manager.getCache(CACHE, Integer.class, byte[].class);
      for (int a = 3; a < args.length; a++) {
        int threads = Integer.parseInt(args[a]);
        run(cache, entries, threads, nanos);
        Result result = run(cache, entries, threads, nanos);
        System.out.printf(Locale.ROOT,
            "%s threads=%d ops/s=%.0f median=%.1fus p90=%.1fus p99=%.1fus ops=%d load=%s%n",
            uri, threads, result.opsPerSecond, result.percentile(50), result.percentile(90),
            result.percentile(99), result.latencies.length, loadAverage());
      }
    } finally {
      provider.close();
    }
  }

  private static void fill(URI uri, int entries) {
    String text = uri.toString();
    URI filling = text.startsWith("twat:db") && !text.contains("durability=")
        ? URI.create(text + (text.contains("?") ? "&" : "?") + "durability=relaxed") : uri;
    CachingProvider provider = new io.twat.cache.spi.TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(filling, null);
      Cache<Integer, byte[]> cache = manager.getCache(CACHE, Integer.class, byte[].class);
      if (cache == null) {
        cache = manager.createCache(CACHE,
            new MutableConfiguration<Integer, byte[]>().setTypes(Integer.class, byte[].class));
      }
      for (int k = 0; k < entries; k++) {
        if (cache.get(k) == null) {
          cache.put(k, DiskWorkload.valueOf(k));
        }
      }
    } finally {
      provider.close();
    }
  }

  private static Result run(Cache<Integer, byte[]> cache, int entries, int threads, long nanos)
      throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<long[]> samples = new ArrayList<>();
    int[] counts = new int[threads];
    List<Thread> workers = new ArrayList<>();
    long[] end = new long[1];
    for (int t = 0; t < threads; t++) {
      long[] latencies = new long[2_000_000];
      samples.add(latencies);
      int index = t;
      SplittableRandom random = new SplittableRandom(0x5eed + t);
      workers.add(new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        int n = 0;
        while (System.nanoTime() < end[0] && n < latencies.length) {
          int key = random.nextInt(entries);
          byte[] value = DiskWorkload.valueOf(key);
          long before = System.nanoTime();
          cache.put(key, value);
          latencies[n++] = System.nanoTime() - before;
        }
        counts[index] = n;
      }, "probe-writer-" + t));
    }
    workers.forEach(Thread::start);
    long begin = System.nanoTime();
    end[0] = begin + nanos;
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    long elapsed = System.nanoTime() - begin;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(samples.get(t), 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return new Result(total * 1e9 / elapsed, all);
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
      return parts[0] + "," + parts[1] + "," + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  /** A pass's throughput and its sorted latencies in nanoseconds. */
  private static final class Result {
    final double opsPerSecond;
    final long[] latencies;

    Result(double opsPerSecond, long[] latencies) {
      this.opsPerSecond = opsPerSecond;
      this.latencies = latencies;
    }

    double percentile(int p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = Math.min(latencies.length - 1, (int) ((long) latencies.length * p / 100));
      return latencies[index] / 1_000.0;
    }
  }
}

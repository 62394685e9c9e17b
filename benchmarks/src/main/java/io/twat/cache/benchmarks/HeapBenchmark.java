/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The heap workloads: {@value Workload#ENTRIES} Integer to String entries, Zipf keys, two
 * threads; a get that always hits, a put that overwrites, and a 90/10 mix of both. Store by
 * reference for every JCache subject (values are immutable Strings).
 *
 * <p>Every get checks for a miss and throws: a cache that lost an entry fails the trial rather than
 * report fast misses. The check is one predictable branch, the same for every subject.
 *
 * <p>Run settings: 2 forks of 4 × 1 s warm-up and 5 × 1 s measurement ({@link ByValueBenchmark}
 * warms up longer). On a shared 2-core machine two forks minutes apart, reported by the median of
 * their ten iterations, resist a burst of other work better than one longer fork; the whole suite
 * takes about 14 minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeapBenchmark {
  /** Set by JMH: every constant of {@link Subject}. */
  @Param
  public Subject subject;

  private Handle<String> cache;

  /** Opens and fills the cache; fails if it does not keep every entry. */
  @Setup(Level.Trial)
  public void setUp() {
    cache = subject.open(new Spec<>("heap", String.class, Workload.boundFor(Workload.ENTRIES),
        /* storeByValue= */ false));
    Presence.fill(cache, Workload.ENTRIES, Workload::valueOf);
    Presence.requireAll(subject, cache, Workload.ENTRIES, HeapBenchmark::isValueOf, "before");
  }

  /** Fails if the cache lost an entry during the trial, then closes it. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      Presence.requireAll(subject, cache, Workload.ENTRIES, HeapBenchmark::isValueOf, "after");
    } finally {
      cache.close();
    }
  }

  private static boolean isValueOf(int key, String value) {
    return value.equals(Workload.valueOf(key));
  }

  /** Each thread's position in the key stream; threads start at different places. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    /** Spreads the threads' starting points over the stream. */
    @Setup(Level.Trial)
    public void start(ThreadParams thread) {
      next = thread.getThreadIndex() * (Workload.STREAM / thread.getThreadCount());
    }

    int next() {
      return next++ & Workload.MASK;
    }
  }

  /** A get that hits. */
  @Benchmark
  public String get(Cursor cursor) {
    return hit(cache, Workload.KEYS[cursor.next()]);
  }

  /** A put that overwrites an existing entry. */
  @Benchmark
  public void put(Cursor cursor) {
    int i = cursor.next();
    cache.put(Workload.KEYS[i], Workload.VALUES[i]);
  }

  /** Nine gets for each put, the puts spread over the key stream. */
  @Benchmark
  public String mixed(Cursor cursor) {
    int i = cursor.next();
    if (Workload.WRITES[i]) {
      cache.put(Workload.KEYS[i], Workload.VALUES[i]);
      return null;
    }
    return hit(cache, Workload.KEYS[i]);
  }

  static <V> V hit(Handle<V> cache, Integer key) {
    V value = cache.get(key);
    if (value == null) {
      throw new IllegalStateException(
          "Miss on key " + key + " in " + cache + ": the workload measures hits");
    }
    return value;
  }
}

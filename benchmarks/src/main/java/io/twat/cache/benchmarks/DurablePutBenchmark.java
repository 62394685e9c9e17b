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

/**
 * The durable-put workload of issue #18: 100,000 entries of 1 KiB {@code byte[]} values, uniform
 * keys, a put that overwrites, at 1, 2 and 16 threads ({@code put1}, {@code put2}, {@code put16};
 * JMH takes a thread count per method, not as a parameter). The twat-cache subjects run at their
 * default durability (a put that returned survives {@code kill -9}); Ehcache's disk tier and the
 * raw MVStore map, which keep nothing safe at that moment, are the anchors measured in the same
 * run. The data sets are {@link DiskBenchmark}'s (kept under {@code twat.bench.dir}).
 *
 * <p>Select the thread counts with the method names, e.g. {@code "DurablePutBenchmark.put(1|2)$"}
 * on a 2-core machine; the 16-thread figure means something only on a machine with 16 cores.
 * Issue #18's target for {@code twat:file} holds for values up to 64 KiB: {@code -p
 * valueBytes=65536 -p entries=10000} runs that size (a data set of about 650 MB per subject).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class DurablePutBenchmark {
  /** Set by JMH: the durable disk stores and the two anchors. */
  @Param({"TWAT_FILE", "TWAT_DB", "EHCACHE_HEAP_DISK", "RAW_MVSTORE"})
  public Subject subject;

  /** Set by JMH: how many entries the data set holds. */
  @Param({"100000"})
  public int entries;

  /** Set by JMH: the size of each value, in bytes. */
  @Param({"1024"})
  public int valueBytes;

  private Handle<byte[]> cache;
  private Integer[] keys;

  /** Opens the subject's data set, filling what it lacks; fails unless every key is there. */
  @Setup(Level.Trial)
  public void setUp() {
    keys = DiskWorkload.uniformKeys(entries, 0x5eed);
    cache = DiskWorkload.openFilled(subject, entries, valueBytes);
  }

  /** Fails if the cache lost or damaged an entry during the trial, then closes it. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      Presence.requireAll(subject, cache, entries,
          (k, value) -> DiskWorkload.isValueOf(k, value, valueBytes), "after");
    } finally {
      cache.detach();
    }
  }

  /** A put that overwrites, one thread. */
  @Benchmark
  @Threads(1)
  public void put1(HeapBenchmark.Cursor cursor) {
    put(cursor);
  }

  /** A put that overwrites, two threads. */
  @Benchmark
  @Threads(2)
  public void put2(HeapBenchmark.Cursor cursor) {
    put(cursor);
  }

  /** A put that overwrites, sixteen threads. */
  @Benchmark
  @Threads(16)
  public void put16(HeapBenchmark.Cursor cursor) {
    put(cursor);
  }

  private void put(HeapBenchmark.Cursor cursor) {
    Integer key = keys[cursor.next()];
    cache.put(key, DiskWorkload.valueOf(key, valueBytes));
  }
}

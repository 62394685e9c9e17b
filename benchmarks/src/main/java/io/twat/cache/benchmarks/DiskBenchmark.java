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
 * The disk workloads: {@code entries} keys (100,000 by default; 10,000 and 1,000,000 for the
 * scaling figures) with 1 KiB {@code byte[]} values, uniform keys, two threads: a get that hits
 * and a put that overwrites. The get also runs at 1 and 16 threads ({@code get1}, {@code get16};
 * JMH takes a thread count per method) for issue #18's figures by thread count; {@code
 * "DiskBenchmark.(get|put)$"} selects the two-thread workloads alone. Every subject keeps its
 * data set in a folder under {@code twat.bench.dir} (default: {@code
 * java.io.tmpdir/twat-cache-bench}) across trials and runs, so only the first run fills it;
 * delete the folder to start over.
 *
 * <p>Subjects that persist nothing (the heap ones) are left out; {@code twat:memory} stays as the
 * heap reference. The ratios are taken against the raw MVStore map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class DiskBenchmark {
  /** Set by JMH: the subjects that keep data on disk, and twat:memory for reference. */
  @Param({
    "TWAT_FILE",
    "TWAT_DB",
    "TWAT_UNIVERSAL",
    "EHCACHE_HEAP_DISK",
    "RAW_MVSTORE",
    "RAW_H2_JDBC",
    "TWAT_MEMORY_UNBOUNDED"
  })
  public Subject subject;

  /** Set by JMH: how many entries the data set holds. */
  @Param({"100000"})
  public int entries;

  private Handle<byte[]> cache;
  private Integer[] keys;

  /** Opens the subject's data set, filling what it lacks; fails unless every key is there. */
  @Setup(Level.Trial)
  public void setUp() {
    keys = DiskWorkload.uniformKeys(entries, 0x5eed);
    cache = DiskWorkload.openFilled(subject, entries);
  }

  /**
   * Fails if the cache lost or damaged an entry during the trial, then closes it, keeping its data.
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      Presence.requireAll(subject, cache, entries, DiskWorkload::isValueOf, "after");
    } finally {
      cache.detach();
    }
  }

  /** A get that hits. */
  @Benchmark
  public byte[] get(HeapBenchmark.Cursor cursor) {
    return HeapBenchmark.hit(cache, keys[cursor.next()]);
  }

  /** A get that hits, one thread. */
  @Benchmark
  @Threads(1)
  public byte[] get1(HeapBenchmark.Cursor cursor) {
    return get(cursor);
  }

  /** A get that hits, sixteen threads: means something only on a machine with 16 cores. */
  @Benchmark
  @Threads(16)
  public byte[] get16(HeapBenchmark.Cursor cursor) {
    return get(cursor);
  }

  /** A put that overwrites an entry with its own value. */
  @Benchmark
  public void put(HeapBenchmark.Cursor cursor) {
    Integer key = keys[cursor.next()];
    cache.put(key, DiskWorkload.valueOf(key));
  }
}

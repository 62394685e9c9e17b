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
 * Store-by-value: the heap workload's keys with a small mutable {@link Payload} as the value, in
 * caches configured {@code setStoreByValue(true)}, so every provider must copy. The raw subjects
 * keep serialized bytes and deserialize on every get: the floor for a copying cache.
 *
 * <p>Warms up for 8 s: Java serialization's code paths take about 5 s of C2 compilation on two
 * busy cores before throughput settles (a run with 3 s of warm-up measured 50-300k ops/s in its
 * first iteration and 500-850k from the second on).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
public class ByValueBenchmark {
  /** Set by JMH: every constant of {@link Subject}. */
  @Param
  public Subject subject;

  private Handle<Payload> cache;

  /** Opens and fills the cache; fails if it does not keep every entry. */
  @Setup(Level.Trial)
  public void setUp() {
    cache = subject.open(new Spec<>("byValue", Payload.class, Workload.boundFor(Workload.ENTRIES),
        /* storeByValue= */ true));
    Presence.fill(cache, Workload.ENTRIES, k -> new Payload(k, Workload.valueOf(k)));
    Presence.requireAll(subject, cache, Workload.ENTRIES, ByValueBenchmark::isPayloadOf, "before");
  }

  /**
   * Fails if the cache lost an entry, or handed out its own copy (a caller's change shows), then
   * closes it.
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      Presence.requireAll(subject, cache, Workload.ENTRIES, ByValueBenchmark::isPayloadOf, "after");
    } finally {
      cache.close();
    }
  }

  private static boolean isPayloadOf(int key, Payload value) {
    return value.id() == key && value.hits() == 0 && value.name().equals(Workload.valueOf(key));
  }

  /** A get that hits and changes its copy, as a caller of a store-by-value cache may. */
  @Benchmark
  public Payload get(HeapBenchmark.Cursor cursor) {
    Payload payload = HeapBenchmark.hit(cache, Workload.KEYS[cursor.next()]);
    payload.hit();
    return payload;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
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
 * Puts of new keys (1 KiB {@code byte[]} values) into a disk store that holds {@code entries}
 * already, bounded to that many ({@code maxEntries}) or not bounded (the anchor, in the same run):
 * once full, a bounded store evicts on the thread of the put that crossed the bound, about a
 * tenth of the bound at a time, so the tail of the put latency (sampled: p99.9 and the maximum)
 * shows what an eviction costs. One thread, each store at its default durability (a returned put
 * survives {@code kill -9}); a fresh folder per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class BoundedPutBenchmark {
  /** Set by JMH: the store of the manager URI. */
  @Param({"db", "file"})
  public String store;

  /** Set by JMH: how many entries the cache holds before the trial, and its bound if bounded. */
  @Param({"20000"})
  public int entries;

  /** Set by JMH: whether the cache is bounded to {@link #entries}. */
  @Param({"true", "false"})
  public boolean bounded;

  private Path folder;
  private CacheManager manager;
  private Cache<Integer, byte[]> cache;
  private int next;

  /** Opens the cache in a new folder and fills it with {@code entries} entries. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    folder = Files.createTempDirectory("twat-bench-bounded-");
    String uri = "twat:" + store + "?dir=" + folder
        + (bounded ? "&maxEntries=" + entries : "");
    manager = Caching.getCachingProvider(Subject.TWAT_PROVIDER)
        .getCacheManager(URI.create(uri), BoundedPutBenchmark.class.getClassLoader());
    cache = manager.createCache("bounded", new MutableConfiguration<Integer, byte[]>()
        .setTypes(Integer.class, byte[].class));
    for (next = 0; next < entries; next++) {
      cache.put(next, DiskWorkload.valueOf(next));
    }
  }

  /** Closes the manager and deletes the folder. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      manager.close();
    } finally {
      Folders.delete(folder);
    }
  }

  /** A put of a key the cache never held. */
  @Benchmark
  public void putNew() {
    int key = next++;
    cache.put(key, DiskWorkload.valueOf(key));
  }
}

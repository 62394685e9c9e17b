/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import io.twat.cache.AsyncCache;
import io.twat.cache.TwatCaches;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the async view (issue #8): a get hit on {@code twat:memory} called directly, through
 * {@code AsyncCache.get(key).join()} on the default pool (one hand-off to another thread and back),
 * and through a view whose executor runs tasks on the caller's thread (the futures alone, no
 * hand-off). Average time per operation, two threads, the heap workload's 10k entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AsyncBenchmark {
  private CachingProvider provider;
  private Cache<Integer, String> cache;
  private AsyncCache<Integer, String> pooled;
  private AsyncCache<Integer, String> direct;

  /** Opens and fills the cache. */
  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() {
    provider = Caching.getCachingProvider(Subject.TWAT_PROVIDER);
    CacheManager manager =
        provider.getCacheManager(URI.create("twat:memory"), AsyncBenchmark.class.getClassLoader());
    cache = manager.createCache("async", new MutableConfiguration<Integer, String>()
        .setTypes(Integer.class, String.class).setStoreByValue(false));
    for (int key = 0; key < Workload.ENTRIES; key++) {
      cache.put(key, Workload.valueOf(key));
    }
    pooled = TwatCaches.async(cache);
    direct = TwatCaches.of(cache).async(Runnable::run);
  }

  /** Closes the provider. */
  @TearDown(Level.Trial)
  public void tearDown() {
    provider.close();
  }

  /** Each thread walks its own keys. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    Integer key() {
      next = (next + 7) % Workload.ENTRIES;
      return next;
    }
  }

  /** The synchronous get. */
  @Benchmark
  public String syncGet(Cursor cursor) {
    return cache.get(cursor.key());
  }

  /** An async get on the default pool, waited for. */
  @Benchmark
  public String asyncGetPooled(Cursor cursor) {
    return pooled.get(cursor.key()).join();
  }

  /** An async get run on the caller's thread: what the futures and tracking cost. */
  @Benchmark
  public String asyncGetCallerRuns(Cursor cursor) {
    return direct.get(cursor.key()).join();
  }
}

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The open time of a disk store that holds {@code entries} entries of the disk workload: from
 * nothing open to the first get answered. Single shots, each on a store closed by the shot
 * before; the data set is {@link DiskBenchmark}'s, filled once and kept.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class OpenBenchmark {
  /** Set by JMH: the subjects that keep data on disk. */
  @Param({
    "TWAT_FILE",
    "TWAT_DB",
    "TWAT_UNIVERSAL",
    "EHCACHE_HEAP_DISK",
    "RAW_MVSTORE",
    "RAW_H2_JDBC"
  })
  public Subject subject;

  /** Set by JMH: how many entries the data set holds. */
  @Param({"100000", "1000000"})
  public int entries;

  private Handle<byte[]> opened;

  /** Makes sure the data set is complete, then closes it. */
  @Setup(Level.Trial)
  public void prepare() {
    DiskWorkload.openFilled(subject, entries).detach();
  }

  /** Opens the data set and reads one entry. */
  @Benchmark
  public byte[] open() {
    opened =
        subject.open(
            new Spec<>(
                "disk",
                byte[].class,
                Long.MAX_VALUE / 4,
                /* storeByValue= */ true,
                DiskWorkload.dataSet(subject, entries)));
    return HeapBenchmark.hit(opened, entries / 2);
  }

  /** Closes what the shot opened, keeping its data. */
  @TearDown(Level.Iteration)
  public void close() {
    if (opened != null) {
      opened.detach();
      opened = null;
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The disk workloads' data: {@code byte[]} values of {@value #VALUE_BYTES} bytes under Integer
 * keys drawn uniformly (a disk cache's worst case: no hot set for a heap tier to keep), from a
 * precomputed stream of {@value #STREAM} picks per key-space size.
 *
 * <p>A value's first four bytes are its key and the rest a pattern of the key, so a read of the
 * wrong entry or a torn value is caught by {@link #isValueOf}.
 */
final class DiskWorkload {
  /** The size of every value. */
  static final int VALUE_BYTES = 1024;
  /** Length of a key stream: the heap workload's, so its {@link HeapBenchmark.Cursor} walks it. */
  static final int STREAM = Workload.STREAM;

  private DiskWorkload() {
  }

  /** Returns a stream of {@value #STREAM} keys drawn uniformly from {@code [0, entries)}. */
  static Integer[] uniformKeys(int entries, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Integer[] keys = new Integer[STREAM];
    for (int i = 0; i < STREAM; i++) {
      keys[i] = random.nextInt(entries);
    }
    return keys;
  }

  /** Returns the value of key {@code k}. */
  static byte[] valueOf(int k) {
    byte[] value = new byte[VALUE_BYTES];
    ByteBuffer.wrap(value).putInt(k);
    for (int i = 4; i < VALUE_BYTES; i++) {
      value[i] = (byte) (k * 31 + i);
    }
    return value;
  }

  /** Returns whether {@code value} is the value of key {@code k}. */
  static boolean isValueOf(int k, byte[] value) {
    return value.length == VALUE_BYTES && ByteBuffer.wrap(value).getInt() == k
        && value[VALUE_BYTES - 1] == (byte) (k * 31 + VALUE_BYTES - 1);
  }

  /** Returns the kept folder of {@code subject}'s data set of {@code entries} entries. */
  static Path dataSet(Subject subject, int entries) {
    return Folders.root()
        .resolve(subject.name().toLowerCase(java.util.Locale.ROOT) + "-" + entries);
  }

  /**
   * Opens {@code subject} over its kept data set of {@code entries} entries, filling what is
   * missing (the first run of a data set fills all of it, through a handle that may write with
   * less durability, closed before the measured handle opens), and checks every key.
   */
  static Handle<byte[]> openFilled(Subject subject, int entries) {
    Spec<byte[]> spec =
        new Spec<>(
            "disk",
            byte[].class,
            Long.MAX_VALUE / 4,
            /* storeByValue= */ true,
            dataSet(subject, entries));
    // Only twat:db fills through a handle of its own (relaxed durability); a subject that keeps
    // nothing on disk (twat:memory) must be measured through the handle that filled it.
    boolean ownFiller = subject == Subject.TWAT_DB;
    Handle<byte[]> filler = subject.open(ownFiller ? spec.forFilling() : spec);
    int filled = 0;
    try {
      for (int k = 0; k < entries; k++) {
        byte[] value = filler.get(k);
        if (value == null || !isValueOf(k, value)) {
          filler.put(k, valueOf(k));
          filled++;
        }
      }
    } finally {
      if (ownFiller) {
        filler.detach();
      }
    }
    if (filled > 0) {
      System.out.println(
          "\n"
              + subject
              + ": filled "
              + filled
              + " of "
              + entries
              + " entries in "
              + dataSet(subject, entries));
    }
    Handle<byte[]> cache = ownFiller ? subject.open(spec) : filler;
    Presence.requireAll(subject, cache, entries, DiskWorkload::isValueOf, "before");
    return cache;
  }
}

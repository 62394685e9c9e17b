/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The disk workloads' data: {@code byte[]} values of {@value #VALUE_BYTES} bytes (or another size,
 * for the workloads that take one) under Integer keys drawn uniformly (a disk cache's worst case:
 * no hot set for a heap tier to keep), from a precomputed stream of {@value #STREAM} picks per
 * key-space size.
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
    return valueOf(k, VALUE_BYTES);
  }

  /** Returns the value of key {@code k} in a data set of {@code bytes}-byte values (4 or more). */
  static byte[] valueOf(int k, int bytes) {
    byte[] value = new byte[bytes];
    ByteBuffer.wrap(value).putInt(k);
    for (int i = 4; i < bytes; i++) {
      value[i] = (byte) (k * 31 + i);
    }
    return value;
  }

  /** Returns whether {@code value} is the value of key {@code k}. */
  static boolean isValueOf(int k, byte[] value) {
    return isValueOf(k, value, VALUE_BYTES);
  }

  /** Returns whether {@code value} is the value of key {@code k} of {@code bytes} bytes. */
  static boolean isValueOf(int k, byte[] value, int bytes) {
    return value.length == bytes && ByteBuffer.wrap(value).getInt() == k
        && value[bytes - 1] == (byte) (k * 31 + bytes - 1);
  }

  /** Returns the kept folder of {@code subject}'s data set of {@code entries} entries. */
  static Path dataSet(Subject subject, int entries) {
    return dataSet(subject, entries, VALUE_BYTES);
  }

  /**
   * Returns the kept folder of {@code subject}'s data set of {@code entries} values of {@code
   * bytes} bytes; the 1 KiB data sets keep the names they had before other sizes existed.
   */
  static Path dataSet(Subject subject, int entries, int bytes) {
    String name = subject.name().toLowerCase(java.util.Locale.ROOT) + "-" + entries;
    return Folders.root().resolve(bytes == VALUE_BYTES ? name : name + "x" + bytes);
  }

  /**
   * Opens {@code subject} over its kept data set of {@code entries} entries, filling what is
   * missing (the first run of a data set fills all of it, through a handle that may write with
   * less durability, closed before the measured handle opens), and checks every key.
   */
  static Handle<byte[]> openFilled(Subject subject, int entries) {
    return openFilled(subject, entries, VALUE_BYTES);
  }

  /** Like {@link #openFilled(Subject, int)}, with values of {@code bytes} bytes. */
  static Handle<byte[]> openFilled(Subject subject, int entries, int bytes) {
    Spec<byte[]> spec =
        new Spec<>(
            "disk",
            byte[].class,
            Long.MAX_VALUE / 4,
            /* storeByValue= */ true,
            dataSet(subject, entries, bytes));
    // Only twat:db fills through a handle of its own (relaxed durability); a subject that keeps
    // nothing on disk (twat:memory) must be measured through the handle that filled it.
    boolean ownFiller = subject == Subject.TWAT_DB;
    Handle<byte[]> filler = subject.open(ownFiller ? spec.forFilling() : spec);
    int filled = 0;
    try {
      for (int k = 0; k < entries; k++) {
        byte[] value = filler.get(k);
        if (value == null || !isValueOf(k, value, bytes)) {
          filler.put(k, valueOf(k, bytes));
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
              + dataSet(subject, entries, bytes));
    }
    Handle<byte[]> cache = ownFiller ? subject.open(spec) : filler;
    Presence.requireAll(
        subject, cache, entries, (k, value) -> isValueOf(k, value, bytes), "before");
    return cache;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.util.Arrays;
import java.util.Random;

/**
 * The heap workload's data, computed once per JVM from fixed seeds so that every subject sees the
 * same keys in the same order: {@value #ENTRIES} Integer keys, a stream of {@value #STREAM}
 * Zipf-distributed key picks, the value to put at each pick, and which picks of the mixed load
 * are writes (one in ten).
 *
 * <p>Keys are ranked by popularity with a Zipf exponent of {@value #ZIPF_EXPONENT} (YCSB's
 * default) and the ranks are shuffled over the key space, so that hot keys are not neighbouring
 * integers (which would favour some hash tables). The stream is precomputed so that the measured
 * loop only reads an array.
 *
 * <p>Immutable after class initialization; safe to share between benchmark threads.
 */
public final class Workload {
  /** Entries in every cache of the heap workloads. */
  public static final int ENTRIES = 10_000;
  /**
   * The bound of bounded caches: twice the entries. Nothing is ever evicted, but the eviction
   * policy does its bookkeeping on every operation; a bound of exactly {@link #ENTRIES} would let
   * caches that segment their eviction (cache2k, Ehcache) evict a little early.
   */
  public static final long BOUND_FACTOR = 2;
  /** Length of the precomputed key stream, a power of two. */
  public static final int STREAM = 1 << 16;
  /** Wraps a running index into the stream. */
  public static final int MASK = STREAM - 1;
  /** The Zipf exponent of key popularity. */
  public static final double ZIPF_EXPONENT = 0.99;
  /** One pick in this many is a put in the mixed load. */
  public static final int WRITE_EVERY = 10;

  private static final Integer[] KEY_SPACE = new Integer[ENTRIES];
  private static final String[] VALUE_OF_KEY = new String[ENTRIES];
  /** The key of each pick. */
  static final Integer[] KEYS = new Integer[STREAM];
  /** The value to put at each pick: the value its key already has (an overwrite). */
  static final String[] VALUES = new String[STREAM];
  /** Whether each pick of the mixed load is a put. */
  static final boolean[] WRITES = new boolean[STREAM];

  static {
    for (int k = 0; k < ENTRIES; k++) {
      KEY_SPACE[k] = k; // one Integer instance per key, shared by the stream and the caches
      VALUE_OF_KEY[k] = "value-" + k;
    }
    int[] keyOfRank = shuffledIdentity(ENTRIES, new Random(0x7a7));
    double[] cumulative = zipfCumulative(ENTRIES, ZIPF_EXPONENT);
    Random picks = new Random(42);
    for (int i = 0; i < STREAM; i++) {
      int rank = Arrays.binarySearch(cumulative, picks.nextDouble());
      rank = rank >= 0 ? rank : Math.min(-rank - 1, ENTRIES - 1);
      KEYS[i] = KEY_SPACE[keyOfRank[rank]];
      VALUES[i] = VALUE_OF_KEY[KEYS[i]];
    }
    int[] order = shuffledIdentity(STREAM, new Random(7));
    for (int i = 0; i < STREAM / WRITE_EVERY; i++) {
      WRITES[order[i]] = true;
    }
  }

  private Workload() {
  }

  /** Returns the bound of a bounded cache that holds {@code entries}. */
  public static long boundFor(int entries) {
    return BOUND_FACTOR * entries;
  }

  /** Returns the key with index {@code k}, 0 &lt;= k &lt; {@link #ENTRIES}. */
  static Integer key(int k) {
    return KEY_SPACE[k];
  }

  /** Returns the String value of key {@code k}. */
  static String valueOf(int k) {
    return VALUE_OF_KEY[k];
  }

  /** Returns the share of the stream taken by its most frequent key, for the record. */
  static double hottestShare() {
    int[] counts = new int[ENTRIES];
    int max = 0;
    for (Integer key : KEYS) {
      max = Math.max(max, ++counts[key]);
    }
    return (double) max / STREAM;
  }

  /** Returns how many distinct keys the stream picks, for the record. */
  static int distinctKeys() {
    return (int) Arrays.stream(KEYS).distinct().count();
  }

  private static int[] shuffledIdentity(int n, Random random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static double[] zipfCumulative(int n, double exponent) {
    double[] c = new double[n];
    double sum = 0;
    for (int r = 0; r < n; r++) {
      sum += 1.0 / Math.pow(r + 1, exponent);
      c[r] = sum;
    }
    for (int r = 0; r < n; r++) {
      c[r] /= sum;
    }
    return c;
  }
}

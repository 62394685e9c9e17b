/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures what a put and a get of the database store cost under each {@link Durability}; run by
 * hand ({@code java -cp <test class path> io.twat.cache.internal.store.db.DbDurabilityCost
 * [folder]}), never as a unit test. Single thread, one store per durability, 100-byte values: keys
 * 0..N-1 inserted once, then overwritten and read in seven rounds; prints microseconds per
 * operation (the insert pass, and the median of the rounds after two warm-up rounds for overwrites
 * and gets).
 */
public final class DbDurabilityCost {
  private static final int OPERATIONS = 2_000;
  private static final int ROUNDS = 7;
  private static final int WARM_UP = 2;

  private DbDurabilityCost() {
  }

  public static void main(String[] args) throws Exception {
    Path base =
        args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("twat-db-durability");
    System.out.printf(
        Locale.ROOT, "%-9s %12s %14s %12s%n", "durability", "insert µs", "overwrite µs", "get µs");
    for (Durability durability : Durability.values()) {
      double[] result =
          measure(base.resolve(durability.name().toLowerCase(Locale.ROOT)), durability);
      System.out.printf(
          Locale.ROOT,
          "%-9s %12.1f %14.1f %12.1f%n",
          durability.name().toLowerCase(Locale.ROOT),
          result[0],
          result[1],
          result[2]);
    }
    if (args.length == 0) {
      try {
        deleteTree(base);
      } catch (IOException e) {
        // the last database closes a moment after its store: what is left is in the temporary
        // folder
        System.out.println("left behind: " + base);
      }
    }
  }

  /**
   * Inserts the keys once, then overwrites them and reads them {@value #ROUNDS} times each; returns
   * the medians.
   */
  private static double[] measure(Path folder, Durability durability) throws Exception {
    StoreSpec spec = TestSpecs.spec("cost");
    byte[] value = new byte[100];
    double[] overwrites = new double[ROUNDS];
    double[] gets = new double[ROUNDS];
    double insert;
    try (DbStore<Integer> store = DbStore.openEmbedded(folder, Serializer.allowing(), spec,
        DbStore.Options.defaults().withDurability(durability))) {
      insert = writeAll(store, value);
      for (int round = 0; round < ROUNDS; round++) {
        overwrites[round] = writeAll(store, value);
        long start = System.nanoTime();
        for (int i = 0; i < OPERATIONS; i++) {
          if (store.get(i) == null) {
            throw new IllegalStateException("missing " + i);
          }
        }
        gets[round] = (System.nanoTime() - start) / 1_000.0 / OPERATIONS;
      }
    }
    return new double[] {insert, median(overwrites), median(gets)};
  }

  private static double writeAll(DbStore<Integer> store, byte[] value) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < OPERATIONS; i++) {
      StoreEntry entry = new StoreEntry(value.clone(), StoreEntry.NEVER);
      store.compute(i, (k, current) -> entry);
    }
    return (System.nanoTime() - start) / 1_000.0 / OPERATIONS;
  }

  private static double median(double[] rounds) {
    double[] measured = Arrays.copyOfRange(rounds, WARM_UP, rounds.length);
    Arrays.sort(measured);
    return measured[measured.length / 2];
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures what one write costs under each strategy the file store could use; run by hand ({@code
 * java -cp target/classes:target/test-classes io.twat.cache.internal.store.file.WriteStrategies
 * [folder]}), never as a unit test. Prints microseconds per write, the median of five rounds.
 */
public final class WriteStrategies {
  private static final int WRITES = 2_000;
  private static final int FILES = 200;

  private WriteStrategies() {
  }

  /** A way to write one file's bytes. */
  @FunctionalInterface
  private interface Strategy {
    void write(Path folder, int i, byte[] bytes) throws IOException;
  }

  public static void main(String[] args) throws Exception {
    Path base =
        args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("twat-write-strategies");
    byte[] small = new byte[100];
    byte[] large = new byte[64 * 1024];
    for (int size = 0; size < 2; size++) {
      byte[] bytes = size == 0 ? small : large;
      System.out.printf(Locale.ROOT, "%n%d-byte values, folder %s%n", bytes.length, base);
      measure(
          base,
          "in place (overwrite from 0, no truncate)",
          bytes,
          WriteStrategies::overwrite,
          true);
      measure(
          base,
          "in place (truncate + write), existing file",
          bytes,
          WriteStrategies::inPlace,
          true);
      measure(base, "temp + rename to a new name", bytes, WriteStrategies::renameNew, false);
      measure(base, "temp + rename over existing file", bytes, WriteStrategies::renameOver, true);
      measure(
          base,
          "delete, then temp + rename (not atomic)",
          bytes,
          WriteStrategies::deleteThenRename,
          true);
      measure(
          base,
          "temp + fsync + rename over + fsync folder",
          bytes,
          WriteStrategies::renameOverFsync,
          true);
      measure(base, "in place + fsync", bytes, WriteStrategies::inPlaceFsync, true);
    }
    System.out.printf(Locale.ROOT, "%nFileStore (100-byte values)%n");
    for (int warm = 0; warm < 3; warm++) {
      storeOps(base, FileStore.Options.defaults(), "no fsync");
    }
    storeOps(base, FileStore.Options.defaults().withFsync(true), "fsync");
    if (args.length == 0) {
      deleteTree(base);
    }
  }

  private static void measure(
      Path base, String name, byte[] bytes, Strategy strategy, boolean prefill) throws IOException {
    double[] rounds = new double[5];
    int writes = name.contains("fsync") ? WRITES / 10 : WRITES;
    for (int round = 0; round < rounds.length; round++) {
      Path folder = Files.createDirectory(base.resolve("r" + System.nanoTime()));
      if (prefill) {
        for (int i = 0; i < FILES; i++) {
          Files.write(folder.resolve("f" + i), bytes);
        }
      }
      long start = System.nanoTime();
      for (int i = 0; i < writes; i++) {
        strategy.write(folder, i, bytes);
      }
      rounds[round] = (System.nanoTime() - start) / 1_000.0 / writes;
      deleteTree(folder);
    }
    java.util.Arrays.sort(rounds);
    System.out.printf(Locale.ROOT, "  %-45s %9.1f us/write%n", name, rounds[2]);
  }

  private static void inPlace(Path folder, int i, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            folder.resolve("f" + (i % FILES)),
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(bytes));
    }
  }

  private static void overwrite(Path folder, int i, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(folder.resolve("f" + (i % FILES)), StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(bytes), 0);
    }
  }

  private static void inPlaceFsync(Path folder, int i, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            folder.resolve("f" + (i % FILES)),
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(ByteBuffer.wrap(bytes));
      channel.force(false);
    }
  }

  private static Path temp(Path folder, int i, byte[] bytes, boolean fsync) throws IOException {
    Path temp = folder.resolve("t" + i + ".tmp");
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(bytes));
      if (fsync) {
        channel.force(false);
      }
    }
    return temp;
  }

  private static void renameNew(Path folder, int i, byte[] bytes) throws IOException {
    Files.move(
        temp(folder, i, bytes, false), folder.resolve("n" + i), StandardCopyOption.ATOMIC_MOVE);
  }

  private static void renameOver(Path folder, int i, byte[] bytes) throws IOException {
    Files.move(
        temp(folder, i, bytes, false),
        folder.resolve("f" + (i % FILES)),
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteThenRename(Path folder, int i, byte[] bytes) throws IOException {
    Path temp = temp(folder, i, bytes, false);
    Path target = folder.resolve("f" + (i % FILES));
    Files.deleteIfExists(target);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void renameOverFsync(Path folder, int i, byte[] bytes) throws IOException {
    Files.move(
        temp(folder, i, bytes, true),
        folder.resolve("f" + (i % FILES)),
        StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void storeOps(Path base, FileStore.Options options, String label)
      throws Exception {
    Path folder = base.resolve("store-" + System.nanoTime());
    StoreSpec spec = TestSpecs.spec("bench");
    try (FileStore<Integer> store = FileStore.open(folder, Serializer.allowing(), spec, options)) {
      int n = options.fsync() ? 200 : 5_000;
      StoreEntry entry = new StoreEntry(new byte[100], StoreEntry.NEVER);
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        store.compute(i % FILES, (k, current) -> entry);
      }
      double put = (System.nanoTime() - start) / 1_000.0 / n;
      start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        store.get(i % FILES);
      }
      double get = (System.nanoTime() - start) / 1_000.0 / n;
      System.out.printf(Locale.ROOT, "  %-45s put %7.1f us, get %6.1f us%n", label, put, get);
    }
    deleteTree(folder);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}

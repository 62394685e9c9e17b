/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures gets of large raw values ({@code byte[]}, {@code ByteBuffer}, {@code double[]}) from a
 * warm file store (the files in the page cache): milliseconds per get, the median of 15 after 5
 * warm-up gets. Run by hand ({@code java -cp target/classes:target/test-classes
 * io.twat.cache.internal.store.file.LargeValues}), never as a unit test.
 */
public final class LargeValues {
  private LargeValues() {
  }

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("twat-large-values");
    StoreSpec spec = TestSpecs.spec("large");
    try (FileStore<String> store =
        FileStore.open(folder, Serializer.allowing(), spec, FileStore.Options.defaults())) {
      for (int mib : new int[] {1, 16, 64}) {
        int size = mib << 20;
        byte[] bytes = new byte[size];
        new java.util.Random(mib).nextBytes(bytes);
        System.out.printf(
            Locale.ROOT,
            "%3d MiB  put byte[] %7.2f ms%n",
            mib,
            timePut(store, "bytes" + mib, bytes));
        put(store, "bytes" + mib, bytes);
        put(store, "buffer" + mib, ByteBuffer.wrap(bytes));
        put(store, "doubles" + mib, new double[size / 8]);
        System.out.printf(
            Locale.ROOT,
            "%3d MiB  byte[] %7.2f ms  ByteBuffer %7.2f ms  double[] %7.2f ms  "
                + "(Files.readAllBytes alone %7.2f ms)%n",
            mib,
            time(store, "bytes" + mib),
            time(store, "buffer" + mib),
            time(store, "doubles" + mib),
            timeRead(store.pathOf("bytes" + mib)));
      }
    } finally {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static void put(FileStore<String> store, String key, Object value) throws Exception {
    StoreEntry entry = new StoreEntry(value, StoreEntry.NEVER);
    store.compute(key, (k, current) -> entry);
  }

  private static double timePut(FileStore<String> store, String key, Object value)
      throws Exception {
    double[] millis = new double[12];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      put(store, key, value);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    double[] measured = Arrays.copyOfRange(millis, 2, millis.length);
    Arrays.sort(measured);
    return measured[measured.length / 2];
  }

  private static double time(FileStore<String> store, String key) throws Exception {
    double[] millis = new double[20];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      if (store.get(key) == null) {
        throw new IllegalStateException("missing " + key);
      }
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    double[] measured = Arrays.copyOfRange(millis, 5, millis.length);
    Arrays.sort(measured);
    return measured[measured.length / 2];
  }

  private static double timeRead(Path path) throws Exception {
    double[] millis = new double[20];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      Files.readAllBytes(path);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    double[] measured = Arrays.copyOfRange(millis, 5, millis.length);
    Arrays.sort(measured);
    return measured[measured.length / 2];
  }
}

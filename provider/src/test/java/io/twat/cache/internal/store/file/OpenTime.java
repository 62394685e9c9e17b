/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures how long opening a file store of 100k entries takes: open itself, and the listing it
 * starts in the background to count the entries and find abandoned temp files (a store bounded by
 * bytes also reads each file's size); run by hand ({@code java -cp
 * target/classes:target/test-classes io.twat.cache.internal.store.file.OpenTime}), never as a unit
 * test. The entries are written directly in the entry format, which is faster than through the
 * store.
 */
public final class OpenTime {
  private static final int ENTRIES = 100_000;

  private OpenTime() {
  }

  public static void main(String[] args) throws Exception {
    Path folder = Files.createTempDirectory("twat-open-time");
    try {
      Serializer serializer = Serializer.allowing();
      StoreSpec spec = TestSpecs.spec("open");
      try (FileStore<Integer> store =
          FileStore.open(folder, serializer, spec, FileStore.Options.defaults())) {
        byte[] value = serializer.toBytes(new byte[100]);
        for (int i = 0; i < ENTRIES; i++) {
          Path path = store.pathOf(i);
          Files.createDirectories(path.getParent());
          Files.write(
              path,
              EntryFormat.encode(
                  serializer.toBytes(i), value, Long.MAX_VALUE, Compression.NONE, 0));
        }
      }
      for (int round = 0; round < 3; round++) {
        long start = System.nanoTime();
        long size;
        try (FileStore<Integer> store =
            FileStore.open(folder, serializer, spec, FileStore.Options.defaults())) {
          size = store.size();
          if (round == 0) {
            System.out.println(
                "check: " + HexFormat.of().toHexDigits(((byte[]) store.get(5).value()).length));
          }
        }
        System.out.printf(
            Locale.ROOT,
            "open + size of %d entries: %.1f ms%n",
            size,
            (System.nanoTime() - start) / 1e6);
        start = System.nanoTime();
        try (FileStore<Integer> store =
            FileStore.open(folder, serializer, spec, FileStore.Options.defaults())) {
          double opened = (System.nanoTime() - start) / 1e6;
          store.awaitOpenScan();
          System.out.printf(
              Locale.ROOT,
              "open returns after %.1f ms; its background count is done after %.1f ms%n",
              opened,
              (System.nanoTime() - start) / 1e6);
        }
        start = System.nanoTime();
        try (FileStore<Integer> store =
            FileStore.open(
                folder, serializer, spec.withMaxBytes(1L << 40), FileStore.Options.defaults())) {
          double opened = (System.nanoTime() - start) / 1e6;
          store.awaitOpenScan();
          System.out.printf(
              Locale.ROOT,
              "bounded by bytes: open returns after %.1f ms; its background count (with "
                  + "each file's size) is done after %.1f ms (%d bytes)%n",
              opened,
              (System.nanoTime() - start) / 1e6,
              store.bytes());
        }
      }
    } finally {
      deleteTree(folder);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A process that works on a shared file store, started by {@link FileStoreProcessesTest}:
 *
 * <ul>
 *   <li>{@code increment FOLDER N}: opens the store, prints {@code ready}, waits for a line on its
 *       standard input (so that all workers start together), makes N atomic increments of the key
 *       {@value #COUNTER}, then prints {@code done};
 *   <li>{@code overwrite FOLDER}: writes the key {@value #VALUE} again and again, the i-th time a
 *       {@code long[]} filled with i, and prints i once each write has returned; it runs until it
 *       is killed;
 *   <li>{@code recreate FOLDER}: destroys the cache in the folder as a manager that does not hold
 *       it does, creates it again as {@code String -> Long}, writes {@value #RECREATED} = 42, and
 *       prints {@code done}.
 * </ul>
 */
public final class FileStoreWorker {
  static final String COUNTER = "counter";
  static final String VALUE = "value";
  static final int ARRAY_LENGTH = 8_192;
  static final String RECREATED = "recreated";

  private FileStoreWorker() {
  }

  static StoreSpec spec() {
    return TestSpecs.spec("shared");
  }

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[1]);
    if (args[0].equals("recreate")) {
      FileStore.destroyFolder(folder);
      try (FileStore<String> store = FileStore.open(folder, Serializer.allowing(),
          spec().withTypes(String.class, Long.class), FileStore.Options.defaults())) {
        store.compute(RECREATED, (k, current) -> new StoreEntry(42L, StoreEntry.NEVER));
      }
      System.out.println("done");
      return;
    }
    try (FileStore<String> store =
        FileStore.open(folder, Serializer.allowing(), spec(), FileStore.Options.defaults())) {
      if (args[0].equals("increment")) {
        int n = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
            .readLine();
        for (int i = 0; i < n; i++) {
          store.compute(
              COUNTER,
              (k, current) ->
                  new StoreEntry(
                      current == null ? 1 : (Integer) current.value() + 1, StoreEntry.NEVER));
        }
        System.out.println("done");
      } else if (args[0].equals("overwrite")) {
        long[] value = new long[ARRAY_LENGTH];
        for (long i = 1; ; i++) {
          Arrays.fill(value, i);
          StoreEntry entry = new StoreEntry(value.clone(), StoreEntry.NEVER);
          store.compute(VALUE, (k, current) -> entry);
          System.out.println(i);
          System.out.flush();
        }
      } else {
        throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database stays usable and small under the ways real programs use a cache. */
final class DbStoreResilienceTest {
  @TempDir
  Path temp;

  private DbStore<Integer> open(String name) throws StoreException {
    return EmbeddedDb.open(temp, name);
  }

  private static void put(DbStore<Integer> store, int key, Object value) throws StoreException {
    store.compute(key, (k, old) -> new StoreEntry(value, StoreEntry.NEVER));
  }

  @Test
  void callersInterruptedDuringWrites_failNobodyElse() throws Exception {
    try (DbStore<Integer> store = open("interrupted")) {
      AtomicReference<Throwable> bystanderFailure = new AtomicReference<>();
      AtomicBoolean stop = new AtomicBoolean();
      Thread bystander = new Thread(() -> {
        try {
          for (int i = 0; !stop.get(); i++) {
            put(store, 1_000_000 + (i % 100), new byte[1024]);
          }
        } catch (StoreException | RuntimeException e) {
          bystanderFailure.set(e);
        }
      });
      bystander.start();
      for (int round = 0; round < 20; round++) {
        int base = round * 100;
        Thread caller = new Thread(() -> {
          Thread.currentThread().interrupt(); // as a cancelled task's thread would be
          try {
            for (int i = 0; i < 20; i++) {
              put(store, base + i, new byte[1024]);
            }
          } catch (StoreException | RuntimeException e) {
            // the interrupted caller itself may fail
          }
        });
        caller.start();
        caller.join();
      }
      stop.set(true);
      bystander.join();

      assertNull(
          bystanderFailure.get(),
          () -> "a caller that was not interrupted failed: " + bystanderFailure.get());
      put(store, -1, "after");
      assertEquals("after", store.get(-1).value());
    }
  }

  @Test
  void overwritingTheSameKeysAgainAndAgain_doesNotGrowTheFileWithoutBound() throws Exception {
    byte[] value = new byte[1024];
    try (DbStore<Integer> store = open("overwrites")) {
      for (int i = 0; i < 10_000; i++) {
        value[0] = (byte) i;
        put(store, i % 1_000, value.clone());
      }
      long size = Files.size(temp.resolve(DbStore.EMBEDDED_FILE + ".mv.db"));
      // 1,000 live entries of 1 KiB; H2's default retention kept every superseded commit (about
      // 25 KB per put: 250 MB here).
      assertTrue(
          size < 40L << 20,
          "database file of " + (size >> 20) + " MiB after 10,000 puts on 1,000 keys");
    }
  }
}

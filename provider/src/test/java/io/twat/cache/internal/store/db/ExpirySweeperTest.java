/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.store.TestSpecs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweeps of expired rows beyond the happy path: corrupt rows, stopping, a closed store. */
final class ExpirySweeperTest {
  @TempDir
  Path temp;

  private final AtomicLong now = new AtomicLong(1_000L);
  private final List<Object> expired = new CopyOnWriteArrayList<>();
  private final StoreListener listener = new StoreListener() {
    @Override
    public void onEvicted(int count) {
    }

    @Override
    public void onExpired(Object key, StoreEntry entry) {
      expired.add(key);
    }
  };

  private DbStore<String> open(long sweepIntervalMillis) throws Exception {
    StoreSpec spec = TestSpecs.spec("sweep").withListener(listener).withTicker(now::get)
        .withExpiring(true);
    return DbStore.openEmbedded(temp, Serializer.allowing(), spec,
        DbStore.Options.defaults().withSweepIntervalMillis(sweepIntervalMillis));
  }

  private long rows() throws Exception {
    try (Connection connection = EmbeddedDb.connect(temp);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM twat_row")) {
      result.next();
      return result.getLong(1);
    }
  }

  @Test
  void anExpiredRowThatCannotBeReadBack_isDeletedWithoutAReport() throws Exception {
    try (DbStore<String> store = open(/* sweepIntervalMillis= */ 0)) {
      store.compute("bad", (k, current) -> new StoreEntry("a", 1_010L));
      store.compute("good", (k, current) -> new StoreEntry("b", 1_010L));
      try (Connection connection = EmbeddedDb.connect(temp);
          Statement statement = connection.createStatement()) {
        statement.executeUpdate("UPDATE twat_row SET checksum = checksum + 1 WHERE entry_size = "
            + (Serializer.allowing().toBytes("bad").length
                + Serializer.allowing().toBytes("a").length));
      }
      now.set(1_010L);

      assertEquals(2, store.sweepExpired());

      assertEquals(List.of("good"), expired, "only the row that reads back is reported");
      assertEquals(0, rows());
      assertEquals(0, store.size());
    }
  }

  @Test
  void aStoreWithoutASweepInterval_isNotScheduled_butSweepsWhenAsked() throws Exception {
    try (DbStore<String> store = open(/* sweepIntervalMillis= */ 0)) {
      store.compute("k", (k, current) -> new StoreEntry("v", 1_010L));
      now.set(2_000L);

      assertFalse(store.isSweeping());
      assertEquals(1, store.sweepExpired());
      assertNull(store.get("k"));
    }
  }

  @Test
  void aClosedStore_sweepsNothing() throws Exception {
    DbStore<String> store = open(DbStore.Options.DEFAULT_SWEEP_INTERVAL_MILLIS);
    store.compute("k", (k, current) -> new StoreEntry("v", 1_010L));
    assertTrue(store.isSweeping());
    now.set(2_000L);

    store.close();

    assertFalse(store.isSweeping());
    assertEquals(0, store.sweepExpired());
    assertEquals(1, rows(), "the expired row stays for the next store to sweep");
    assertEquals(List.of(), expired);
  }
}

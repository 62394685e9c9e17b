/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.testing.LogCapture;
import java.io.Serializable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the database store does with rows it did not write, types it must not read, and its bounds
 * and sweeps.
 */
final class DbStoreFaultsTest {
  @TempDir
  Path temp;

  private final List<DbStore<?>> opened = new ArrayList<>();
  /** The store's warnings: the damaged rows these tests make. */
  private final LogCapture log = LogCapture.of(DbStore.class.getName());

  @AfterEach
  void close() {
    opened.forEach(DbStore::close);
    log.close();
    long corrupt = opened.stream().mapToLong(DbStore::corruptReads).sum();
    assertEquals(corrupt, log.warnings().stream().filter(w -> w.contains("is corrupt")).count(),
        () -> "one warning per corrupt read: " + log.warnings());
  }

  private <K> DbStore<K> open(StoreSpec spec, Serializer serializer, DbStore.Options options)
      throws StoreException {
    DbStore<K> store = DbStore.openEmbedded(temp, serializer, spec, options);
    opened.add(store);
    return store;
  }

  private <K> DbStore<K> open(String name) throws StoreException {
    return open(TestSpecs.spec(name),
        Serializer.allowing(), DbStore.Options.defaults());
  }

  private Connection sql() throws SQLException {
    return EmbeddedDb.connect(temp);
  }

  private int update(String statement, Object... args) throws SQLException {
    try (Connection connection = sql();
        PreparedStatement update = connection.prepareStatement(statement)) {
      for (int i = 0; i < args.length; i++) {
        update.setObject(i + 1, args[i]);
      }
      return update.executeUpdate();
    }
  }

  private long rows() throws SQLException {
    try (Connection connection = sql(); ResultSet result = connection.createStatement()
        .executeQuery("SELECT COUNT(*) FROM twat_row")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static StoreEntry put(DbStore<String> store, String key, Object value)
      throws StoreException {
    return store.compute(key, (k, current) -> new StoreEntry(value, StoreEntry.NEVER));
  }

  @Test
  void get_ofRowWhoseBytesWereChanged_isAMissCountedAndTheRowDeleted() throws Exception {
    DbStore<String> store = open("corrupt");
    put(store, "k", "value");
    put(store, "other", "fine");
    assertEquals(
        1,
        update(
            "UPDATE twat_row SET value_bytes = ? WHERE entry_size = ?",
            new byte[] {1, 'v', 'a', 'l', 'u', 'X'},
            (long) Serializer.allowing().toBytes("k").length + 6));

    assertNull(store.get("k"));
    assertEquals(1, store.corruptReads());
    assertEquals(1, rows(), "the corrupt row is deleted, the other kept");
    assertNull(store.get("k"));
    assertEquals(1, store.corruptReads(), "counted once: the row is gone");
    assertEquals("fine", store.get("other").value());
  }

  @Test
  void get_ofRowWithValidChecksumButBytesThatDoNotDeserialize_isAMiss() throws Exception {
    DbStore<String> store = open("garbage");
    put(store, "k", "value");
    byte[] key = Serializer.allowing().toBytes("k");
    byte[] garbage = {99, 1, 2, 3};
    update("UPDATE twat_row SET value_bytes = ?, checksum = ?", garbage,
        RowFormat.checksum(key, garbage, StoreEntry.NEVER));

    assertNull(store.get("k"));
    assertEquals(1, store.corruptReads());
    assertEquals(0, rows());
  }

  @Test
  void compute_overACorruptRow_seesNoEntryAndReplacesIt() throws Exception {
    DbStore<String> store = open("recompute");
    put(store, "k", "value");
    update("UPDATE twat_row SET expires_at = 5");

    StoreEntry result = store.compute("k", (k, current) -> {
      assertNull(current, "a corrupt row is no entry");
      return new StoreEntry("new", StoreEntry.NEVER);
    });

    assertEquals("new", result.value());
    assertEquals("new", store.get("k").value());
    assertEquals(1, store.corruptReads());
  }

  @Test
  void iterator_skipsAndDeletesCorruptRows() throws Exception {
    DbStore<String> store = open("iterate");
    put(store, "a", "one");
    put(store, "b", "2");
    update(
        "UPDATE twat_row SET checksum = checksum + 1 WHERE entry_size = ?",
        (long) Serializer.allowing().toBytes("a").length
            + Serializer.allowing().toBytes("one").length);
    List<String> keys = new ArrayList<>();

    for (Iterator<Map.Entry<String, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
      keys.add(it.next().getKey());
    }

    assertEquals(List.of("b"), keys);
    assertEquals(1, store.corruptReads());
    assertEquals(1, rows());
  }

  /** A value class the serializer is not told about. */
  static final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    final String text = "s";
  }

  @Test
  void get_ofAClassOutsideTheAllowList_isACountedMiss_loggedOnce_andKeepsTheRow() throws Exception {
    StoreSpec spec = TestSpecs.spec("allow");
    DbStore<String> writer = open(spec, Serializer.allowing(Secret.class.getName()),
        DbStore.Options.defaults());
    put(writer, "k", new Secret());
    put(writer, "fine", "text");
    DbStore<String> reader = open(spec, Serializer.allowing(), DbStore.Options.defaults());

    List<String> warnings;
    try (LogCapture log = LogCapture.of(DbStore.class.getName())) {
      assertNull(reader.get("k"));
      assertNull(reader.get("k"));
      warnings = log.warnings();
    }

    assertEquals(1, warnings.size(), () -> "logged once per row: " + warnings);
    assertTrue(warnings.get(0).contains(Secret.class.getName()), warnings.get(0));
    assertTrue(warnings.get(0).contains("allow"), warnings.get(0));
    assertEquals(2, reader.refusedReads());
    assertEquals(0, reader.corruptReads());
    assertEquals(2, rows(), "the refused row stays");
    DbStore<String> allowing = open(spec, Serializer.allowing(Secret.class.getName()),
        DbStore.Options.defaults());
    assertEquals("s", ((Secret) allowing.get("k").value()).text, "readable once allowed");
  }

  @Test
  void compute_overARefusedValue_seesNoEntry_leavesItUnlessItWrites() throws Exception {
    StoreSpec spec = TestSpecs.spec("allow-compute");
    DbStore<String> writer = open(spec, Serializer.allowing(Secret.class.getName()),
        DbStore.Options.defaults());
    put(writer, "k", new Secret());
    DbStore<String> reader = open(spec, Serializer.allowing(), DbStore.Options.defaults());

    try (LogCapture log = LogCapture.of(DbStore.class.getName())) {
      assertNull(reader.compute("k", (k, current) -> {
        assertNull(current, "a refused value is no entry");
        return null;
      }));
      assertEquals(1, rows(), "a removal of what the function never saw deletes nothing");
      reader.compute("k", (k, current) -> new StoreEntry("new", StoreEntry.NEVER));
      assertEquals(1, log.warnings().size(), () -> "warnings: " + log.warnings());
    }

    assertEquals("new", reader.get("k").value());
    assertEquals(2, reader.refusedReads());
    assertEquals(0, reader.corruptReads());
  }

  @Test
  void iterator_skipsRefusedKeysAndValues_countingThem_andKeepsTheRows() throws Exception {
    StoreSpec spec = TestSpecs.spec("allow-iterate");
    DbStore<Object> writer = open(spec, Serializer.allowing(Secret.class.getName()),
        DbStore.Options.defaults());
    writer.compute("secret value", (k, current) -> new StoreEntry(new Secret(), StoreEntry.NEVER));
    writer.compute(new Secret(), (k, current) -> new StoreEntry("secret key", StoreEntry.NEVER));
    writer.compute("fine", (k, current) -> new StoreEntry("text", StoreEntry.NEVER));
    DbStore<Object> reader = open(spec, Serializer.allowing(), DbStore.Options.defaults());
    List<Object> keys = new ArrayList<>();

    try (LogCapture log = LogCapture.of(DbStore.class.getName())) {
      for (Iterator<Map.Entry<Object, StoreEntry>> it = reader.iterator(); it.hasNext(); ) {
        keys.add(it.next().getKey());
      }
      assertEquals(2, log.warnings().size(), () -> "one per refused row: " + log.warnings());
    }

    assertEquals(List.of("fine"), keys);
    assertEquals(2, reader.refusedReads());
    assertEquals(0, reader.corruptReads());
    assertEquals(3, rows());
  }

  @Test
  void open_withOtherTypesWhileRowsExist_failsNamingBothTypes_butEmptyCacheTakesTheNewTypes()
      throws Exception {
    DbStore<String> first = open(TestSpecs.spec("typed").withTypes(String.class, Integer.class),
        Serializer.allowing(), DbStore.Options.defaults());
    put(first, "k", 1);
    StoreSpec other = TestSpecs.spec("typed").withTypes(String.class, Long.class);

    StoreException thrown = assertThrows(StoreException.class,
        () -> open(other, Serializer.allowing(), DbStore.Options.defaults()));
    assertTrue(
        thrown.getMessage().contains("java.lang.Integer")
            && thrown.getMessage().contains("java.lang.Long"),
        thrown.getMessage());

    first.clear();
    DbStore<String> retyped = open(other, Serializer.allowing(), DbStore.Options.defaults());
    put(retyped, "k", 2L);
    assertEquals(2L, retyped.get("k").value());
  }

  @Test
  void caches_ofOneDatabase_keepTheirEntriesApart() throws Exception {
    DbStore<String> a = open("a");
    DbStore<String> b = open("b");
    put(a, "k", "in a");

    assertNull(b.get("k"));
    b.clear();
    assertEquals("in a", a.get("k").value());
  }

  @Test
  void maxBytes_boundsTheSerializedSize_evictingTheLeastRecentlyWritten() throws Exception {
    AtomicLong evicted = new AtomicLong();
    StoreSpec spec = TestSpecs.spec("bytes").withListener(count -> evicted.addAndGet(count));
    DbStore<String> store =
        open(spec, Serializer.allowing(), DbStore.Options.defaults().withMaxBytes(10_000));
    byte[] kilobyte = new byte[1_000];

    for (int i = 0; i < 50; i++) {
      put(store, "k" + i, kilobyte);
    }

    long size = store.size();
    assertTrue(size > 0 && size <= 10, "rows of about 1 KB within 10,000 bytes: " + size);
    assertEquals(50 - size, evicted.get());
    assertTrue(store.get("k49") != null, "the last written is kept");
  }

  @Test
  void maxBytes_isAlsoKeptWhenOverwritesMakeValuesLarger() throws Exception {
    AtomicLong evicted = new AtomicLong();
    StoreSpec spec = TestSpecs.spec("growing").withListener(count -> evicted.addAndGet(count));
    DbStore<String> store =
        open(spec, Serializer.allowing(), DbStore.Options.defaults().withMaxBytes(10_000));
    for (int i = 0; i < 8; i++) {
      put(store, "k" + i, new byte[100]);
    }

    for (int i = 0; i < 8; i++) {
      put(store, "k" + i, new byte[2_000]);
    }

    long size = store.size();
    assertTrue(size > 0 && size <= 4, "rows of about 2 KB within 10,000 bytes: " + size);
    // an overwrite of a key evicted meanwhile inserts it again, so more may have been evicted
    assertTrue(evicted.get() >= 8 - size, "evicted " + evicted.get());
    assertEquals(2_000, ((byte[]) store.get("k7").value()).length, "the last written is kept");
  }

  @Test
  void sweepExpired_deletesRowsPastTheirDeadlineOnTheCachesClock_reportingEachOnce()
      throws Exception {
    AtomicLong now = new AtomicLong(1_000L);
    List<Object> expired = new ArrayList<>();
    StoreListener listener = new StoreListener() {
      @Override
      public void onEvicted(int count) {
      }

      @Override
      public void onExpired(Object key, StoreEntry entry) {
        expired.add(key + "=" + entry.value());
      }
    };
    StoreSpec spec = TestSpecs.spec("sweep").withListener(listener).withTicker(now::get)
        .withExpiring(/* expiring= */ true);
    DbStore<String> store = open(spec, Serializer.allowing(), DbStore.Options.defaults());
    store.compute("soon", (k, c) -> new StoreEntry("a", 1_010L));
    store.compute("later", (k, c) -> new StoreEntry("b", 5_000L));
    assertTrue(store.isSweeping());

    assertEquals(0, store.sweepExpired());
    now.set(1_010L);
    assertEquals(1, store.sweepExpired());
    assertEquals(0, store.sweepExpired());

    assertEquals(List.of("soon=a"), expired);
    assertNull(store.get("soon"));
    assertEquals("b", store.get("later").value());
    store.close();
    assertFalse(store.isSweeping(), "the sweeper stops when the store closes");
  }

  @ParameterizedTest
  @EnumSource(Durability.class)
  void everyDurability_writesReadsAndRemoves_andIsNamedInTheDescription(Durability durability)
      throws Exception {
    StoreSpec spec = TestSpecs.spec("durable");
    DbStore<String> store =
        DbStore.openEmbedded(
            temp.resolve(durability.name()),
            Serializer.allowing(),
            spec,
            DbStore.Options.defaults().withDurability(durability));
    opened.add(store);

    put(store, "k", "v");
    assertEquals("v", store.get("k").value());
    store.compute("k", (k, current) -> null);
    assertNull(store.get("k"));
    assertTrue(
        store
            .describe()
            .contains("durability " + durability.name().toLowerCase(java.util.Locale.ROOT)),
        store.describe());
  }

  @Test
  void eternalStore_hasNoSweeper() throws Exception {
    assertFalse(open("eternal").isSweeping());
  }

  @Test
  void open_ofAnUnreachableServer_failsNamingTheUrl_withoutHanging() {
    String url = "jdbc:h2:tcp://127.0.0.1:1/nowhere";
    StoreSpec spec = TestSpecs.spec("x");

    StoreException thrown =
        assertThrows(
            StoreException.class,
            () ->
                DbStore.open(
                    url,
                    Credentials.EMBEDDED_DEFAULT,
                    Serializer.allowing(),
                    spec,
                    DbStore.Options.defaults().withConnectTimeoutMillis(20_000)));

    assertTrue(thrown.getMessage().contains(url), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("reachable"), thrown.getMessage());
  }

  @Test
  void open_ofAUrlWithoutADriver_saysToAddTheDriver() {
    StoreSpec spec = TestSpecs.spec("x");

    StoreException thrown =
        assertThrows(
            StoreException.class,
            () ->
                DbStore.open(
                    "jdbc:nosuchdb://host/db",
                    Credentials.EMBEDDED_DEFAULT,
                    Serializer.allowing(),
                    spec,
                    DbStore.Options.defaults()));

    assertTrue(thrown.getMessage().contains("jdbc:nosuchdb://host/db"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("driver"), thrown.getMessage());
  }
}

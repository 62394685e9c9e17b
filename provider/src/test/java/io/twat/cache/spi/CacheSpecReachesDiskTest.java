/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.CacheStats;
import io.twat.cache.TierStatistics;
import io.twat.cache.TwatCaches;
import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.assembly.FileStoreFactory;
import io.twat.cache.internal.crypto.TestKeys;
import io.twat.cache.internal.store.db.DbStore;
import io.twat.cache.testing.EmbeddedDatabases;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cache's own settings reach every disk store that holds its entries: with
 * {@code twat:universal}, its encryption keys and its byte bound reach the file store and the db
 * store below the heap tier (they were once dropped there, so entries went to disk in plaintext
 * and without a bound), and with {@code twat:db} its own {@code maxBytes} bounds its rows.
 */
class CacheSpecReachesDiskTest {
  private static final String SEALED = "SEALED-7f3a-plaintext";
  private static final String PLAIN = "PLAIN-7f3a-plaintext";
  private static final long MAX_BYTES = 64 * 1024;

  @TempDir
  Path folder;

  private final TwatCachingProvider provider = new TwatCachingProvider();

  @AfterEach
  void close() {
    provider.close();
    EmbeddedDatabases.shutDown(data());
  }

  private Path data() {
    return folder.resolve("data");
  }

  private CacheManager universal(String query) {
    return provider.getCacheManager(
        URI.create("twat:universal?dir=" + data() + "&threshold=1KiB&" + query), null);
  }

  private static TwatConfiguration<String, String> strings() {
    TwatConfiguration<String, String> configuration = new TwatConfiguration<>();
    configuration.setTypes(String.class, String.class);
    return configuration;
  }

  /** Returns the files under the manager's folder whose raw bytes contain {@code text}. */
  private List<Path> filesContaining(String text) throws Exception {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(data())) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
          found.add(file);
        }
      }
    }
    return found;
  }

  private Connection database() throws Exception {
    return DriverManager.getConnection(DbStore.embeddedUrl(data()), "sa", "");
  }

  /** Returns the value columns of a cache's rows in the embedded database, as text. */
  private List<String> valueColumns(String cacheName) throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection connection = database();
        PreparedStatement select = connection.prepareStatement("SELECT r.value_bytes "
            + "FROM twat_row r JOIN twat_cache c ON c.id = r.cache_id WHERE c.name = ?")) {
      select.setString(1, cacheName);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          values.add(new String(rows.getBytes(1), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return values;
  }

  /** Returns the bytes of keys and values in a cache's rows, as the db store counts them. */
  private long rowBytes(String cacheName) throws Exception {
    try (Connection connection = database();
        PreparedStatement select = connection.prepareStatement(
            "SELECT COALESCE(SUM(r.entry_size), 0) FROM twat_row r "
            + "JOIN twat_cache c ON c.id = r.cache_id WHERE c.name = ?")) {
      select.setString(1, cacheName);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Returns the bytes of the bookkeeping files (its record, its lock) in a cache's folder. */
  private long bookkeepingBytes(String cacheName) throws Exception {
    Path cacheFolder = data().resolve(FileStoreFactory.folderName(cacheName));
    long bytes = 0;
    try (Stream<Path> files = Files.list(cacheFolder)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file) && file.getFileName().toString().startsWith(".")) {
          bytes += Files.size(file);
        }
      }
    }
    return bytes;
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory,file", "memory,db,file"})
  void ownEncryptionKey_reachesEveryDiskTier_soNoPlaintextReachesTheDisk(String tiers)
      throws Exception {
    SecretKey key = TestKeys.newKey();
    CacheManager manager = universal("tiers=" + tiers);
    Cache<String, String> sealed = manager.createCache("sealed", strings().setEncryptionKey(key));
    String small = SEALED + "-small";
    String large = SEALED + "-large-" + "x".repeat(8_000);
    sealed.put("small", small);
    sealed.put("large", large);
    // A cache without keys beside it shows that the checks below would see plaintext.
    Cache<String, String> plain = manager.createCache("plain", strings());
    plain.put("small", PLAIN + "-small");
    plain.put("large", PLAIN + "-large-" + "x".repeat(8_000));
    provider.close();

    assertFalse(filesContaining(PLAIN).isEmpty(), "the plain cache's values are on disk as is");
    assertEquals(List.of(), filesContaining(SEALED), "files with the sealed cache's plaintext");
    if (tiers.contains("db")) {
      List<String> values = valueColumns("sealed");
      assertEquals(1, values.size(), "the small value is a row of the db tier");
      assertFalse(values.get(0).contains(SEALED), "the value column is encrypted");
      assertTrue(valueColumns("plain").get(0).contains(PLAIN), "the plain cache's column is not");
    }

    TwatCachingProvider second = new TwatCachingProvider();
    try {
      URI uri = URI.create("twat:universal?dir=" + data() + "&threshold=1KiB&tiers=" + tiers);
      Cache<String, String> reopened = second.getCacheManager(uri, null)
          .createCache("sealed", strings().setEncryptionKey(key));
      assertEquals(small, reopened.get("small"));
      assertEquals(large, reopened.get("large"));
    } finally {
      second.close();
    }
  }

  /**
   * With {@code db,file} each disk tier is bounded by the cache's maxBytes on its own (see
   * SizeRoutingStore): values on both sides of the threshold may take up to twice the bound.
   */
  @ParameterizedTest(name = "tiers={0}, maxBytes from the {1}")
  @CsvSource(delimiter = '|', value = {"memory,file|uri", "memory,file|cache", "memory,db,file|uri",
      "memory,db,file|cache"})
  void maxBytes_boundsTheBytesOfEveryDiskTier(String tiers, String source) throws Exception {
    boolean inUri = source.equals("uri");
    CacheManager manager = universal("tiers=" + tiers + (inUri ? "&maxBytes=" + MAX_BYTES : ""));
    TwatConfiguration<String, String> configuration = strings();
    if (!inUri) {
      configuration.setMaxBytes(MAX_BYTES);
    }
    Cache<String, String> cache = manager.createCache("bounded", configuration);
    // Past the bound on both sides of the 1 KiB threshold: 200 values of 0.4 KB and 200 of 2.4 KB.
    String last = null;
    for (int i = 0; i < 400; i++) {
      last = (i % 2 == 0 ? "s" : "l".repeat(2_000)) + "-" + "v".repeat(400) + i;
      cache.put("k" + i, last);
    }
    assertEquals(last, cache.get("k399"));

    CacheStats stats = TwatCaches.of(cache).stats();
    TierStatistics file =
        stats.tiers().stream().filter(t -> t.role().equals("file")).findFirst().orElseThrow();
    long fileBytes = file.bytesOnDisk() - bookkeepingBytes("bounded");
    assertTrue(file.evictions() > 0, () -> "the file tier evicted: " + stats.tiers());
    assertTrue(fileBytes > 0 && fileBytes <= MAX_BYTES,
        () -> "file tier " + fileBytes + " bytes of entries, bound " + MAX_BYTES);
    if (tiers.contains("db")) {
      TierStatistics db =
          stats.tiers().stream().filter(t -> t.role().equals("db")).findFirst().orElseThrow();
      assertTrue(db.evictions() > 0, () -> "the db tier evicted: " + stats.tiers());
      provider.close();
      long dbBytes = rowBytes("bounded");
      assertTrue(dbBytes > 0 && dbBytes <= MAX_BYTES,
          () -> "db tier " + dbBytes + " bytes of keys and values, bound " + MAX_BYTES);
    } else {
      assertEquals(file.bytesOnDisk(), stats.bytesOnDisk(), "the cache's bytes: the file tier's");
    }
  }

  @Test
  void dbCachesOwnMaxBytes_boundsItsRows() throws Exception {
    CacheManager manager = provider.getCacheManager(URI.create("twat:db?dir=" + data()), null);
    Cache<String, String> cache =
        manager.createCache("bounded", strings().setMaxBytes(MAX_BYTES));
    for (int i = 0; i < 200; i++) {
      cache.put("k" + i, "v".repeat(1_000) + i);
    }

    assertTrue(TwatCaches.of(cache).stats().backend().contains(MAX_BYTES + " bytes"),
        TwatCaches.of(cache).stats().backend());
    provider.close();
    long bytes = rowBytes("bounded");
    assertTrue(bytes > 0 && bytes <= MAX_BYTES,
        () -> bytes + " bytes in the rows, bound " + MAX_BYTES);
  }
}

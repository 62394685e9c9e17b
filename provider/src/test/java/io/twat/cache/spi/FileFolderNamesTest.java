/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.assembly.FileStoreFactory;
import io.twat.cache.testing.LogCapture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two cache names never share a folder: folder names carry 128 bits of the name's SHA-256, and a
 * folder whose record names another cache is refused. Two names whose folder names of earlier
 * versions (a 32-bit hash) collide, found by a birthday search, keep separate folders and data;
 * a folder of an earlier version is found, and renamed, when its record names the cache.
 */
final class FileFolderNamesTest {
  /** A readable part of 48 characters, all kept, so that only the hash tells names apart. */
  private static final String PREFIX = "x".repeat(48);

  private static String first;
  private static String second;
  private static long searchMillis;

  @TempDir
  Path folder;

  private TwatCachingProvider provider = new TwatCachingProvider();
  private final LogCapture log = LogCapture.of("io.twat.cache.internal");

  @AfterEach
  void closeProvider() {
    provider.close();
    log.close();
  }

  /** Finds two names whose folder names of earlier versions collide (about 2^16 tries). */
  @BeforeAll
  static void findCollidingNames() throws Exception {
    long start = System.nanoTime();
    Map<String, String> byOldName = new HashMap<>();
    for (int i = 0; ; i++) {
      String name = PREFIX + i;
      String earlier = byOldName.putIfAbsent(oldFolderName(name), name);
      if (earlier != null) {
        first = earlier;
        second = name;
        break;
      }
    }
    searchMillis = (System.nanoTime() - start) / 1_000_000;
  }

  /** The folder name of versions before 128-bit names: readable part, 32 bits of SHA-256. */
  private static String oldFolderName(String name) throws Exception {
    return name.substring(0, 48) + "-" + oldHash(name);
  }

  private static String oldHash(String name) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest, 0, 4);
  }

  private CacheManager manager(String scheme) {
    return provider.getCacheManager(URI.create(scheme + "?dir=" + folder), null);
  }

  private void restart() {
    provider.close();
    provider = new TwatCachingProvider();
  }

  private static MutableConfiguration<String, String> strings() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  private Set<String> folders() throws Exception {
    try (var children = Files.list(folder)) {
      return new TreeSet<>(children.map(path -> path.getFileName().toString()).toList());
    }
  }

  @Test
  void birthdaySearch_findsAnOldCollisionFast_butTheFolderNamesDiffer() throws Exception {
    assertNotEquals(first, second);
    assertEquals(oldFolderName(first), oldFolderName(second));
    assertNotEquals(FileStoreFactory.folderName(first), FileStoreFactory.folderName(second));
    assertTrue(FileStoreFactory.folderName(first).matches(PREFIX + "-[0-9a-f]{32}"),
        FileStoreFactory.folderName(first));
    assertTrue(searchMillis < 30_000, "the search took " + searchMillis + " ms");
    System.out.println("FileFolderNamesTest: an old 32-bit collision found in " + searchMillis
        + " ms: " + first.substring(48) + " / " + second.substring(48));
  }

  @ParameterizedTest
  @ValueSource(strings = {"twat:file", "twat:universal"})
  void namesWhoseOldFolderNamesCollide_keepSeparateData(String scheme) throws Exception {
    CacheManager manager = manager(scheme);
    Cache<String, String> a = manager.createCache(first, strings());
    Cache<String, String> b = manager.createCache(second, strings());
    a.put("k", "of a");
    b.put("k", "of b");

    assertEquals("of a", a.get("k"));
    assertEquals("of b", b.get("k"));
    b.clear();
    assertEquals("of a", a.get("k"));
    assertNull(b.get("k"));
    b.put("k", "of b");
    restart();

    CacheManager reopened = manager(scheme);
    Set<String> names = new TreeSet<>();
    reopened.getCacheNames().forEach(names::add);
    assertEquals(new TreeSet<>(List.of(first, second)), names);
    assertEquals("of a", reopened.getCache(first, String.class, String.class).get("k"));
    assertEquals("of b", reopened.getCache(second, String.class, String.class).get("k"));
  }

  @Test
  void folderOfAnEarlierVersion_isRenamed_andItsEntriesRead() throws Exception {
    manager("twat:file").createCache("users", strings()).put("k", "v");
    restart();
    Path current = folder.resolve(FileStoreFactory.folderName("users"));
    Files.move(current, folder.resolve("users-" + oldHash("users")));

    CacheManager manager = manager("twat:file");
    assertEquals(List.of("users"), listOf(manager.getCacheNames()));
    assertEquals("v", manager.getCache("users", String.class, String.class).get("k"));

    assertEquals(Set.of(FileStoreFactory.folderName("users")), folders());
    assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.startsWith("Renamed the folder")),
        log.messages(Level.INFO)::toString);
  }

  @Test
  void folderOfAnEarlierVersion_withATruncatedRecord_isRenamed_andItsEntriesRead()
      throws Exception {
    manager("twat:file").createCache("users", strings()).put("k", "v");
    restart();
    Path old = folder.resolve("users-" + oldHash("users"));
    Files.move(folder.resolve(FileStoreFactory.folderName("users")), old);
    String record = Files.readString(old.resolve(".cache-info"), StandardCharsets.UTF_8);
    int cut = record.indexOf("valueType=") + 12;
    Files.writeString(old.resolve(".cache-info"), record.substring(0, cut),
        StandardCharsets.UTF_8);

    Cache<String, String> users = provider.getCacheManager(
        URI.create("twat:file?dir=" + folder), null).createCache("users", strings());

    assertEquals("v", users.get("k"));
    Path current = folder.resolve(FileStoreFactory.folderName("users"));
    assertEquals(Set.of(current.getFileName().toString()), folders());
    assertTrue(Files.exists(current.resolve(".cache-info.damaged")));
    assertEquals(1, log.warnings().stream().filter(m -> m.contains("was damaged")).count(),
        log.warnings()::toString);
  }

  @Test
  void folderOfAnEarlierVersionShared_staysWithTheCacheItRecords() throws Exception {
    manager("twat:file").createCache(first, strings()).put("k", "of first");
    restart();
    Path shared = folder.resolve(oldFolderName(first));
    Files.move(folder.resolve(FileStoreFactory.folderName(first)), shared);

    Cache<String, String> b = manager("twat:file").createCache(second, strings());
    assertNull(b.get("k"), "the second cache never reads the first's folder");
    b.put("k", "of second");
    assertTrue(Files.isDirectory(shared));
    assertTrue(Files.isDirectory(folder.resolve(FileStoreFactory.folderName(second))));
    restart();

    CacheManager manager = manager("twat:file");
    assertEquals("of first", manager.getCache(first, String.class, String.class).get("k"));
    assertEquals("of second", manager.getCache(second, String.class, String.class).get("k"));
    assertEquals(Set.of(FileStoreFactory.folderName(first), FileStoreFactory.folderName(second)),
        folders());
  }

  @Test
  void folderRecordingAnotherCache_isRefused_namingBoth() throws Exception {
    manager("twat:file").createCache("alpha", strings()).put("k", "of alpha");
    restart();
    Files.move(folder.resolve(FileStoreFactory.folderName("alpha")),
        folder.resolve(FileStoreFactory.folderName("beta")));

    CacheManager manager = manager("twat:file");
    CacheException e = assertThrows(CacheException.class,
        () -> manager.createCache("beta", strings()));

    String message = String.valueOf(e.getMessage()) + " / " + e.getCause();
    assertTrue(message.contains("\"alpha\"") && message.contains("\"beta\""), message);
    assertFalse(listOf(manager.getCacheNames()).contains("alpha"),
        "a folder not named after its cache is not listed");
    assertTrue(Files.exists(folder.resolve(FileStoreFactory.folderName("beta"))
        .resolve(".cache-info")), "the other cache's record stays");
  }

  private static List<String> listOf(Iterable<String> names) {
    List<String> list = new ArrayList<>();
    names.forEach(list::add);
    return list;
  }
}

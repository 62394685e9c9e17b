/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twat.cache.internal.config.Environment;
import io.twat.cache.testing.ChildJvms;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the command line in this JVM against caches that another JVM wrote through the JCache API
 * ({@link CacheWriterMain}): twat:file, twat:db and an encrypted twat:file cache.
 */
class TwatCacheCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path folder;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void writeCachesInAnotherJvm() throws Exception {
    Path key = folder.resolve("cache.key");
    byte[] keyBytes = new byte[32];
    new SecureRandom().nextBytes(keyBytes);
    Files.write(key, keyBytes);
    if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }
    try (ChildJvms jvms = new ChildJvms(CacheWriterMain.class, folder)) {
      write(jvms, "file.log", "twat:file?dir=" + folder.resolve("file"),
          "users=20", "sessions=5", "victim=6");
      write(jvms, "db.log", "twat:db?dir=" + folder.resolve("db"), "rows=7");
      write(jvms, "enc.log", "twat:file?dir=" + folder.resolve("enc") + "&keyFile=" + key,
          "secret=4");
      write(jvms, "universal.log", "twat:universal?dir=" + folder.resolve("universal")
          + "&tiers=db,file&threshold=100", "mixed=20", "brief=3@1");
      write(jvms, "universal-enc.log", "twat:universal?dir=" + folder.resolve("universal-enc")
          + "&tiers=db,file&threshold=100&keyFile=" + key, "sealed=20");
    }
  }

  private static void write(ChildJvms jvms, String log, String... args) throws Exception {
    Process process = jvms.start(log, args);
    assertEquals("done", ChildJvms.output(process).readLine(), () -> jvms.log(log));
    jvms.finish(process, log, /* minutes= */ 2);
  }

  private int run(Environment environment, String... args) {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    return TwatCacheCli.run(environment, clock,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  private int runAt(Instant now, String... args) {
    return TwatCacheCli.run(environment(Map.of(), Map.of()), Clock.fixed(now, ZoneOffset.UTC),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  private int run(String... args) {
    return run(environment(Map.of(), Map.of()), args);
  }

  private JsonNode json() throws Exception {
    return JSON.readTree(out.toString(StandardCharsets.UTF_8));
  }

  private static Environment environment(Map<String, String> properties,
      Map<String, String> variables) {
    Map<String, String> all = new HashMap<>(properties);
    all.putIfAbsent("os.name", "Linux");
    all.putIfAbsent("user.home", "/home/someone");
    return new Environment() {
      @Override
      public String property(String name) {
        return all.get(name);
      }

      @Override
      public String variable(String name) {
        return variables.get(name);
      }

      @Override
      public Iterable<String> propertyNames() {
        return all.keySet();
      }
    };
  }

  @Test
  void path_namesTheRootAndWhy_propertyBeforeVariableBeforePlatform() throws Exception {
    assertEquals(0, run(environment(Map.of("twat.cache.dir", "/srv/p"),
        Map.of("TWAT_CACHE_DIR", "/srv/v")), "path", "--json"));
    assertEquals("/srv/p", json().get("root").asText());
    assertEquals("system property twat.cache.dir", json().get("source").asText());
    assertEquals("/srv/p/db", json().get("db").asText());
    out.reset();
    assertEquals(0, run(environment(Map.of(), Map.of("TWAT_CACHE_DIR", "/srv/v")), "path",
        "--json"));
    assertEquals("/srv/v", json().get("root").asText());
    assertEquals("environment variable TWAT_CACHE_DIR", json().get("source").asText());
    out.reset();
    assertEquals(0, run("path", "--json"));
    assertEquals("/home/someone/.cache/twat-cache", json().get("root").asText());
    assertEquals("platform default", json().get("source").asText());
    out.reset();
    assertEquals(0, run("path"));
    assertTrue(out.toString(StandardCharsets.UTF_8)
        .startsWith("/home/someone/.cache/twat-cache  (platform default)"), out::toString);
  }

  @Test
  void ls_listsTheFileCachesWithTheirEntriesTypesAndFolders() throws Exception {
    assertEquals(0, run("ls", "--dir", folder.resolve("file").toString(), "--json"));
    JsonNode caches = json().get("caches");
    assertEquals(3, caches.size(), caches::toString);
    JsonNode users = caches.get(1); // by name: sessions, users, victim
    assertEquals("users", users.get("name").asText());
    assertEquals("file", users.get("store").asText());
    assertEquals(20, users.get("entries").asInt());
    assertEquals("java.lang.String", users.get("keyType").asText());
    assertEquals("java.lang.String", users.get("valueType").asText());
    assertTrue(users.get("bytes").asLong() > 20 * 10, users::toString);
    assertTrue(Files.isRegularFile(Path.of(users.get("location").asText(), ".cache-info")));
    assertEquals(5, caches.get(0).get("entries").asInt());
    assertEquals(0, json().get("problems").size());
  }

  @Test
  void ls_listsTheDbCachesWithTheirRows() throws Exception {
    assertEquals(0, run("ls", "--dir", folder.resolve("db").toString(), "--json"));
    JsonNode caches = json().get("caches");
    assertEquals(1, caches.size(), caches::toString);
    assertEquals("db", caches.get(0).get("store").asText());
    assertEquals("rows", caches.get(0).get("name").asText());
    assertEquals(7, caches.get(0).get("entries").asInt());
    assertTrue(caches.get(0).get("bytes").asLong() > 0, caches::toString);
    assertTrue(caches.get(0).get("location").asText().endsWith("twat-cache.mv.db"));
  }

  @Test
  void stats_givesTheSizesAndTimes_andEncryptionOff() throws Exception {
    assertEquals(0, run("stats", "sessions", "--dir", folder.resolve("file").toString(),
        "--json"));
    JsonNode stats = json();
    assertEquals(5, stats.get("entries").asInt());
    assertEquals("off", stats.get("encryption").asText());
    long min = stats.get("minBytes").asLong();
    long median = stats.get("medianBytes").asLong();
    long max = stats.get("maxBytes").asLong();
    assertEquals(40, max - min, stats::toString); // values of 10 to 50 characters
    assertEquals(20, median - min, stats::toString);
    assertEquals(0, stats.get("expired").asInt());
    assertEquals(0, stats.get("damaged").asInt());
    assertTrue(!Instant.parse(stats.get("oldest").asText())
        .isAfter(Instant.parse(stats.get("newest").asText())), stats::toString);
  }

  @Test
  void stats_ofADbCache_readsItsRows() throws Exception {
    assertEquals(0, run("stats", "rows", "--dir", folder.resolve("db").toString(), "--json"),
        err::toString);
    JsonNode stats = json();
    assertEquals("db", stats.get("store").asText(), stats::toString);
    assertTrue(stats.get("database").asText().endsWith("twat-cache.mv.db"), stats::toString);
    assertEquals("java.lang.String", stats.get("valueType").asText());
    assertEquals(7, stats.get("entries").asInt());
    long min = stats.get("minBytes").asLong();
    assertEquals(60, stats.get("maxBytes").asLong() - min, stats::toString); // 10 to 70 chars
    assertEquals(30, stats.get("medianBytes").asLong() - min, stats::toString);
    assertTrue(stats.get("bytes").asLong() >= 7 * min + 210, stats::toString);
    assertEquals(0, stats.get("expired").asInt());
    assertEquals(0, stats.get("damaged").asInt());
    assertEquals(StatsCommand.NOT_RECORDED, stats.get("encryption").asText());
    assertTrue(!Instant.parse(stats.get("oldest").asText())
        .isAfter(Instant.parse(stats.get("newest").asText())), stats::toString);
    out.reset();
    assertEquals(0, run("stats", "rows", "--dir", folder.resolve("db").toString()));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("store        db"), out::toString);
  }

  @Test
  void stats_ofAUniversalCache_addsUpItsFileAndDbParts() throws Exception {
    String dir = folder.resolve("universal").toString();
    assertEquals(0, run("stats", "mixed", "--dir", dir, "--json"), err::toString);
    JsonNode stats = json();
    assertEquals("universal", stats.get("store").asText(), stats::toString);
    assertEquals(20, stats.get("entries").asInt(), stats::toString);
    JsonNode parts = stats.get("parts");
    assertEquals(2, parts.size(), stats::toString);
    JsonNode file = parts.get(0);
    JsonNode db = parts.get(1);
    assertEquals("file", file.get("store").asText());
    assertEquals("db", db.get("store").asText());
    // threshold 100 bytes: values of 10 to 90 characters in rows, 100 to 200 in files
    assertEquals(9, db.get("entries").asInt(), stats::toString);
    assertEquals(11, file.get("entries").asInt(), stats::toString);
    assertEquals(file.get("bytes").asLong() + db.get("bytes").asLong(),
        stats.get("bytes").asLong());
    assertEquals(db.get("minBytes").asLong(), stats.get("minBytes").asLong());
    assertEquals(file.get("maxBytes").asLong(), stats.get("maxBytes").asLong());
    assertEquals("off", stats.get("encryption").asText());
    assertEquals(0, stats.get("damaged").asInt());
    out.reset();
    assertEquals(0, run("stats", "mixed", "--dir", dir));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("store        universal") && text.contains("\nfile part:\n")
        && text.contains("\ndb part:\n  cache        mixed"), text);
  }

  @Test
  void stats_countsTheExpiredRowsNotYetRemoved() throws Exception {
    String dir = folder.resolve("universal").toString();
    assertEquals(0, run("stats", "brief", "--dir", dir, "--json"), err::toString);
    assertEquals(0, json().get("expired").asInt(), json()::toString); // the clock: 2026-01-01
    out.reset();
    assertEquals(0, runAt(Instant.parse("2999-01-01T00:00:00Z"), "stats", "brief", "--dir", dir,
        "--json"), err::toString);
    assertEquals(3, json().get("entries").asInt(), json()::toString);
    assertEquals(3, json().get("expired").asInt(), json()::toString);
  }

  @Test
  void stats_ofAnEncryptedUniversalCache_takesTheFilePartsEncryption() throws Exception {
    String dir = folder.resolve("universal-enc").toString();
    assertEquals(0, run("stats", "sealed", "--dir", dir, "--json"), err::toString);
    JsonNode stats = json();
    assertEquals("on", stats.get("encryption").asText(), stats::toString);
    assertEquals(20, stats.get("entries").asInt(), stats::toString);
    assertEquals("on", stats.get("parts").get(0).get("encryption").asText(), stats::toString);
    assertEquals(StatsCommand.NOT_RECORDED, stats.get("parts").get(1).get("encryption").asText(),
        stats::toString);
  }

  @Test
  void statsAndVerify_ofAnEncryptedCache_workWithoutTheKey() throws Exception {
    String dir = folder.resolve("enc").toString();
    assertEquals(0, run("stats", "secret", "--dir", dir, "--json"));
    assertEquals("on", json().get("encryption").asText());
    assertEquals(4, json().get("entries").asInt());
    out.reset();
    assertEquals(0, run("verify", "secret", "--dir", dir, "--json"));
    assertEquals(4, json().get("sealedCheckedWithoutKey").asInt());
  }

  @Test
  void verifyWithKeyFile_opensEveryFileAndRowOfAnEncryptedUniversalCache() throws Exception {
    String dir = folder.resolve("universal-enc").toString();
    String key = folder.resolve("cache.key").toString();
    assertEquals(0, run("verify", "sealed", "--dir", dir, "--key-file", key, "--json"),
        err::toString);
    JsonNode result = json();
    assertEquals(20, result.get("entries").asInt(), result::toString);
    assertEquals(20, result.get("openedWithKey").asInt(), result::toString);
    assertEquals(0, result.get("notSealedWithKey").asInt(), result::toString);
    assertEquals(0, result.get("sealedCheckedWithoutKey").asInt(), result::toString);
    assertEquals(0, result.get("damaged").size(), result::toString);
  }

  @Test
  void verifyWithKeyFile_ofACacheWithoutEncryption_saysItIsNotSealed_notDamaged()
      throws Exception {
    String dir = folder.resolve("file").toString();
    String key = folder.resolve("cache.key").toString();
    assertEquals(1, run("verify", "sessions", "--dir", dir, "--key-file", key, "--json"),
        err::toString);
    JsonNode result = json();
    assertEquals(5, result.get("whole").asInt(), result::toString);
    assertEquals(5, result.get("notSealedWithKey").asInt(), result::toString);
    assertEquals(0, result.get("damaged").size(), result::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no entry file of cache "
        + "\"sessions\""), err::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("the entry is not encrypted"),
        err::toString);
  }

  @Test
  void verify_findsExactlyTheTruncatedEntry_andExitsWith1() throws Exception {
    String dir = folder.resolve("file").toString();
    assertEquals(0, run("verify", "victim", "--dir", dir, "--json"));
    assertEquals(6, json().get("whole").asInt());
    out.reset();
    assertEquals(0, run("ls", "--dir", dir, "--json"));
    Path victim = Path.of(json().get("caches").get(2).get("location").asText());
    List<Path> files = new ArrayList<>(DiskCaches.entryFiles(victim));
    Path damaged = files.get(3);
    try (FileChannel channel = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 7);
    }
    out.reset();
    assertEquals(1, run("verify", "--dir", dir, "--json"));
    JsonNode result = json();
    assertEquals(3, result.get("caches").asInt());
    assertEquals(31, result.get("entries").asInt());
    assertEquals(30, result.get("whole").asInt());
    assertEquals(1, result.get("damaged").size(), result::toString);
    assertEquals(damaged.toString(), result.get("damaged").get(0).get("file").asText());
    assertEquals("victim", result.get("damaged").get(0).get("cache").asText());
    out.reset();
    assertEquals(1, run("verify", "victim", "--dir", dir));
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("damaged: " + damaged), text);
    assertTrue(text.contains("1 caches, 6 entries: 5 whole, 1 damaged"), text);
  }

  @Test
  void verifyAndLs_whileAnotherJvmWrites_findNoDamage_andReadTheHeldDatabase() throws Exception {
    Path busy = folder.resolve("busy");
    try (ChildJvms jvms = new ChildJvms(BusyWriterMain.class, folder)) {
      Process file = jvms.start("busy-file.log", "twat:file?dir=" + busy, "hot", "200");
      Process db = jvms.start("busy-db.log", "twat:db?dir=" + busy, "hotrows", "30");
      BufferedReader fileOutput = ChildJvms.output(file);
      BufferedReader dbOutput = ChildJvms.output(db);
      assertEquals("ready", fileOutput.readLine(), () -> jvms.log("busy-file.log"));
      assertEquals("ready", dbOutput.readLine(), () -> jvms.log("busy-db.log"));
      for (int round = 0; round < 5; round++) {
        out.reset();
        assertEquals(0, run("verify", "hot", "--dir", busy.toString(), "--json"), err::toString);
        JsonNode result = json();
        assertEquals(0, result.get("damaged").size(), result::toString);
        assertTrue(result.get("whole").asInt() > 100, result::toString);
      }
      out.reset();
      assertEquals(0, run("ls", "--dir", busy.toString(), "--json"), err::toString);
      JsonNode caches = json().get("caches");
      assertEquals(2, caches.size(), caches::toString);
      assertEquals("hotrows", caches.get(1).get("name").asText());
      assertTrue(caches.get(1).get("entries").asInt() > 20, caches::toString);
      for (Process process : List.of(file, db)) {
        process.getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
      }
      assertEquals("done", fileOutput.readLine(), () -> jvms.log("busy-file.log"));
      assertEquals("done", dbOutput.readLine(), () -> jvms.log("busy-db.log"));
      jvms.finish(file, "busy-file.log", /* minutes= */ 1);
      jvms.finish(db, "busy-db.log", /* minutes= */ 1);
    }
  }

  @Test
  void usageErrors_exitWith2_andAMissingCacheWith1() {
    assertEquals(2, run("ls", "--no-such-option"));
    assertEquals(2, run());
    assertEquals(2, run("stats"));
    assertEquals(1, run("stats", "nobody", "--dir", folder.resolve("file").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no cache named \"nobody\""),
        err::toString);
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twat.cache.internal.config.Environment;
import io.twat.cache.testing.ChildJvms;
import io.twat.cache.testing.LogCapture;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the commands that change caches ({@code clear}, {@code destroy}) in this JVM against
 * caches another JVM wrote ({@link CacheWriterMain}) or is writing ({@link BusyWriterMain}).
 */
class TwatCacheCliChangeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path folder;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final LogCapture log = LogCapture.of("io.twat");
  private final List<String> asked = new ArrayList<>();

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  private void write(String uri, String... caches) throws Exception {
    try (ChildJvms jvms = new ChildJvms(CacheWriterMain.class, folder)) {
      List<String> args = new ArrayList<>(List.of(uri));
      args.addAll(List.of(caches));
      Process process = jvms.start("writer.log", args.toArray(String[]::new));
      assertEquals("done", ChildJvms.output(process).readLine(), () -> jvms.log("writer.log"));
      jvms.finish(process, "writer.log", /* minutes= */ 2);
    }
  }

  private int run(Prompt prompt, String... args) {
    out.reset();
    err.reset();
    Environment environment = new Environment() {
      @Override
      public String property(String name) {
        return Map.of("os.name", "Linux", "user.home", folder.resolve("home").toString())
            .get(name);
      }

      @Override
      public String variable(String name) {
        return null;
      }

      @Override
      public Iterable<String> propertyNames() {
        return List.of("os.name", "user.home");
      }
    };
    return TwatCacheCli.run(environment, Clock.systemUTC(), prompt,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  private int run(String... args) {
    return run(Prompt.NONE, args);
  }

  private Prompt answering(String answer) {
    return question -> {
      asked.add(question);
      return Optional.of(answer);
    };
  }

  private JsonNode json() throws Exception {
    return JSON.readTree(out.toString(StandardCharsets.UTF_8));
  }

  private JsonNode ls(Path dir) throws Exception {
    assertEquals(0, run("ls", "--dir", dir.toString(), "--json"), err::toString);
    return json().get("caches");
  }

  @Test
  void clear_withYes_removesEveryEntry_andKeepsTheCache() throws Exception {
    Path dir = folder.resolve("file");
    write("twat:file?dir=" + dir, "users=20", "other=3");
    assertEquals(0, run("clear", "users", "--dir", dir.toString(), "--yes", "--json"),
        err::toString);
    JsonNode result = json();
    assertEquals("users", result.get("cache").asText());
    assertTrue(result.get("cleared").asBoolean(), result::toString);
    assertEquals(20, result.get("entriesBefore").asInt());
    assertTrue(result.get("uri").asText().startsWith("twat:file?dir="), result::toString);
    JsonNode caches = ls(dir);
    assertEquals(2, caches.size(), caches::toString);
    assertEquals("other", caches.get(0).get("name").asText());
    assertEquals(3, caches.get(0).get("entries").asInt());
    assertEquals("users", caches.get(1).get("name").asText());
    assertEquals(0, caches.get(1).get("entries").asInt());
  }

  @Test
  void destroy_withYes_deletesTheDbCache_andLeavesTheOthers() throws Exception {
    Path dir = folder.resolve("db");
    write("twat:db?dir=" + dir, "orders=7", "kept=2");
    assertEquals(0, run("destroy", "orders", "--dir", dir.toString(), "--yes"), err::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("destroyed cache \"orders\" of "
        + "twat:db?dir="), out::toString);
    JsonNode caches = ls(dir);
    assertEquals(1, caches.size(), caches::toString);
    assertEquals("kept", caches.get(0).get("name").asText());
    assertEquals(2, caches.get(0).get("entries").asInt());
  }

  @Test
  void clearAndDestroy_ofAUniversalCache_throughItsUri() throws Exception {
    Path dir = folder.resolve("universal");
    String uri = "twat:universal?dir=" + dir;
    write(uri, "mixed=400");
    assertEquals(400, ls(dir).get(0).get("entries").asInt());
    assertEquals(0, run("clear", "mixed", "--dir", dir.toString(), "--uri", uri, "--yes",
        "--json"), err::toString);
    assertEquals(uri, json().get("uri").asText());
    assertEquals(400, json().get("entriesBefore").asInt());
    for (JsonNode part : ls(dir)) {
      assertEquals(0, part.get("entries").asInt(), part::toString);
    }
    assertEquals(0, run("destroy", "mixed", "--dir", dir.toString(), "--uri", uri, "--yes"),
        err::toString);
    assertEquals(0, ls(dir).size());
  }

  @Test
  void clear_withoutATerminalOrYes_refuses_andChangesNothing() throws Exception {
    Path dir = folder.resolve("file");
    write("twat:file?dir=" + dir, "users=5");
    assertEquals(1, run("clear", "users", "--dir", dir.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("not done: there is no terminal to "
        + "confirm on; add --yes"), err::toString);
    assertEquals(1, run("destroy", "users", "--dir", dir.toString()));
    assertEquals(5, ls(dir).get(0).get("entries").asInt());
  }

  @Test
  void clearAndDestroy_askOnTheTerminal_andOnlyYesGoesOn() throws Exception {
    Path dir = folder.resolve("file");
    write("twat:file?dir=" + dir, "users=5");
    assertEquals(1, run(answering("n"), "destroy", "users", "--dir", dir.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("not done (answered \"n\")"),
        err::toString);
    assertEquals(1, run(answering(""), "clear", "users", "--dir", dir.toString()));
    assertEquals(5, ls(dir).get(0).get("entries").asInt());
    assertEquals(0, run(answering("yes"), "clear", "users", "--dir", dir.toString()),
        err::toString);
    assertEquals(0, ls(dir).get(0).get("entries").asInt());
    assertEquals(3, asked.size());
    assertTrue(asked.get(2).startsWith("Clear cache \"users\" of twat:file?dir="), asked::toString);
    assertTrue(asked.get(2).contains("(5 entries)"), asked::toString);
    assertTrue(asked.get(2).endsWith("[y/N] "), asked::toString);
  }

  @Test
  void clearAndDestroy_ofAnUnknownCache_exitWith1() throws Exception {
    Path dir = folder.resolve("file");
    write("twat:file?dir=" + dir, "users=1");
    assertEquals(1, run("clear", "nobody", "--dir", dir.toString(), "--yes"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no cache named \"nobody\""),
        err::toString);
    assertEquals(2, run("destroy", "--yes"));
  }

  @Test
  void clear_whileAnotherJvmWrites_takesItsLocks_andTheWriterGoesOn() throws Exception {
    Path dir = folder.resolve("busy");
    try (ChildJvms jvms = new ChildJvms(BusyWriterMain.class, folder)) {
      Process file = jvms.start("busy-file.log", "twat:file?dir=" + dir, "hot", "300");
      Process db = jvms.start("busy-db.log", "twat:db?dir=" + dir, "hotrows", "300");
      BufferedReader fileOutput = ChildJvms.output(file);
      BufferedReader dbOutput = ChildJvms.output(db);
      assertEquals("ready", fileOutput.readLine(), () -> jvms.log("busy-file.log"));
      assertEquals("ready", dbOutput.readLine(), () -> jvms.log("busy-db.log"));
      for (String cache : List.of("hot", "hotrows")) {
        assertEquals(0, run("clear", cache, "--dir", dir.toString(), "--yes", "--json"),
            err::toString);
        assertTrue(json().get("cleared").asBoolean());
      }
      // the writers rewrite one key at a time; a clear leaves far fewer than the 300 keys
      for (JsonNode cache : ls(dir)) {
        assertTrue(cache.get("entries").asInt() < 300, cache::toString);
      }
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
  void purgeExpired_removesExactlyTheExpiredEntries_ofFileAndDbCaches() throws Exception {
    Path files = folder.resolve("file");
    Path rows = folder.resolve("db");
    // deadlines 1 ms after each put: passed once the writer's JVM has ended
    write("twat:file?dir=" + files, "short=6@1", "long=4");
    write("twat:db?dir=" + rows, "rows=5@1", "kept=3");
    assertEquals(0, run("purge-expired", "--dir", files.toString(), "--json"), err::toString);
    JsonNode result = json();
    assertEquals(6, result.get("expired").asInt(), result::toString);
    assertEquals("long", result.get("caches").get(0).get("cache").asText());
    assertEquals(0, result.get("caches").get(0).get("expired").asInt());
    assertEquals(6, result.get("caches").get(1).get("expired").asInt());
    JsonNode caches = ls(files);
    assertEquals(4, caches.get(0).get("entries").asInt(), caches::toString);
    assertEquals(0, caches.get(1).get("entries").asInt(), caches::toString);
    assertEquals(0, run("purge-expired", "rows", "--dir", rows.toString()), err::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("rows: 5 expired entries removed"),
        out::toString);
    caches = ls(rows);
    assertEquals("kept", caches.get(0).get("name").asText());
    assertEquals(3, caches.get(0).get("entries").asInt(), caches::toString);
    assertEquals(0, caches.get(1).get("entries").asInt(), caches::toString);
    assertEquals(1, run("purge-expired", "nobody", "--dir", rows.toString()));
  }

  @Test
  void compact_shrinksTheDatabaseFile_afterAClear() throws Exception {
    Path dir = folder.resolve("db");
    write("twat:db?dir=" + dir, "big=500");
    assertEquals(0, run("clear", "big", "--dir", dir.toString(), "--yes"), err::toString);
    assertEquals(0, run("compact", "--dir", dir.toString(), "--json"), err::toString);
    JsonNode database = json().get("databases").get(0);
    long before = database.get("bytesBefore").asLong();
    long after = database.get("bytesAfter").asLong();
    // the clear's close compacts for a moment already; the command takes it to the live size
    assertTrue(after <= before && after < 64 * 1024, database::toString);
    assertEquals(after, Files.size(dir.resolve("twat-cache.mv.db")));
    JsonNode caches = ls(dir);
    assertEquals("big", caches.get(0).get("name").asText()); // the cache itself stays
  }

  /** The --url of the embedded database in {@code dir}, as an application may give it. */
  private static String h2Url(Path dir, String settings) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("twat-cache") + settings;
  }

  @Test
  void purgeExpired_withTheUrlOfAnH2File_removesExactlyTheExpiredRows() throws Exception {
    Path dir = folder.resolve("db");
    write("twat:db?dir=" + dir, "rows=5@1", "kept=3");
    assertEquals(0, run("purge-expired", "--url", h2Url(dir, ";AUTO_SERVER=TRUE"), "--user",
        "sa", "--json"), err::toString);
    JsonNode result = json();
    assertEquals(5, result.get("expired").asInt(), result::toString);
    assertEquals("kept", result.get("caches").get(0).get("cache").asText());
    assertEquals(0, result.get("caches").get(0).get("expired").asInt(), result::toString);
    assertTrue(result.get("caches").get(1).get("uri").asText().startsWith("twat:db?url=jdbc"),
        result::toString);
    JsonNode caches = ls(dir);
    assertEquals(3, caches.get(0).get("entries").asInt(), caches::toString);
    assertEquals(0, caches.get(1).get("entries").asInt(), caches::toString);
    assertEquals(1, run("purge-expired", "nobody", "--url", h2Url(dir, ";AUTO_SERVER=TRUE"),
        "--user", "sa"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no cache named \"nobody\" in the "
        + "database at jdbc:h2:file:"), err::toString);
  }

  @Test
  void compact_withTheUrlOfAnH2File_compactsItAsWithDir_andRefusesAnH2Server()
      throws Exception {
    Path dir = folder.resolve("db");
    write("twat:db?dir=" + dir, "big=500");
    assertEquals(0, run("clear", "big", "--dir", dir.toString(), "--yes"), err::toString);
    assertEquals(0, run("compact", "--url", h2Url(dir, ";AUTO_SERVER=TRUE"), "--user", "sa",
        "--json"), err::toString);
    JsonNode database = json().get("databases").get(0);
    Path file = dir.toAbsolutePath().normalize().resolve(DiskCaches.DB_FILE);
    assertEquals(file.toString(), database.get("database").asText(), database::toString);
    assertEquals("SHUTDOWN COMPACT", database.get("method").asText(), database::toString);
    long after = database.get("bytesAfter").asLong();
    assertTrue(after <= database.get("bytesBefore").asLong() && after < 64 * 1024,
        database::toString);
    assertEquals(after, Files.size(file));
    assertEquals("big", ls(dir).get(0).get("name").asText()); // the cache itself stays
    assertEquals(1, run("compact", "--url", "jdbc:h2:tcp://127.0.0.1:1/nowhere", "--user", "sa"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not an embedded H2 file (a "
        + "server or an in-memory database): compact it where it is served"), err::toString);
    assertEquals(2, run("compact", "--url", h2Url(dir, ""), "--dir", dir.toString()));
  }

  @Test
  void compact_whileAnotherJvmHoldsTheDatabase_refuses_andSaysWhy() throws Exception {
    Path dir = folder.resolve("held");
    try (ChildJvms jvms = new ChildJvms(BusyWriterMain.class, folder)) {
      Process db = jvms.start("held.log", "twat:db?dir=" + dir, "rows", "50");
      BufferedReader output = ChildJvms.output(db);
      assertEquals("ready", output.readLine(), () -> jvms.log("held.log"));
      assertEquals(1, run("compact", "--dir", dir.toString()));
      String message = err.toString(StandardCharsets.UTF_8);
      assertTrue(message.contains("is in use by another process"), message);
      assertTrue(message.contains("run compact when the applications that use it are stopped"),
          message);
      // through its URL: in mixed mode (its sessions are seen), and without (H2 says in use)
      for (String settings : List.of(";AUTO_SERVER=TRUE", "")) {
        assertEquals(1, run("compact", "--url", h2Url(dir, settings), "--user", "sa"),
            () -> settings + ": " + out + err);
        message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(dir.toAbsolutePath().normalize().resolve(DiskCaches.DB_FILE)
            + " is in use by another process ("), message);
        assertTrue(message.contains("run compact when the applications that use it are "
            + "stopped"), message);
      }
      db.getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
      db.getOutputStream().flush();
      assertEquals("done", output.readLine(), () -> jvms.log("held.log"));
      jvms.finish(db, "held.log", /* minutes= */ 1);
    }
  }

  @Test
  void verifyRepair_quarantinesExactlyTheDamagedFiles_besideThem_andTheRestStays()
      throws Exception {
    Path dir = folder.resolve("file");
    write("twat:file?dir=" + dir, "fragile=10");
    Path cacheFolder = Path.of(ls(dir).get(0).get("location").asText());
    List<Path> files = DiskCaches.entryFiles(cacheFolder);
    List<Path> broken = List.of(files.get(1), files.get(4), files.get(8));
    try (FileChannel channel = FileChannel.open(broken.get(0), StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 3);
    }
    try (FileChannel channel = FileChannel.open(broken.get(1), StandardOpenOption.WRITE)) {
      channel.truncate(10);
    }
    byte[] bytes = Files.readAllBytes(broken.get(2));
    bytes[bytes.length / 2] ^= 0x55; // a flipped byte: the checksum no longer matches
    Files.write(broken.get(2), bytes);
    assertEquals(1, run("verify", "fragile", "--dir", dir.toString(), "--repair", "--json"),
        err::toString);
    JsonNode result = json();
    assertEquals(3, result.get("damaged").size(), result::toString);
    assertEquals(3, result.get("quarantined").asInt(), result::toString);
    List<String> found = new ArrayList<>();
    for (JsonNode damaged : result.get("damaged")) {
      found.add(damaged.get("file").asText());
      Path aside = Path.of(damaged.get("quarantined").asText());
      assertTrue(Files.isRegularFile(aside), aside::toString);
      assertEquals(Path.of(damaged.get("file").asText()).getParent(), aside.getParent());
      assertTrue(aside.getFileName().toString().endsWith(".quarantined"), aside::toString);
      assertTrue(!Files.exists(Path.of(damaged.get("file").asText())));
    }
    assertEquals(broken.stream().map(Path::toString).sorted().toList(),
        found.stream().sorted().toList());
    assertEquals(0, run("verify", "fragile", "--dir", dir.toString()), out::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("1 caches, 7 entries: 7 whole, "
        + "0 damaged"), out::toString);
    assertEquals(7, ls(dir).get(0).get("entries").asInt());
  }

  @Test
  void verifyProgress_drawsABarWithRateAndEta_onTheErrorStream() throws Exception {
    Path dir = folder.resolve("file");
    write("twat:file?dir=" + dir, "some=5");
    assertEquals(0, run("verify", "--dir", dir.toString(), "--progress"), err::toString);
    String bar = err.toString(StandardCharsets.UTF_8);
    assertTrue(bar.contains("/5  ") && bar.contains("/s  ETA "), bar);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("1 caches, 5 entries"),
        out::toString);
    long[] now = {0};
    Progress progress = new Progress(new java.io.PrintWriter(new java.io.StringWriter()), 1000,
        () -> now[0]);
    assertEquals("[#######                       ]  25% 250/1,000  250/s  ETA 0:03",
        progress.line(250, 1_000_000_000L));
    assertEquals("[##############################] 100% 1,000/1,000  1,000/s  ETA 0:00",
        progress.line(1000, 1_000_000_000L));
  }

  @Test
  void verify_ofADbCache_findsExactlyTheRowChangedBehindTheStoresBack() throws Exception {
    Path dir = folder.resolve("db");
    write("twat:db?dir=" + dir, "rows=7", "other=2");
    assertEquals(0, run("verify", "--dir", dir.toString(), "--json"), err::toString);
    assertEquals(2, json().get("caches").asInt());
    assertEquals(9, json().get("whole").asInt());
    long changed;
    try (java.sql.Connection connection = DiskCaches.connectEmbedded(dir);
        java.sql.Statement statement = connection.createStatement()) {
      try (java.sql.ResultSet row = statement.executeQuery("SELECT MIN(r.key_hash) FROM twat_row r"
          + " JOIN twat_cache c ON c.id = r.cache_id WHERE c.name = 'rows'")) {
        row.next();
        changed = row.getLong(1);
      }
      assertEquals(1, statement.executeUpdate(
          "UPDATE twat_row SET expires_at = expires_at - 1 WHERE key_hash = " + changed));
    }
    assertEquals(1, run("verify", "rows", "--dir", dir.toString(), "--json"), err::toString);
    JsonNode result = json();
    assertEquals(7, result.get("entries").asInt(), result::toString);
    assertEquals(6, result.get("whole").asInt(), result::toString);
    assertEquals(1, result.get("damaged").size(), result::toString);
    JsonNode damaged = result.get("damaged").get(0);
    assertEquals("rows", damaged.get("cache").asText());
    assertTrue(damaged.get("row").asText().startsWith("twat_row key_hash " + changed + " in "),
        damaged::toString);
    assertTrue(damaged.get("damage").asText().startsWith("checksum mismatch"), damaged::toString);
  }
  @Test
  void verifyRepair_ofDbRows_quarantinesExactlyTheDamagedRows_intoTwatQuarantine()
      throws Exception {
    Path dir = folder.resolve("db");
    write("twat:db?dir=" + dir, "rows=10", "other=3");
    Map<Long, byte[]> flipped = new java.util.TreeMap<>();
    try (java.sql.Connection connection = DiskCaches.connectEmbedded(dir)) {
      List<Long> hashes = new ArrayList<>();
      try (java.sql.Statement statement = connection.createStatement();
          java.sql.ResultSet rows = statement.executeQuery("SELECT r.key_hash FROM twat_row r"
              + " JOIN twat_cache c ON c.id = r.cache_id WHERE c.name = 'rows'"
              + " ORDER BY r.key_hash")) {
        while (rows.next()) {
          hashes.add(rows.getLong(1));
        }
      }
      assertEquals(10, hashes.size());
      for (long hash : List.of(hashes.get(2), hashes.get(5), hashes.get(9))) {
        byte[] value;
        try (java.sql.PreparedStatement select = connection.prepareStatement(
            "SELECT value_bytes FROM twat_row WHERE key_hash = ?")) {
          select.setLong(1, hash);
          try (java.sql.ResultSet row = select.executeQuery()) {
            row.next();
            value = row.getBytes(1);
          }
        }
        value[value.length / 2] ^= 0x5a; // flipped bits: the checksum no longer matches
        try (java.sql.PreparedStatement update = connection.prepareStatement(
            "UPDATE twat_row SET value_bytes = ? WHERE key_hash = ?")) {
          update.setBytes(1, value);
          update.setLong(2, hash);
          assertEquals(1, update.executeUpdate());
        }
        flipped.put(hash, value);
      }
    }
    assertEquals(1, run("verify", "--dir", dir.toString(), "--json"), err::toString);
    JsonNode found = json();
    assertEquals(13, found.get("entries").asInt(), found::toString);
    assertEquals(3, found.get("damaged").size(), found::toString);
    assertNull(found.get("quarantined"), found::toString);
    List<Long> reported = new ArrayList<>();
    for (JsonNode damaged : found.get("damaged")) {
      String row = damaged.get("row").asText(); // twat_row key_hash N in FILE
      reported.add(Long.parseLong(row.substring("twat_row key_hash ".length(),
          row.indexOf(" in "))));
      assertNull(damaged.get("quarantined"), damaged::toString);
    }
    assertEquals(List.copyOf(flipped.keySet()), reported.stream().sorted().toList());

    assertEquals(1, run("verify", "--dir", dir.toString(), "--repair", "--json"),
        err::toString);
    JsonNode repaired = json();
    assertEquals(3, repaired.get("damaged").size(), repaired::toString);
    assertEquals(3, repaired.get("quarantined").asInt(), repaired::toString);
    for (JsonNode damaged : repaired.get("damaged")) {
      assertTrue(damaged.get("quarantined").asText().startsWith("twat_quarantine id "),
          damaged::toString);
      assertTrue(damaged.get("quarantined").asText().endsWith(" in "
          + dir.toAbsolutePath().normalize().resolve(DiskCaches.DB_FILE)), damaged::toString);
    }
    // the rows went whole into twat_quarantine, with why and when, and left twat_row
    try (java.sql.Connection connection = DiskCaches.connectEmbedded(dir);
        java.sql.Statement statement = connection.createStatement()) {
      Map<Long, byte[]> moved = new java.util.TreeMap<>();
      try (java.sql.ResultSet rows = statement.executeQuery("SELECT key_hash, value_bytes,"
          + " reason, quarantined_at, entry_size, key_bytes FROM twat_quarantine")) {
        while (rows.next()) {
          moved.put(rows.getLong(1), rows.getBytes(2));
          assertTrue(rows.getString(3).startsWith("checksum mismatch"), rows.getString(3));
          assertTrue(rows.getLong(4) > 0);
          assertTrue(rows.getLong(5) > 0);
          assertTrue(new String(rows.getBytes(6), StandardCharsets.UTF_8).contains("key-"));
        }
      }
      assertEquals(flipped.keySet(), moved.keySet());
      for (Map.Entry<Long, byte[]> entry : flipped.entrySet()) {
        assertTrue(java.util.Arrays.equals(entry.getValue(), moved.get(entry.getKey())));
      }
      try (java.sql.ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM twat_row"
          + " WHERE key_hash IN (" + String.join(", ",
              flipped.keySet().stream().map(String::valueOf).toList()) + ")")) {
        rows.next();
        assertEquals(0, rows.getInt(1));
      }
    }
    assertEquals(0, run("verify", "--dir", dir.toString()), out::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("2 caches, 10 entries: 10 whole, "
        + "0 damaged"), out::toString);
    JsonNode caches = ls(dir);
    assertEquals(3, caches.get(0).get("entries").asInt(), caches::toString); // other
    assertEquals(7, caches.get(1).get("entries").asInt(), caches::toString); // rows
    // the store opens the database with its quarantine table, and reads the rows left
    write("twat:db?dir=" + dir, "more=2");
    assertEquals(0, run("verify", "--dir", dir.toString(), "--repair", "--json"),
        err::toString);
    assertEquals(0, json().get("quarantined").asInt(), json()::toString);
  }

  @Test
  void quarantine_ofARowWholeAgainOrGone_leavesIt() throws Exception {
    Path dir = folder.resolve("db");
    write("twat:db?dir=" + dir, "rows=2");
    try (java.sql.Connection connection = DiskCaches.connectEmbedded(dir);
        java.sql.Statement statement = connection.createStatement()) {
      int cacheId;
      long hash;
      try (java.sql.ResultSet row = statement.executeQuery("SELECT cache_id, MIN(key_hash)"
          + " FROM twat_row GROUP BY cache_id")) {
        row.next();
        cacheId = row.getInt(1);
        hash = row.getLong(2);
      }
      DbRows.createQuarantine(connection);
      DbRows.createQuarantine(connection); // again: nothing happens
      // found damaged by the scan, then rewritten whole by a writer before the lock was held
      assertTrue(DbRows.quarantine(connection, cacheId, hash, 1L, "rows", null).isEmpty());
      assertTrue(DbRows.quarantine(connection, cacheId, 42L, 1L, "rows", null).isEmpty()); // gone
      assertTrue(connection.getAutoCommit());
      try (java.sql.ResultSet rows = statement.executeQuery("SELECT"
          + " (SELECT COUNT(*) FROM twat_row), (SELECT COUNT(*) FROM twat_quarantine)")) {
        rows.next();
        assertEquals(2, rows.getInt(1));
        assertEquals(0, rows.getInt(2));
      }
      statement.executeUpdate("UPDATE twat_row SET checksum = checksum + 1 WHERE key_hash = "
          + hash);
      assertEquals(1L,
          DbRows.quarantine(connection, cacheId, hash, 1L, "rows", null).orElseThrow());
    }
  }

  /** Writes a key file of 32 random bytes, readable by its owner only. */
  /**
   * Returns a slotted entry file written once (its record in slot 0, the only one: a 16-byte file
   * header, then the slot's sequence number, record length L and CRC32C, then the record) with a
   * bit of the record's ciphertext flipped, the record's CRC32C trailer and the slot's checksum
   * made to match.
   */
  private static byte[] tamperedInSlot0(byte[] file) {
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(file);
    assertEquals(0x54574353, in.getInt(0), "a slotted entry file (\"TWCS\")");
    int length = in.getInt(24);
    assertEquals(32 + length, file.length, "its record in slot 0 only");
    byte[] bytes = file.clone();
    bytes[bytes.length - 4 - 20] ^= 0x01;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, 32, length - 4);
    java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    crc.reset();
    crc.update(bytes, 16, 12);
    crc.update(bytes, 32, length);
    java.nio.ByteBuffer.wrap(bytes).putInt(28, (int) crc.getValue());
    return bytes;
  }

  private Path keyFile(String name) throws Exception {
    Path key = folder.resolve(name);
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    Files.write(key, bytes);
    Files.setPosixFilePermissions(key,
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return key;
  }

  @Test
  void verifyWithKeyFile_opensEachSealedRow_findsTheTamperedOne_andRepairMovesIt()
      throws Exception {
    Path dir = folder.resolve("db");
    Path key = keyFile("cache.key");
    write("twat:db?dir=" + dir + "&keyFile=" + key, "locked=6");
    assertEquals(0, run("verify", "--dir", dir.toString(), "--key-file", key.toString(),
        "--json"), err::toString);
    assertEquals(6, json().get("openedWithKey").asInt(), json()::toString);
    assertEquals(0, json().get("damaged").size(), json()::toString);
    // a flipped bit in the ciphertext, with the checksum made to match (CRC32C of the key
    // bytes, the value bytes and the deadline, 8 bytes big-endian): only the key can tell
    long tampered;
    try (java.sql.Connection connection = DiskCaches.connectEmbedded(dir);
        java.sql.Statement statement = connection.createStatement()) {
      byte[] keyBytes;
      byte[] value;
      long expiresAt;
      try (java.sql.ResultSet row = statement.executeQuery("SELECT key_hash, key_bytes,"
          + " value_bytes, expires_at FROM twat_row ORDER BY key_hash FETCH FIRST 1 ROWS ONLY")) {
        row.next();
        tampered = row.getLong(1);
        keyBytes = row.getBytes(2);
        value = row.getBytes(3);
        expiresAt = row.getLong(4);
      }
      value[value.length - 20] ^= 0x01;
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(keyBytes);
      crc.update(value);
      crc.update(java.nio.ByteBuffer.allocate(8).putLong(expiresAt).array());
      try (java.sql.PreparedStatement update = connection.prepareStatement(
          "UPDATE twat_row SET value_bytes = ?, checksum = ? WHERE key_hash = ?")) {
        update.setBytes(1, value);
        update.setInt(2, (int) crc.getValue());
        update.setLong(3, tampered);
        assertEquals(1, update.executeUpdate());
      }
    }
    assertEquals(0, run("verify", "--dir", dir.toString(), "--json"), err::toString);
    assertEquals(6, json().get("whole").asInt(), json()::toString); // whole without the key

    assertEquals(1, run("verify", "--dir", dir.toString(), "--key-file", key.toString(),
        "--repair", "--json"), err::toString);
    JsonNode result = json();
    assertEquals(5, result.get("openedWithKey").asInt(), result::toString);
    assertEquals(1, result.get("damaged").size(), result::toString);
    JsonNode damaged = result.get("damaged").get(0);
    assertTrue(damaged.get("row").asText().startsWith("twat_row key_hash " + tampered + " in "),
        damaged::toString);
    assertTrue(damaged.get("damage").asText().startsWith("the value fails authentication"),
        damaged::toString);
    assertTrue(damaged.get("quarantined").asText().startsWith("twat_quarantine id "),
        damaged::toString);
    assertEquals(0, run("verify", "--dir", dir.toString(), "--key-file", key.toString()),
        out::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("1 caches, 5 entries: 5 whole, "
        + "0 damaged (5 opened with the key)"), out::toString);

    // another key opens no row: not damage, a problem that says so; nothing is quarantined
    Path other = keyFile("other.key");
    assertEquals(1, run("verify", "--dir", dir.toString(), "--key-file", other.toString(),
        "--repair", "--json"), err::toString);
    result = json();
    assertEquals(0, result.get("damaged").size(), result::toString);
    assertEquals(5, result.get("notSealedWithKey").asInt(), result::toString);
    assertEquals(5, result.get("whole").asInt(), result::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no row of cache \"locked\" in "),
        err::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("opens with the keys of " + other),
        err::toString);
    assertEquals(5, ls(dir).get(0).get("entries").asInt());
  }

  @Test
  void verifyWithKeyFile_opensEachSealedEntryFile_findsTheTamperedAndMovedOnes_andRepairMovesThem()
      throws Exception {
    Path dir = folder.resolve("file");
    Path key = keyFile("cache.key");
    write("twat:file?dir=" + dir + "&keyFile=" + key, "locked=6");
    assertEquals(0, run("verify", "--dir", dir.toString(), "--key-file", key.toString(),
        "--json"), err::toString);
    assertEquals(6, json().get("openedWithKey").asInt(), json()::toString);
    assertEquals(0, json().get("sealedCheckedWithoutKey").asInt(), json()::toString);
    assertEquals(0, json().get("damaged").size(), json()::toString);
    List<Path> files;
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(file -> file.getFileName().toString().matches("[0-9a-f]{64}"))
          .sorted().toList();
    }
    assertEquals(6, files.size(), files::toString);
    // a flipped bit in the ciphertext, with the CRC32C trailer and the slot's checksum made to
    // match: only the key can tell
    Path tampered = files.get(0);
    Files.write(tampered, tamperedInSlot0(Files.readAllBytes(tampered)));
    // a whole entry file copied over another entry's name: its seal is bound to its own name
    Path moved = files.get(1);
    Files.copy(files.get(2), moved, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertEquals(0, run("verify", "--dir", dir.toString(), "--json"), err::toString);
    assertEquals(6, json().get("whole").asInt(), json()::toString); // whole without the key
    assertEquals(6, json().get("sealedCheckedWithoutKey").asInt(), json()::toString);

    assertEquals(1, run("verify", "--dir", dir.toString(), "--key-file", key.toString(),
        "--repair", "--json"), err::toString);
    JsonNode result = json();
    assertEquals(4, result.get("openedWithKey").asInt(), result::toString);
    assertEquals(2, result.get("damaged").size(), result::toString);
    assertEquals(2, result.get("quarantined").asInt(), result::toString);
    List<String> damagedFiles = new ArrayList<>();
    for (JsonNode damaged : result.get("damaged")) {
      damagedFiles.add(damaged.get("file").asText());
      assertTrue(damaged.get("damage").asText().startsWith(
          "does not open with the key: authentication failed"), damaged::toString);
      assertTrue(damaged.get("quarantined").asText().startsWith(
          damaged.get("file").asText() + "."), damaged::toString);
      assertTrue(damaged.get("quarantined").asText().endsWith(".quarantined"),
          damaged::toString);
    }
    assertEquals(List.of(tampered.toString(), moved.toString()),
        damagedFiles.stream().sorted().toList(), result::toString);
    assertTrue(Files.notExists(tampered));
    assertTrue(Files.notExists(moved));
    assertEquals(0, run("verify", "--dir", dir.toString(), "--key-file", key.toString()),
        out::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("1 caches, 4 entries: 4 whole, "
        + "0 damaged (4 opened with the key)"), out::toString);

    // another key opens no entry file: not damage, a problem that says so; nothing is quarantined
    Path other = keyFile("other.key");
    assertEquals(1, run("verify", "--dir", dir.toString(), "--key-file", other.toString(),
        "--repair", "--json"), err::toString);
    result = json();
    assertEquals(0, result.get("damaged").size(), result::toString);
    assertEquals(0, result.get("quarantined").asInt(), result::toString);
    assertEquals(4, result.get("notSealedWithKey").asInt(), result::toString);
    assertEquals(0, result.get("openedWithKey").asInt(), result::toString);
    assertEquals(4, result.get("whole").asInt(), result::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(
        "no entry file of cache \"locked\" in "), err::toString);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("opens with the keys of " + other),
        err::toString);
    assertEquals(4, ls(dir).get(0).get("entries").asInt());
  }
}

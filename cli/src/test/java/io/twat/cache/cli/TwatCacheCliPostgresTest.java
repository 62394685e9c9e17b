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
import io.twat.cache.testing.EnabledWithPostgres;
import io.twat.cache.testing.Postgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ls}, {@code stats}, {@code verify} (with {@code --repair}) and {@code clear} with
 * {@code --url} against a PostgreSQL schema whose caches another JVM wrote through the JCache
 * API ({@link CacheWriterMain} on {@code twat:db?url=...}). Runs only when a server is given
 * ({@link EnabledWithPostgres}: TWAT_TEST_POSTGRES_URL/_USER/_PASSWORD); skips saying why
 * otherwise.
 */
@EnabledWithPostgres
class TwatCacheCliPostgresTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path folder;

  private static Postgres.Schema schema;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void writeCachesInAnotherJvm() throws Exception {
    schema = Postgres.newSchema();
    try (ChildJvms jvms = new ChildJvms(CacheWriterMain.class, folder, Postgres.environment())) {
      Process process = jvms.start("pg.log", schema.twatUri("twat:db"), "pgrows=12", "other=3");
      assertEquals("done", ChildJvms.output(process).readLine(), () -> jvms.log("pg.log"));
      jvms.finish(process, "pg.log", /* minutes= */ 2);
    }
  }

  @AfterAll
  static void dropSchema() throws Exception {
    if (schema != null) {
      schema.close();
    }
  }

  private int run(Map<String, String> variables, String... args) {
    Environment environment = new Environment() {
      @Override
      public String property(String name) {
        return name.equals("user.home") ? folder.toString() : null;
      }

      @Override
      public String variable(String name) {
        return variables.get(name);
      }

      @Override
      public Iterable<String> propertyNames() {
        return List.of("user.home");
      }
    };
    out.reset();
    err.reset();
    return TwatCacheCli.run(environment, Clock.systemUTC(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  /** Runs a command on the schema with --url and --user; the password in the default variable. */
  private int runOnSchema(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", schema.jdbcUrl(), "--user", Postgres.user()));
    return run(Map.of(DbUrl.PASSWORD_VARIABLE, Postgres.password()), all.toArray(String[]::new));
  }

  private JsonNode json() throws Exception {
    return JSON.readTree(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void lsStatsVerifyAndClear_workOnTheDatabaseAtTheUrl() throws Exception {
    assertEquals(0, runOnSchema("ls", "--json"), err::toString);
    JsonNode caches = json().get("caches");
    assertEquals(2, caches.size(), caches::toString); // by name: other, pgrows
    JsonNode pgrows = caches.get(1);
    assertEquals("pgrows", pgrows.get("name").asText());
    assertEquals("db", pgrows.get("store").asText());
    assertEquals(12, pgrows.get("entries").asInt());
    assertEquals(schema.jdbcUrl(), pgrows.get("location").asText());

    assertEquals(0, runOnSchema("stats", "pgrows", "--json"), err::toString);
    JsonNode stats = json();
    assertEquals(12, stats.get("entries").asInt(), stats::toString);
    assertEquals(schema.jdbcUrl(), stats.get("database").asText());
    // key-1 with 10 characters to key-12 with 120: 110 more value bytes, 1 more key byte
    assertEquals(111, stats.get("maxBytes").asLong() - stats.get("minBytes").asLong(),
        stats::toString);

    assertEquals(0, runOnSchema("verify", "--json"), err::toString);
    assertEquals(15, json().get("whole").asInt(), out::toString);

    try (Connection connection = DriverManager.getConnection(schema.jdbcUrl(), Postgres.user(),
            Postgres.password());
        Statement statement = connection.createStatement()) {
      assertEquals(1, statement.executeUpdate("UPDATE twat_row SET checksum = checksum + 1"
          + " WHERE key_hash = (SELECT MIN(r.key_hash) FROM twat_row r JOIN twat_cache c"
          + " ON c.id = r.cache_id WHERE c.name = 'pgrows')"));
    }
    assertEquals(1, runOnSchema("verify", "pgrows", "--json"), err::toString);
    assertEquals(11, json().get("whole").asInt(), out::toString);
    JsonNode damaged = json().get("damaged");
    assertEquals(1, damaged.size(), damaged::toString);
    assertTrue(damaged.get(0).get("row").asText().endsWith(" in " + schema.jdbcUrl()),
        damaged::toString);

    assertEquals(1, runOnSchema("verify", "pgrows", "--repair", "--json"), err::toString);
    assertEquals(1, json().get("quarantined").asInt(), out::toString);
    assertTrue(json().get("damaged").get(0).get("quarantined").asText()
        .startsWith("twat_quarantine id "), out::toString);
    assertEquals(0, runOnSchema("verify", "--json"), err::toString);
    assertEquals(14, json().get("whole").asInt(), out::toString);
    try (Connection connection = DriverManager.getConnection(schema.jdbcUrl(), Postgres.user(),
            Postgres.password());
        Statement statement = connection.createStatement();
        ResultSet moved = statement.executeQuery("SELECT reason, octet_length(value_bytes)"
            + " FROM twat_quarantine")) {
      assertTrue(moved.next());
      assertTrue(moved.getString(1).startsWith("checksum mismatch"), moved.getString(1));
      assertTrue(moved.getInt(2) >= 10);
      assertTrue(!moved.next());
    }

    List<String> clear = new ArrayList<>(List.of("clear", "pgrows", "--yes", "--json", "--url",
        schema.jdbcUrl(), "--user", Postgres.user(), "--password-env", "MY_PG_PASSWORD"));
    assertEquals(0, run(Map.of("MY_PG_PASSWORD", Postgres.password()),
        clear.toArray(String[]::new)), err::toString);
    assertTrue(json().get("cleared").asBoolean(), out::toString);
    assertEquals(0, runOnSchema("ls", "--json"), err::toString);
    assertEquals(0, json().get("caches").get(1).get("entries").asInt(), out::toString);
    assertEquals(3, json().get("caches").get(0).get("entries").asInt(), out::toString);
  }

  @Test
  void purgeExpiredAndCompact_workOnTheDatabaseAtTheUrl() throws Exception {
    try (Postgres.Schema own = Postgres.newSchema()) {
      try (ChildJvms jvms = new ChildJvms(CacheWriterMain.class, folder, Postgres.environment())) {
        // deadlines 1 ms after each put: passed once the writer's JVM has ended
        Process process = jvms.start("pg-purge.log", own.twatUri("twat:db"), "brief=6@1",
            "lasting=2");
        assertEquals("done", ChildJvms.output(process).readLine(), () -> jvms.log("pg-purge.log"));
        jvms.finish(process, "pg-purge.log", /* minutes= */ 2);
      }
      List<String> url = List.of("--url", own.jdbcUrl(), "--user", Postgres.user());
      Map<String, String> password = Map.of(DbUrl.PASSWORD_VARIABLE, Postgres.password());
      List<String> purge = new ArrayList<>(List.of("purge-expired", "--json"));
      purge.addAll(url);
      assertEquals(0, run(password, purge.toArray(String[]::new)), err::toString);
      JsonNode result = json();
      assertEquals(6, result.get("expired").asInt(), result::toString);
      assertEquals("brief", result.get("caches").get(0).get("cache").asText(), result::toString);
      assertEquals(0, result.get("caches").get(1).get("expired").asInt(), result::toString);
      try (Connection connection = DriverManager.getConnection(own.jdbcUrl(), Postgres.user(),
              Postgres.password());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM twat_row")) {
        rows.next();
        assertEquals(2, rows.getInt(1));
      }

      List<String> compact = new ArrayList<>(List.of("compact", "--json"));
      compact.addAll(url);
      assertEquals(0, run(password, compact.toArray(String[]::new)), err::toString);
      JsonNode database = json().get("databases").get(0);
      assertEquals(own.jdbcUrl(), database.get("database").asText(), database::toString);
      assertEquals("VACUUM twat_row", database.get("method").asText(), database::toString);
      assertTrue(database.get("bytesBefore").asLong() > 0, database::toString);
      assertTrue(database.get("bytesAfter").asLong() > 0, database::toString);
      assertEquals(0, json().get("problems").size(), out::toString);
    }
  }

  @Test
  void aMissingPasswordVariable_orUrlWithDir_isSaidSo() throws Exception {
    assertEquals(1, run(Map.of(), "ls", "--url", schema.jdbcUrl(), "--user", Postgres.user(),
        "--password-env", "NOT_SET_ANYWHERE"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--password-env names the "
        + "environment variable NOT_SET_ANYWHERE, which is not set"), err::toString);
    assertEquals(2, runOnSchema("stats", "pgrows", "--dir", folder.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--url and --dir name different "
        + "places"), err::toString);
  }
}

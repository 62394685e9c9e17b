/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server the tests may run on, and a schema of a test's own on it.
 *
 * <p>The server comes from the system property {@value #URL} or the environment variable {@code
 * TWAT_TEST_POSTGRES_URL} (a {@code jdbc:postgresql:} URL of a database the user may create
 * schemas in), with the user and password in {@value #USER} / {@code TWAT_TEST_POSTGRES_USER}
 * (default {@code postgres}) and {@value #PASSWORD} / {@code TWAT_TEST_POSTGRES_PASSWORD}; {@code
 * .ci/postgres start} prints these variables for a throwaway server. Without a server the
 * PostgreSQL tests skip themselves, unless {@value #REQUIRED} (or {@code
 * TWAT_TEST_REQUIRE_POSTGRES}) is {@code true}, as in CI: then they fail, so that a build that
 * was meant to test PostgreSQL cannot pass without doing so.
 *
 * <p>Each test works in a {@link Schema} of its own (random name), dropped with everything in it
 * when the test closes it, so runs on one server never meet. Stateless and thread-safe.
 */
public final class Postgres {
  /** The system property naming the server's JDBC URL. */
  public static final String URL = "twat.test.postgres.url";
  /** The system property naming the user. */
  public static final String USER = "twat.test.postgres.user";
  /** The system property holding the password. */
  public static final String PASSWORD = "twat.test.postgres.password";
  /** The system property that turns a missing server from a skip into a failure. */
  public static final String REQUIRED = "twat.test.requirePostgres";

  /** Why the PostgreSQL tests do not run, and how to make them run. */
  public static final String MISSING =
      "no PostgreSQL server: set TWAT_TEST_POSTGRES_URL/_USER/_PASSWORD (or -D"
          + URL
          + "=jdbc:postgresql://...), e.g. with .ci/postgres run mvn verify; see"
          + " docs/postgresql.md";

  private Postgres() {
  }

  private static Optional<String> setting(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isEmpty()) {
      String variable =
          property.replace("twat.test.", "TWAT_TEST_").replace('.', '_').toUpperCase(Locale.ROOT);
      value = System.getenv(variable);
    }
    return Optional.ofNullable(value).filter(v -> !v.isEmpty());
  }

  /** Returns whether a server is configured. */
  public static boolean configured() {
    return setting(URL).filter(url -> url.startsWith("jdbc:postgresql:")).isPresent();
  }

  /** Returns whether the build asked for the PostgreSQL tests to run (CI). */
  public static boolean required() {
    return setting(REQUIRED).or(() -> Optional.ofNullable(System.getenv(
        "TWAT_TEST_REQUIRE_POSTGRES"))).map(Boolean::parseBoolean).orElse(false);
  }

  /**
   * Returns whether the PostgreSQL tests run: true with a server; false without one, unless they
   * are required, when this throws.
   *
   * @throws IllegalStateException when no server is configured but the tests are required
   */
  public static boolean enabled() {
    if (configured()) {
      return true;
    }
    if (required()) {
      throw new IllegalStateException(
          REQUIRED + " is true (CI), but the PostgreSQL tests cannot run: " + MISSING);
    }
    return false;
  }

  /** Returns the server's JDBC URL (the database every schema is made in). */
  public static String url() {
    return setting(URL).orElseThrow(() -> new IllegalStateException(MISSING));
  }

  /** Returns the user. */
  public static String user() {
    return setting(USER).orElse("postgres");
  }

  /** Returns the password (empty when none is set). */
  public static String password() {
    return setting(PASSWORD).orElse("");
  }

  /** Returns the credentials as twat-cache's manager {@code Properties}. */
  public static Properties credentials() {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.user", user());
    properties.setProperty("twat.cache.password", password());
    return properties;
  }

  /** Returns the credentials as twat-cache's environment variables, for child JVMs. */
  public static Map<String, String> environment() {
    return Map.of("TWAT_CACHE_USER", user(), "TWAT_CACHE_PASSWORD", password());
  }

  /** Opens a connection to the server's database as the configured user. */
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), user(), password());
  }

  /** Creates a schema of a new random name; close it to drop it with everything in it. */
  public static Schema newSchema() throws SQLException {
    String name = "twat_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + name);
    }
    return new Schema(name);
  }

  /** A schema of one test's own; {@link #close()} drops it. */
  public static final class Schema implements AutoCloseable {
    private final String name;

    private Schema(String name) {
      this.name = name;
    }

    /** Returns the schema's name. */
    public String name() {
      return name;
    }

    /** Returns a JDBC URL whose connections create and find tables in this schema. */
    public String jdbcUrl() {
      String url = url();
      return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /**
     * Returns a URI of the store {@code kind} ({@code twat:db}, {@code twat:universal}) on this
     * schema, e.g. {@code twat:db?url=jdbc%3Apostgresql...}; more settings follow after {@code &}.
     * The credentials come separately ({@link #credentials()}, {@link #environment()}).
     */
    public String twatUri(String kind) {
      return kind + "?url=" + URLEncoder.encode(jdbcUrl(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws SQLException {
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
      }
    }
  }
}

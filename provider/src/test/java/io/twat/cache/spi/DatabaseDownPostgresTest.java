/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.testing.CuttableProxy;
import io.twat.cache.testing.EnabledWithPostgres;
import io.twat.cache.testing.LogCapture;
import io.twat.cache.testing.Postgres;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away mid-run: a proxy of the test's own between the cache and PostgreSQL
 * ({@link CuttableProxy}) stops carrying bytes, as a network that fails would. Calls then fail
 * within the timeouts set in the JDBC URL ({@code connectTimeout}, {@code loginTimeout},
 * {@code socketTimeout}: the PostgreSQL driver's own settings, in seconds) with a
 * {@link CacheException} that names the URL and has the driver's error as its cause; once the
 * proxy forwards again, the same cache works without being reopened. For {@code twat:universal}
 * ({@code tiers=memory,db}), the heap tier answers with a copy younger than
 * {@code maxStaleMillis} while the database is down, and not with an older one (the cache's
 * ticker is the test's).
 */
@EnabledWithPostgres
final class DatabaseDownPostgresTest {
  /** Each of the driver's three timeouts, in seconds. */
  private static final int TIMEOUT_SECONDS = 1;
  /**
   * How long one call may take while the database is down: the pooled connection's socket
   * timeout, then up to 5 new connections (Database.MAX_RECONNECTS), each bounded by the login
   * timeout, plus slack for a busy machine.
   */
  private static final long CALL_BOUND_MILLIS = 6 * TIMEOUT_SECONDS * 1_000L + 6_000;
  private static final long MAX_STALE_MILLIS = 1_000;
  private static final Pattern HOST_PORT =
      Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/");

  private Postgres.Schema schema;
  private CuttableProxy proxy;
  private TwatCachingProvider provider;
  private String proxiedUrl;

  @BeforeEach
  void prepare() throws Exception {
    schema = Postgres.newSchema();
    String direct = schema.jdbcUrl();
    Matcher matcher = HOST_PORT.matcher(direct);
    assertTrue(matcher.find(), () -> "a jdbc:postgresql://host:port/ URL: " + direct);
    int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
    proxy = new CuttableProxy(matcher.group(1), port);
    proxiedUrl = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/"
        + direct.substring(matcher.end())
        + "&connectTimeout=" + TIMEOUT_SECONDS + "&loginTimeout=" + TIMEOUT_SECONDS
        + "&socketTimeout=" + TIMEOUT_SECONDS;
    provider = new TwatCachingProvider();
  }

  @AfterEach
  void cleanUp() throws Exception {
    try {
      provider.close();
    } finally {
      try {
        proxy.close();
      } finally {
        schema.close();
      }
    }
  }

  @Test
  void db_failsWithinTheTimeoutNamingTheUrl_andWorksAgainOnceTheDatabaseIsBack() {
    try (LogCapture log = LogCapture.of("io.twat.cache")) {
      Cache<String, String> cache = cache("twat:db", new AtomicLong(System.currentTimeMillis()));
      cache.put("k", "v1");

      proxy.cut();
      failsPromptly("get", () -> cache.get("k"));
      failsPromptly("put", () -> {
        cache.put("k", "v2");
        return null;
      });

      proxy.restore();
      assertEquals("v1", cache.get("k"));
      cache.put("k", "v3");
      assertEquals("v3", cache.get("k"));
      assertTrue(log.messages(Level.SEVERE).isEmpty(), () -> log.messages(Level.SEVERE).toString());
    }
  }

  @Test
  void universal_heapTierServesNoCopyPastMaxStale_whileTheDatabaseIsDown_andRecovers() {
    try (LogCapture log = LogCapture.of("io.twat.cache")) {
      AtomicLong now = new AtomicLong(System.currentTimeMillis());
      Cache<String, String> cache = cache(
          "twat:universal", now, "&tiers=memory,db&maxStaleMillis=" + MAX_STALE_MILLIS);
      cache.put("k", "v1");
      assertEquals("v1", cache.get("k"));

      proxy.cut();
      now.addAndGet(MAX_STALE_MILLIS - 1);
      assertEquals("v1", cache.get("k"), "a heap copy younger than maxStaleMillis answers");
      now.addAndGet(2);
      failsPromptly("get of a heap copy older than maxStaleMillis", () -> cache.get("k"));
      failsPromptly("put", () -> {
        cache.put("k", "v2");
        return null;
      });

      proxy.restore();
      assertEquals("v1", cache.get("k"));
      cache.put("k", "v3");
      assertEquals("v3", cache.get("k"));
      assertTrue(log.messages(Level.SEVERE).isEmpty(), () -> log.messages(Level.SEVERE).toString());
    }
  }

  private Cache<String, String> cache(String kind, AtomicLong now) {
    return cache(kind, now, "");
  }

  private Cache<String, String> cache(String kind, AtomicLong now, String more) {
    String uri = kind + "?url=" + URLEncoder.encode(proxiedUrl, StandardCharsets.UTF_8) + more;
    TwatConfiguration<String, String> configuration = new TwatConfiguration<>();
    configuration.setTypes(String.class, String.class);
    configuration.setTicker(now::get);
    return provider
        .getCacheManager(URI.create(uri), getClass().getClassLoader(), Postgres.credentials())
        .createCache("down", configuration);
  }

  /** Runs {@code call}, which must throw a CacheException naming the URL, within the bound. */
  private void failsPromptly(String what, Supplier<String> call) {
    long start = System.nanoTime();
    CacheException thrown = assertThrows(CacheException.class, call::get, what);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.println("[database down] " + what + " failed after " + millis + " ms: "
        + thrown.getMessage() + " / cause: " + thrown.getCause());
    assertTrue(millis < CALL_BOUND_MILLIS, () -> what + " took " + millis + " ms");
    assertTrue(thrown.getMessage().contains("127.0.0.1:" + proxy.port()),
        () -> what + ": the message names the URL: " + thrown.getMessage());
    Throwable cause = thrown.getCause();
    while (cause != null && !(cause instanceof java.sql.SQLException)) {
      cause = cause.getCause();
    }
    assertNotNull(cause, () -> what + ": the driver's error is among the causes: " + thrown);
    String reason = cause.getMessage();
    assertTrue(thrown.getMessage().contains(reason),
        () -> what + ": the message gives the driver's reason (" + reason + "): " + thrown);
  }
}

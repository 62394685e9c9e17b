/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import io.twat.cache.testing.ChildJvms;
import io.twat.cache.testing.Postgres;
import java.io.BufferedReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import javax.cache.Cache;

/**
 * Measures how stale a heap tier of another JVM is after a write: this JVM writes a key of a
 * {@code twat:universal?tiers=memory,db} cache, a child JVM ({@link InvalidationWorker}, frozen
 * ticker, so only the change log refreshes its copy) reads it in a loop, and the time from the
 * writer's return to the reader's first get of the new value is recorded (both read
 * {@code System.nanoTime()}, one clock for the processes of a Linux host). Prints p50, p99 and
 * max per mode:
 * <ul>
 *   <li>{@code notify}: PostgreSQL, {@code LISTEN/NOTIFY};</li>
 *   <li>{@code dropped}: PostgreSQL, every listening connection killed on the server
 *       ({@code pg_terminate_backend}) just before each write, so the notification is lost and
 *       the reader catches up when it notices the drop;</li>
 *   <li>{@code poll}: embedded H2 shared by the two JVMs, no notifications: the log is read
 *       every {@code maxStaleMillis / 2} (maxStaleMillis 1000 here).</li>
 * </ul>
 * Run with the test class path and the PostgreSQL variables of {@code .ci/postgres start}:
 * {@code java -cp ... io.twat.cache.spi.StalenessExperiment [notify|dropped|poll] [rounds]}.
 * Not a test: it runs for minutes and its figures go to docs/performance.md.
 */
public final class StalenessExperiment {
  private static final String LISTENERS = "FROM pg_stat_activity WHERE datname = "
      + "current_database() AND query = 'LISTEN twat_change' AND pid <> pg_backend_pid()";

  private StalenessExperiment() {
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "notify";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path temp = Files.createTempDirectory("twat-staleness");
    boolean h2 = mode.equals("poll");
    Postgres.Schema schema = h2 ? null : Postgres.newSchema();
    TwatCachingProvider provider = new TwatCachingProvider();
    try (ChildJvms jvms = new ChildJvms(InvalidationWorker.class, temp,
        h2 ? Map.of() : Postgres.environment());
        Connection admin = h2 ? null : Postgres.connect()) {
      String uri = h2
          ? "twat:universal?tiers=memory,db&maxStaleMillis=1000&dir=" + temp.resolve("db")
          : schema.twatUri("twat:universal") + "&tiers=memory,db&maxStaleMillis=60000";
      Cache<String, String> writer = provider
          .getCacheManager(URI.create(uri + (h2 ? "" : "&dir=" + temp.resolve("w"))),
              StalenessExperiment.class.getClassLoader(),
              h2 ? new Properties() : Postgres.credentials())
          .createCache(InvalidationWorker.CACHE, InvalidationWorker.configuration());
      writer.put("k", "v0");
      Process process = jvms.start("reader.log", uri + (h2 ? "" : "&dir=" + temp.resolve("r")));
      BufferedReader output = ChildJvms.output(process);
      Writer input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      expect(output, "ready", jvms);
      long[] micros = new long[rounds];
      int warmUp = Math.min(20, rounds / 5);
      for (int i = -warmUp; i < rounds; i++) {
        String value = "v" + (i + warmUp + 1);
        input.write("wait k " + value + "\n");
        input.flush();
        expect(output, "waiting", jvms);
        if (mode.equals("dropped")) {
          try (Statement statement = admin.createStatement()) {
            statement.executeQuery("SELECT pg_terminate_backend(pid) " + LISTENERS).close();
          }
        }
        writer.put("k", value);
        long written = System.nanoTime();
        String seen = output.readLine();
        if (seen == null || !seen.startsWith("seen ")) {
          throw new IllegalStateException("reader said " + seen + "; " + jvms.log("reader.log"));
        }
        if (i >= 0) {
          micros[i] = Math.max(0, Long.parseLong(seen.substring(5)) - written) / 1_000;
        }
      }
      input.close();
      process.waitFor();
      Arrays.sort(micros);
      System.out.printf("%s: %d writes, staleness p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", mode,
          rounds, micros[rounds / 2] / 1000.0, micros[(int) Math.ceil(rounds * 0.99) - 1] / 1000.0,
          micros[rounds - 1] / 1000.0);
    } finally {
      provider.close();
      if (schema != null) {
        schema.close();
      }
    }
  }

  private static void expect(BufferedReader output, String line, ChildJvms jvms)
      throws java.io.IOException {
    String got = output.readLine();
    if (!line.equals(got)) {
      throw new IllegalStateException("expected " + line + ", got " + got + "; "
          + jvms.log("reader.log"));
    }
  }
}

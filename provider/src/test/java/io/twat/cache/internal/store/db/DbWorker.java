/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A process that works on a shared {@code twat:db} folder through the JCache API, started by {@link
 * DbProcessesTest}:
 *
 * <ul>
 *   <li>{@code increment DIR N}: prints {@code ready}, waits for a line on its standard input (so
 *       that all workers start together), makes N {@code invoke} increments of the key {@value
 *       #COUNTER}, then prints {@code done} and waits for its standard input to end;
 *   <li>{@code overwrite DIR}: puts {@code k<i> -> v<i>} for i = 1, 2, ... and prints i once each
 *       put has returned, until it is killed;
 *   <li>{@code write DIR N}: puts {@code k<i> -> v<i>} for i below N, closes the manager, prints
 *       {@code closed};
 *   <li>{@code read DIR N}: prints how many of {@code k<i> -> v<i>}, i below N, it finds;
 *   <li>{@code read-acked DIR N}: prints how many of the puts of {@code overwrite}, i from 1 to N,
 *       it finds;
 *   <li>{@code serve DIR}: opens the cache {@code served} first (so this process serves the
 *       database file to the others), puts one entry, prints {@code ready} and exits when its
 *       standard input ends;
 *   <li>{@code journal DIR}: opens the cache {@code journaled}, prints {@code ready}, then for each
 *       line {@code put K V} of its standard input puts K -> V and prints {@code ok K}, until
 *       its standard input ends (or it is killed);
 *   <li>{@code hold DIR}: opens the database file without H2's mixed mode (as another program
 *       might), prints {@code ready} and keeps it open until its standard input ends.
 * </ul>
 *
 * <p>In place of DIR, a {@code twat:db} URI names the database (except for {@code hold}); its
 * credentials then come from the environment ({@code TWAT_CACHE_USER}, {@code
 * TWAT_CACHE_PASSWORD}).
 */
public final class DbWorker {
  static final String COUNTER = "counter";

  private DbWorker() {
  }

  static URI uri(Path folder) {
    return URI.create("twat:db?dir=" + folder);
  }

  static <V> MutableConfiguration<String, V> typed(Class<V> valueType) {
    return new MutableConfiguration<String, V>().setTypes(String.class, valueType);
  }

  public static void main(String[] args) throws Exception {
    Path folder = args[1].startsWith("twat:") ? Path.of(".") : Path.of(args[1]);
    BufferedReader input =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    if (args[0].equals("hold")) {
      try (Connection connection = DriverManager.getConnection(
          "jdbc:h2:file:" + folder.resolve(DbStore.EMBEDDED_FILE), "sa", "")) {
        connection.createStatement().execute("SELECT 1");
        System.out.println("ready");
        System.out.flush();
        input.readLine();
      }
      return;
    }
    CachingProvider provider = Caching.getCachingProvider();
    // a twat: URI in place of the folder names another database (DbProcessesPostgresTest)
    URI uri = args[1].startsWith("twat:") ? URI.create(args[1]) : uri(folder);
    CacheManager manager = provider.getCacheManager(uri, DbWorker.class.getClassLoader());
    switch (args[0]) {
      case "increment" -> {
        Cache<String, Integer> cache = manager.createCache("counter", typed(Integer.class));
        int n = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        input.readLine();
        for (int i = 0; i < n; i++) {
          cache.invoke(COUNTER, (entry, arguments) -> {
            entry.setValue(entry.exists() ? entry.getValue() + 1 : 1);
            return null;
          });
        }
        System.out.println("done");
        System.out.flush();
        // stay until every worker is done: see DbProcessesTest
        input.readLine();
      }
      case "overwrite" -> {
        Cache<String, String> cache = manager.createCache("acked", typed(String.class));
        for (long i = 1; ; i++) {
          cache.put("k" + i, "v" + i);
          System.out.println(i);
          System.out.flush();
        }
      }
      case "write" -> {
        Cache<String, String> cache = manager.createCache("restart", typed(String.class));
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
          cache.put("k" + i, "v" + i);
        }
        manager.close();
        System.out.println("closed");
      }
      case "serve" -> {
        Cache<String, String> cache = manager.createCache("served", typed(String.class));
        cache.put("from-server", "yes");
        System.out.println("ready");
        System.out.flush();
        input.readLine();
      }
      case "journal" -> {
        Cache<String, String> cache = manager.createCache("journaled", typed(String.class));
        System.out.println("ready");
        System.out.flush();
        for (String line = input.readLine(); line != null; line = input.readLine()) {
          String[] parts = line.split(" ", 3);
          cache.put(parts[1], parts[2]);
          System.out.println("ok " + parts[1]);
          System.out.flush();
        }
      }
      case "read-acked" -> {
        Cache<String, String> cache = manager.createCache("acked", typed(String.class));
        long found = 0;
        for (long i = 1; i <= Long.parseLong(args[2]); i++) {
          if (("v" + i).equals(cache.get("k" + i))) {
            found++;
          }
        }
        System.out.println("found " + found);
      }
      case "read" -> {
        Cache<String, String> cache = manager.createCache("restart", typed(String.class));
        int found = 0;
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
          if (("v" + i).equals(cache.get("k" + i))) {
            found++;
          }
        }
        System.out.println("found " + found);
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    provider.close();
  }
}

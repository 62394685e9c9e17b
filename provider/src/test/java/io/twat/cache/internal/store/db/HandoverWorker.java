/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A process of {@link DbHandoverTest}: {@code HandoverWorker URI NAME} opens the caches
 * {@value #COUNTERS} ({@code String -> Integer}) and {@value #PUTS} ({@code String -> String}) of
 * the manager {@code URI}, prints {@code ready}, then repeats until told to stop: an even
 * operation increments the key {@value #COUNTER} of {@value #COUNTERS} with {@code invoke}; an
 * odd operation i puts {@code NAME:i} to the key {@code NAME-(i/2 % 4)} of {@value #PUTS} with
 * {@code getAndPut}. After each operation it prints one line:
 * <ul>
 *   <li>{@code i}: an acknowledged increment; {@code fi}: an increment that threw;</li>
 *   <li>{@code p KEY VALUE OLD}: an acknowledged {@code getAndPut} and the value it returned
 *       ({@code -} for none); {@code fp KEY VALUE}: one that threw.</li>
 * </ul>
 * On its standard input, {@code who} makes it print {@code serving} if this JVM serves the
 * database file to the others (H2's server thread runs in it), else {@code client}; {@code stop}
 * (or the end of the input) makes it finish its operation, close the provider and print
 * {@code closed}.
 */
public final class HandoverWorker {
  static final String COUNTERS = "counters";
  static final String PUTS = "puts";
  static final String COUNTER = "counter";

  private HandoverWorker() {
  }

  /** The key operation {@code op} (odd) of worker {@code name} puts to. */
  static String putKey(String name, long op) {
    return name + "-" + (op / 2 % 4);
  }

  static <V> MutableConfiguration<String, V> typed(Class<V> valueType) {
    return new MutableConfiguration<String, V>().setTypes(String.class, valueType);
  }

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String name = args[1];
    PrintStream out = System.out;
    CachingProvider provider = Caching.getCachingProvider();
    CacheManager manager = provider.getCacheManager(uri, HandoverWorker.class.getClassLoader());
    Cache<String, Integer> counters = manager.createCache(COUNTERS, typed(Integer.class));
    Cache<String, String> puts = manager.createCache(PUTS, typed(String.class));
    AtomicBoolean stop = new AtomicBoolean();
    Thread commands = new Thread(() -> listen(out, stop), "commands");
    commands.setDaemon(true);
    say(out, "ready");
    commands.start();
    for (long op = 0; !stop.get(); op++) {
      if (op % 2 == 0) {
        try {
          counters.invoke(COUNTER, (entry, arguments) -> {
            entry.setValue(entry.exists() ? entry.getValue() + 1 : 1);
            return null;
          });
          say(out, "i");
        } catch (CacheException e) {
          System.err.println("op " + op + ": increment failed: " + e);
          say(out, "fi");
        }
      } else {
        String key = putKey(name, op);
        String value = name + ":" + op;
        try {
          String old = puts.getAndPut(key, value);
          say(out, "p " + key + " " + value + " " + (old == null ? "-" : old));
        } catch (CacheException e) {
          System.err.println("op " + op + ": getAndPut failed: " + e);
          say(out, "fp " + key + " " + value);
        }
      }
    }
    provider.close();
    say(out, "closed");
  }

  private static void listen(PrintStream out, AtomicBoolean stop) {
    BufferedReader input =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      for (String line = input.readLine(); line != null && !line.equals("stop");
          line = input.readLine()) {
        if (line.equals("who")) {
          say(out, serving() ? "serving" : "client");
        }
      }
    } catch (IOException e) {
      System.err.println("input failed: " + e);
    }
    stop.set(true);
  }

  /** Returns whether H2's server of mixed mode runs in this JVM. */
  private static boolean serving() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().startsWith("H2 TCP Server"));
  }

  private static void say(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}

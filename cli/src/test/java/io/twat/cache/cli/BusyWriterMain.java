/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.spi.TwatCachingProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * The separate JVM that keeps a cache busy while a command reads it: arguments are a twat: URI,
 * a cache name and a key count. Writes every key once, prints {@code ready}, then rewrites and
 * removes keys (values of changing length) until a line or the end of its standard input, then
 * closes the provider and prints {@code done}.
 */
public final class BusyWriterMain {
  private BusyWriterMain() {
  }

  /** Writes; see the class comment. */
  public static void main(String[] args) throws IOException {
    AtomicBoolean stop = new AtomicBoolean();
    Thread stdin = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        in.readLine();
      } catch (IOException ended) {
        // the parent went away: stop as well
      }
      stop.set(true);
    });
    stdin.setDaemon(true);
    CachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager =
          provider.getCacheManager(URI.create(args[0]), BusyWriterMain.class.getClassLoader());
      Cache<String, String> cache = manager.createCache(args[1],
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      int count = Integer.parseInt(args[2]);
      for (int i = 0; i < count; i++) {
        cache.put("key-" + i, "v".repeat(i % 50 + 1));
      }
      System.out.println("ready");
      System.out.flush();
      stdin.start();
      for (long round = 1; !stop.get(); round++) {
        int i = (int) (round % count);
        if (round % 7 == 0) {
          cache.remove("key-" + i);
        } else {
          cache.put("key-" + i, "w".repeat((int) (round % 300) + 1));
        }
      }
    } finally {
      provider.close();
    }
    System.out.println("done");
  }
}

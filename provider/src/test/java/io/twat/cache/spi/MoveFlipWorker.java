/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * A process started by {@link UniversalMoveKillTest}: {@code DIR FIRST} opens the cache
 * {@value #CACHE} on {@link #uri}, prints {@code ready}, then writes for ever, from the sequence
 * number {@code FIRST} on, {@link #value value(n)} to {@link #key key(n)} and prints
 * {@code ack n} once each put has returned, until it is killed. Each key's values alternate
 * between small and large ones, so that every write of a key moves it between the db and the
 * file store.
 */
public final class MoveFlipWorker {
  static final String CACHE = "flips";
  static final int KEYS = 8;
  static final int THRESHOLD = 256;

  private MoveFlipWorker() {
  }

  static MutableConfiguration<String, String> configuration() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  static URI uri(String dir) {
    return URI.create(
        "twat:universal?tiers=memory,db,file&threshold=" + THRESHOLD + "&dir=" + dir);
  }

  static String key(long n) {
    return "k" + (n % KEYS);
  }

  /** The value of write {@code n}: small or large by turns for each key; it names {@code n}. */
  static String value(long n) {
    String small = "v" + n;
    return (n / KEYS) % 2 == 0 ? small : small + ":" + "L".repeat(4 * THRESHOLD);
  }

  /** Returns the sequence number a value of {@link #value} names. */
  static long sequence(String value) {
    int colon = value.indexOf(':');
    return Long.parseLong(value.substring(1, colon < 0 ? value.length() : colon));
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, /* autoFlush= */ true, StandardCharsets.UTF_8);
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(uri(args[0]), null);
      Cache<String, String> cache = manager.getCache(CACHE, String.class, String.class);
      if (cache == null) {
        cache = manager.createCache(CACHE, configuration());
      }
      out.println("ready");
      for (long n = Long.parseLong(args[1]); ; n++) {
        cache.put(key(n), value(n));
        out.println("ack " + n);
      }
    } finally {
      provider.close();
    }
  }
}

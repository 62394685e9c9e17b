/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * A process started by {@link SharedChurnTest}, speaking {@link
 * io.twat.cache.testing.ChildJvms#runTogether}'s protocol: {@code URI ROLE COUNT}.
 *
 * <ul>
 *   <li>{@code sums}: {@code COUNT} rounds of read-modify-write on the cache {@value #SUMS}: an
 *       {@code invoke} increment of one of {@value #COUNTERS} counters each round, every
 *       {@value #CAS_EVERY}th round also a compare-and-set increment ({@code putIfAbsent} /
 *       {@code replace(key, old, new)} until it succeeds), and every third round a {@code
 *       getAndPut} of its own key (named after its PID), whose previous value must be its own
 *       last one (a vanished or doubled write ends the process with an error).
 *   <li>{@code churn}: {@code COUNT} rounds of getting or creating the cache {@value #CHURN},
 *       filling, clearing and (every other round) destroying it, beside the sums.
 * </ul>
 */
public final class SharedChurnWorker {
  static final String SUMS = "sums";
  static final String CHURN = "churn";
  static final int COUNTERS = 5;
  static final int CAS_EVERY = 4;

  private SharedChurnWorker() {
  }

  /** Returns how many increments one {@code sums} worker of {@code count} rounds makes. */
  static long incrementsOf(int count) {
    return (long) count + (count + CAS_EVERY - 1) / CAS_EVERY;
  }

  static String counter(int i) {
    return "c" + (i % COUNTERS);
  }

  static <V> Cache<String, V> open(CacheManager manager, String name, Class<V> type) {
    Cache<String, V> cache = manager.getCache(name, String.class, type);
    if (cache != null) {
      return cache;
    }
    try {
      return manager.createCache(
          name, new MutableConfiguration<String, V>().setTypes(String.class, type));
    } catch (CacheException createdByAnotherProcess) {
      return Objects.requireNonNull(manager.getCache(name, String.class, type), name);
    }
  }

  /** Adds one to a counter, starting from 1; serializable, as a disk store may need. */
  static final class Increment implements EntryProcessor<String, Long, Long> {
    @Override
    public Long process(MutableEntry<String, Long> entry, Object... arguments) {
      long next = entry.exists() ? entry.getValue() + 1 : 1;
      entry.setValue(next);
      return next;
    }
  }

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String id = Long.toString(ProcessHandle.current().pid());
    boolean sums = args[1].equals("sums");
    int count = Integer.parseInt(args[2]);
    BufferedReader input =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(uri, null);
      Cache<String, Long> cache = open(manager, sums ? SUMS : CHURN, Long.class);
      System.out.println("ready");
      System.out.flush();
      input.readLine();
      if (sums) {
        sums(cache, id, count);
      } else {
        churn(manager, cache, count);
      }
      System.out.println("done");
      System.out.flush();
      input.readLine();
    } finally {
      provider.close();
    }
  }

  private static void sums(Cache<String, Long> cache, String id, int count) {
    Long mine = null;
    for (int i = 0; i < count; i++) {
      cache.invoke(counter(i), new Increment());
      if (i % CAS_EVERY == 0) {
        String key = counter(i + 1);
        boolean done = false;
        while (!done) {
          Long old = cache.get(key);
          done = old == null ? cache.putIfAbsent(key, 1L) : cache.replace(key, old, old + 1);
        }
      }
      if (i % 3 == 0) {
        Long previous = cache.getAndPut("w" + id, (long) i);
        if (!Objects.equals(previous, mine)) {
          throw new AssertionError("getAndPut of worker " + id + " round " + i + " found "
              + previous + " where it last wrote " + mine);
        }
        mine = (long) i;
      }
    }
  }

  private static void churn(CacheManager manager, Cache<String, Long> first, int count) {
    Cache<String, Long> cache = first;
    for (int i = 0; i < count; i++) {
      if (cache == null) {
        cache = open(manager, CHURN, Long.class);
      }
      for (int k = 0; k < 20; k++) {
        cache.put("k" + k, (long) k);
      }
      cache.clear();
      if (i % 2 == 1) {
        manager.destroyCache(CHURN);
        cache = null;
      }
    }
  }
}

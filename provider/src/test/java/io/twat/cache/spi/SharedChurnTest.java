/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twat.cache.testing.ChildJvms;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import javax.cache.Cache;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reliability suite's shared run: on every disk store and tier layout, three real JVMs make
 * mixed read-modify-write operations ({@code invoke}, compare-and-set, {@code getAndPut}) on one
 * cache while a fourth creates, fills, clears and destroys another cache in the same folder. The
 * counters must add up to exactly the increments made (none lost, none doubled) and each JVM's
 * {@code getAndPut} must always find its own last value (checked in the worker).
 */
final class SharedChurnTest {
  private static final int WORKERS = 3;
  private static final int ROUNDS = 200;

  @TempDir
  Path temp;

  @ParameterizedTest
  @ValueSource(strings = {
      "twat:file", "twat:db", "twat:universal", "twat:universal?tiers=memory,db,file&threshold=256"
  })
  void readModifyWriteBesideClearAndDestroy_countsEveryIncrementOnce(String store)
      throws Exception {
    String uri = store + (store.contains("?") ? "&" : "?") + "dir=" + temp.resolve("data");
    try (ChildJvms jvms = new ChildJvms(SharedChurnWorker.class, temp)) {
      Process churner = jvms.start("churn.log", uri, "churn", "40");
      go(churner);
      // the sums workers run together (ready, go, done), the churner beside them
      jvms.runTogether(WORKERS, /* minutes= */ 3, uri, "sums", Integer.toString(ROUNDS));
      jvms.finish(endInput(churner), "churn.log", 2);
    }
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      Cache<String, Long> cache = provider.getCacheManager(URI.create(uri), null)
          .getCache(SharedChurnWorker.SUMS, String.class, Long.class);
      long total = 0;
      for (int c = 0; c < SharedChurnWorker.COUNTERS; c++) {
        Long value = cache.get(SharedChurnWorker.counter(c));
        total += value == null ? 0 : value;
      }
      assertEquals(WORKERS * SharedChurnWorker.incrementsOf(ROUNDS), total,
          store + ": the counters add up to every increment, once");
    } finally {
      provider.close();
    }
  }

  private static void go(Process process) throws IOException {
    assertEquals("ready", ChildJvms.output(process).readLine());
    process.getOutputStream().write('\n');
    process.getOutputStream().flush();
  }

  private static Process endInput(Process process) throws IOException {
    process.getOutputStream().close();
    return process;
  }
}

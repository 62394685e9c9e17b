/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.testing.ChildJvms;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap tiers of two JVMs over one embedded H2 database ({@code tiers=memory,db}) learn of each
 * other's writes through the change log, read every {@code maxStaleMillis / 2} (H2 has no
 * notifications). The reader's ticker is frozen, so its heap copies never age: only the log can
 * refresh them. {@link HeapInvalidationPostgresTest} does the same over PostgreSQL.
 */
class HeapInvalidationTest {
  /** The readers' bound; their ticker is frozen, so it is never what refreshes a copy. */
  static final long MAX_STALE_MILLIS = 2_000;

  @TempDir
  Path temp;

  private ChildJvms jvms;
  private TwatCachingProvider provider;

  @BeforeEach
  void prepare() {
    jvms = new ChildJvms(InvalidationWorker.class, temp, Map.of());
    provider = new TwatCachingProvider();
  }

  @AfterEach
  void cleanUp() {
    try {
      provider.close();
    } finally {
      jvms.close();
    }
  }

  @Test
  void writeInThisJvm_reachesTheHeapTierOfAnotherJvm_throughThePolledLog() throws Exception {
    String uri = "twat:universal?tiers=memory,db&maxStaleMillis=" + MAX_STALE_MILLIS + "&dir="
        + temp.resolve("shared");
    Cache<String, String> writer = cache(provider, uri, new Properties());
    writer.put("k", "v1");
    Reader reader = Reader.start(jvms, uri);

    reader.seesPromptly("k", "v1", MAX_STALE_MILLIS);
    long hits = reader.heapHits();
    assertEquals("v1", reader.ask("get k"));
    assertEquals(hits + 1, reader.heapHits(), "the reader's heap tier answers");

    writer.put("k", "v2");
    reader.seesPromptly("k", "v2", MAX_STALE_MILLIS);
    writer.remove("k");
    reader.seesPromptly("k", "null", MAX_STALE_MILLIS);
    writer.put("k", "v3");
    reader.seesPromptly("k", "v3", MAX_STALE_MILLIS);
    writer.clear();
    reader.seesPromptly("k", "null", MAX_STALE_MILLIS);
    reader.close();
  }

  /** Opens the shared cache in this JVM. */
  static Cache<String, String> cache(TwatCachingProvider provider, String uri,
      Properties properties) {
    CacheManager manager = provider.getCacheManager(
        java.net.URI.create(uri), HeapInvalidationTest.class.getClassLoader(), properties);
    return manager.createCache(InvalidationWorker.CACHE, InvalidationWorker.configuration());
  }

  /** The reading JVM, driven line by line. */
  static final class Reader implements AutoCloseable {
    private final ChildJvms jvms;
    private final Process process;
    private final BufferedReader output;
    private final Writer input;

    private Reader(ChildJvms jvms, Process process) {
      this.jvms = jvms;
      this.process = process;
      this.output = ChildJvms.output(process);
      this.input = new java.io.OutputStreamWriter(process.getOutputStream(),
          StandardCharsets.UTF_8);
    }

    static Reader start(ChildJvms jvms, String uri) throws IOException {
      Reader reader = new Reader(jvms, jvms.start("reader.log", uri));
      assertEquals("ready", reader.output.readLine(), () -> jvms.log("reader.log"));
      return reader;
    }

    String ask(String command) throws IOException {
      input.write(command + "\n");
      input.flush();
      String answer = output.readLine();
      assertTrue(answer != null, () -> "the reader answered; stderr: " + jvms.log("reader.log"));
      return answer;
    }

    long heapHits() throws IOException {
      return Long.parseLong(ask("heapHits"));
    }

    /**
     * Asks for {@code key} until the answer is {@code expected}; fails if that takes
     * {@code boundMillis} or more (by the wall clock: the reader's own ticker is frozen).
     *
     * @return how long it took, in milliseconds
     */
    long seesPromptly(String key, String expected, long boundMillis) throws IOException {
      long start = System.nanoTime();
      while (true) {
        String seen = ask("get " + key);
        if (seen.equals(expected)) {
          break;
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String last = seen;
        assertTrue(waited < boundMillis, () -> "the reader still sees " + last + " instead of "
            + expected + " after " + waited + " ms; stderr: " + jvms.log("reader.log"));
      }
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Waits until {@code condition} holds, at most {@code boundMillis}. */
    static void await(BooleanSupplier condition, long boundMillis, String what) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMillis);
      while (!condition.getAsBoolean()) {
        assertTrue(System.nanoTime() < deadline, what);
        Thread.onSpinWait();
      }
    }

    @Override
    public void close() throws IOException {
      input.close();
      try {
        jvms.finish(process, "reader.log", /* minutes= */ 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }
}

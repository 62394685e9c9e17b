/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.spi.TwatCachingProvider;
import io.twat.cache.testing.ChildJvms;
import io.twat.cache.testing.EnabledWithPostgres;
import io.twat.cache.testing.Postgres;
import java.io.BufferedReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real JVMs on one twat:db over PostgreSQL ({@link Postgres}): atomic invoke across
 * processes, and every acknowledged write kept when a writer is killed with SIGKILL. Each test
 * works in a schema of its own, dropped after it; the workers get the credentials through their
 * environment, not their command line.
 */
@EnabledWithPostgres
final class DbProcessesPostgresTest {
  @TempDir
  Path temp;

  private ChildJvms jvms;
  private Postgres.Schema schema;

  @BeforeEach
  void prepare() throws Exception {
    jvms = new ChildJvms(DbWorker.class, temp, Postgres.environment());
    schema = Postgres.newSchema();
  }

  @AfterEach
  void cleanUp() throws Exception {
    try {
      jvms.close();
    } finally {
      schema.close();
    }
  }

  private String uri(String folder) {
    return schema.twatUri("twat:db") + "&dir=" + temp.resolve(folder);
  }

  @Test
  void threeJvmsInvokingIncrementsOnOneKey_countExactlyEveryIncrement() throws Exception {
    jvms.runTogether(3, /* minutes= */ 2, "increment", uri("shared"), "300");

    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      Cache<String, Integer> counter = provider
          .getCacheManager(URI.create(uri("check")), null, Postgres.credentials())
          .createCache("counter", DbWorker.typed(Integer.class));
      assertEquals(900, counter.get(DbWorker.COUNTER));
    } finally {
      provider.close();
    }
  }

  @Test
  void killedWhileWriting_everyAcknowledgedPutIsThereInANewJvm() throws Exception {
    Process writer = jvms.start("writer.log", "overwrite", uri("writer"));
    BufferedReader lines = ChildJvms.output(writer);
    long acknowledged = 0;
    String line;
    while (acknowledged < 150 && (line = lines.readLine()) != null) {
      acknowledged = Long.parseLong(line.trim());
    }
    writer.destroyForcibly();
    assertTrue(writer.waitFor(1, TimeUnit.MINUTES), "the writer died");
    assertTrue(acknowledged >= 150,
        "the writer wrote before it was killed; stderr: " + jvms.log("writer.log"));

    Process reader =
        jvms.start("reader.log", "read-acked", uri("reader"), Long.toString(acknowledged));
    String found = ChildJvms.output(reader).readLine();
    jvms.finish(reader, "reader.log", /* minutes= */ 2);
    assertEquals("found " + acknowledged, found, "every put acknowledged before the kill is there");
  }
}

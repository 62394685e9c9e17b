/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.spi.HeapInvalidationTest.Reader;
import io.twat.cache.testing.ChildJvms;
import io.twat.cache.testing.EnabledWithPostgres;
import io.twat.cache.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap tiers of two JVMs over one PostgreSQL database ({@code tiers=memory,db}): a write in one
 * reaches the other's heap tier through {@code LISTEN/NOTIFY} well inside its
 * {@code maxStaleMillis} of a minute (its ticker is frozen, so only the change log can refresh
 * a copy), also after the listening connection was killed on the server.
 */
@EnabledWithPostgres
final class HeapInvalidationPostgresTest {
  /** The reader's bound: long, so that a prompt refresh can only come from the change log. */
  private static final long MAX_STALE_MILLIS = 60_000;
  /** What "promptly" means with notifications: well below the polling interval (30 s). */
  private static final long PROMPT_MILLIS = 5_000;
  private static final String LISTENERS = "FROM pg_stat_activity WHERE datname = "
      + "current_database() AND query = 'LISTEN twat_change' AND pid <> pg_backend_pid()";

  @TempDir
  Path temp;

  private ChildJvms jvms;
  private Postgres.Schema schema;
  private TwatCachingProvider provider;

  @BeforeEach
  void prepare() throws Exception {
    jvms = new ChildJvms(InvalidationWorker.class, temp, Postgres.environment());
    schema = Postgres.newSchema();
    provider = new TwatCachingProvider();
  }

  @AfterEach
  void cleanUp() throws Exception {
    try {
      provider.close();
      jvms.close();
    } finally {
      schema.close();
    }
  }

  private String uri(String folder) {
    return schema.twatUri("twat:universal") + "&tiers=memory,db&maxStaleMillis="
        + MAX_STALE_MILLIS + "&dir=" + temp.resolve(folder);
  }

  @Test
  void writeInThisJvm_reachesTheHeapTierOfAnotherJvm_throughNotifications() throws Exception {
    Cache<String, String> writer =
        HeapInvalidationTest.cache(provider, uri("writer"), Postgres.credentials());
    writer.put("k", "v1");
    try (Reader reader = Reader.start(jvms, uri("reader"))) {
      reader.seesPromptly("k", "v1", PROMPT_MILLIS);
      for (int i = 2; i <= 20; i++) {
        writer.put("k", "v" + i);
        reader.seesPromptly("k", "v" + i, PROMPT_MILLIS);
      }
      writer.remove("k");
      reader.seesPromptly("k", "null", PROMPT_MILLIS);
    }
  }

  @Test
  void listeningConnectionKilled_theReaderStillConverges_andListensAgain() throws Exception {
    Cache<String, String> writer =
        HeapInvalidationTest.cache(provider, uri("writer"), Postgres.credentials());
    writer.put("k", "v1");
    try (Reader reader = Reader.start(jvms, uri("reader"));
        Connection admin = Postgres.connect()) {
      reader.seesPromptly("k", "v1", PROMPT_MILLIS);
      Reader.await(() -> listeners(admin) >= 2, PROMPT_MILLIS, "both JVMs listen");

      for (int round = 2; round <= 4; round++) {
        int killed = terminateListeners(admin);
        assertTrue(killed >= 2, "killed the listening connections, " + killed);
        writer.put("k", "v" + round);
        reader.seesPromptly("k", "v" + round, MAX_STALE_MILLIS);
        Reader.await(() -> listeners(admin) >= 2, PROMPT_MILLIS, "both JVMs listen again");
      }
    }
  }

  private static int listeners(Connection admin) {
    try (Statement statement = admin.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) " + LISTENERS)) {
      result.next();
      return result.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int terminateListeners(Connection admin) throws SQLException {
    int killed = 0;
    try (Statement statement = admin.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT pg_terminate_backend(pid) " + LISTENERS)) {
      while (result.next()) {
        killed += result.getBoolean(1) ? 1 : 0;
      }
    }
    return killed;
  }
}

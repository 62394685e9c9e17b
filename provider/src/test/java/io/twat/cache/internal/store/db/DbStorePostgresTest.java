/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreContractTest;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the Store contract against {@link DbStore} on a PostgreSQL server, to check that its SQL is
 * portable. It runs only when the system property {@value #URL} names a database the user
 * ({@value #USER}, default {@code postgres}; password in {@value #PASSWORD}) may create tables in,
 * e.g. {@code mvn -pl provider test -Dtest=DbStorePostgresTest
 * -Dtwat.test.postgres.url=jdbc:postgresql://127.0.0.1:5432/twatcache}; the build has no server.
 * Each store gets a cache name of its own, and the tables are emptied after each test.
 */
@EnabledIfSystemProperty(named = DbStorePostgresTest.URL, matches = "jdbc:postgresql:.+")
final class DbStorePostgresTest extends StoreContractTest {
  static final String URL = "twat.test.postgres.url";
  static final String USER = "twat.test.postgres.user";
  static final String PASSWORD = "twat.test.postgres.password";

  private int stores;

  private static Credentials credentials() {
    return new Credentials(System.getProperty(USER, "postgres"), System.getProperty(PASSWORD, ""));
  }

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) throws StoreException {
    StoreSpec own = spec.withCacheName(spec.cacheName() + "-" + stores++);
    return DbStore.open(
        System.getProperty(URL),
        credentials(),
        Serializer.allowing(),
        own,
        DbStore.Options.defaults());
  }

  @Override
  protected void cleanUp() throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                System.getProperty(URL), credentials().user(), credentials().password());
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM twat_row");
      statement.execute("DELETE FROM twat_cache");
    }
  }

  @Override
  protected int concurrentIncrementsPerThread() {
    return 500;
  }
}

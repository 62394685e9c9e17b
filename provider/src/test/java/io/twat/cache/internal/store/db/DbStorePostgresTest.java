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
import io.twat.cache.testing.EnabledWithPostgres;
import io.twat.cache.testing.Postgres;
import java.sql.SQLException;

/**
 * Runs the Store contract against {@link DbStore} on a PostgreSQL server, to check that its SQL is
 * portable. It runs when a server is configured ({@link Postgres}: {@code .ci/postgres run mvn
 * verify}, or {@code -Dtwat.test.postgres.url=jdbc:postgresql://127.0.0.1:5432/twatcache} with
 * {@code -Dtwat.test.postgres.user}/{@code .password}), and skips itself, saying so, otherwise.
 * Each test works in a schema of its own, dropped after it, so runs on one server never meet;
 * each store of a test gets a cache name of its own, as each gets a database of its own on H2.
 */
@EnabledWithPostgres
final class DbStorePostgresTest extends StoreContractTest {
  private Postgres.Schema schema;
  private int stores;

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) throws StoreException {
    if (schema == null) {
      try {
        schema = Postgres.newSchema();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create a schema on " + Postgres.url(), e);
      }
    }
    return DbStore.open(
        schema.jdbcUrl(),
        new Credentials(Postgres.user(), Postgres.password()),
        Serializer.allowing(),
        spec.withCacheName(spec.cacheName() + "-" + stores++),
        DbStore.Options.defaults());
  }

  @Override
  protected void cleanUp() throws Exception {
    if (schema != null) {
      schema.close();
    }
  }

  @Override
  protected int concurrentIncrementsPerThread() {
    return 500;
  }
}

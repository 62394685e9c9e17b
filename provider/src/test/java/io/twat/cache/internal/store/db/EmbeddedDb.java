/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.TestSpecs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The embedded database of the db store tests: a plain store in a folder, and SQL on its file. */
final class EmbeddedDb {
  private EmbeddedDb() {
  }

  /**
   * Opens an unbounded, never-expiring store of cache {@code name} in {@code folder}, allowing
   * every class.
   */
  static <K> DbStore<K> open(Path folder, String name) throws StoreException {
    return DbStore.openEmbedded(folder, Serializer.allowing(),
        TestSpecs.spec(name),
        DbStore.Options.defaults());
  }

  /**
   * Connects to the database file in {@code folder}, beside any store that has it open (mixed
   * mode).
   */
  static Connection connect(Path folder) throws SQLException {
    return DriverManager.getConnection(DbStore.embeddedUrl(folder), "sa", "");
  }
}

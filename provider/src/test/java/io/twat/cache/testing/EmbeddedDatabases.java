/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import io.twat.cache.internal.store.db.DbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Closes the embedded H2 database of a folder before a test deletes the folder. The db store
 * keeps a database open for a moment after its last cache closes (to spare a reopen), and while
 * it is open H2's lock watchdog writes its lock file again, folder and all, if it goes missing:
 * a test that deletes the folder right after closing its provider (a {@code @TempDir}) would race
 * with it and sometimes fail, or leave the folder behind.
 *
 * <p>Stateless.
 */
public final class EmbeddedDatabases {
  private EmbeddedDatabases() {
  }

  /**
   * Shuts the embedded database in {@code folder} down now, if the folder holds one; call it
   * after closing every cache that uses it.
   *
   * @param folder a db store's folder (a twat:db or twat:universal manager's {@code dir})
   */
  public static void shutDown(Path folder) {
    if (!Files.exists(folder.resolve(DbStore.EMBEDDED_FILE + ".mv.db"))) {
      return;
    }
    String url = DbStore.embeddedUrl(folder);
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not shut down the database in " + folder + ": " + e, e);
    }
  }
}

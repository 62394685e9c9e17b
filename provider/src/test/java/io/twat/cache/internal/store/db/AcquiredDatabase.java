/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded {@link Database} of a test that works on the database itself rather than through a
 * store: acquired in the test's folder before each test, released after it (the provider-wide
 * {@code ClosesUnusedDatabases} then closes it before the folder is deleted). Register it on an
 * instance field, after the folder's {@code @TempDir} field:
 * {@code @RegisterExtension final AcquiredDatabase db = new AcquiredDatabase(() -> temp);}.
 */
final class AcquiredDatabase implements BeforeEachCallback, AfterEachCallback {
  private final Supplier<Path> folder;
  private Database database;

  /** Acquires the database of the folder {@code folder} gives when each test starts. */
  AcquiredDatabase(Supplier<Path> folder) {
    this.folder = folder;
  }

  /** Returns the database of the running test. */
  Database get() {
    return database;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    database = Database.acquire(DbStore.embeddedUrl(folder.get()), Credentials.EMBEDDED_DEFAULT,
        /* connectTimeoutMillis= */ 30_000);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (database != null) {
      database.release();
      database = null;
    }
  }
}

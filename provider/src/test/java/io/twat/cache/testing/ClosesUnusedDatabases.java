/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import io.twat.cache.internal.store.db.DbStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test of the provider (registered for all of them through
 * {@code META-INF/services} and {@code junit-platform.properties}), closes the embedded databases
 * that no store uses any more, before JUnit deletes the test's temporary folder: a database closed
 * by its last store stays open for a short linger, and H2's lock watchdog writes its lock file
 * again if the file is deleted under it, so the folder could not be deleted
 * ("DirectoryNotEmptyException"), at random, under load.
 */
public final class ClosesUnusedDatabases implements AfterEachCallback {
  /** Creates the extension; JUnit calls it. */
  public ClosesUnusedDatabases() {
  }

  @Override
  public void afterEach(ExtensionContext context) {
    DbStore.closeUnusedDatabases();
  }
}

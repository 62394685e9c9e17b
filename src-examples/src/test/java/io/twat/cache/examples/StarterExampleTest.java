/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** StarterExample with its application.properties, and on each store by one overriding flag. */
class StarterExampleTest {
  @TempDir
  Path folder;

  @Test
  void applicationProperties_pickUniversal_andSetTheBoundAndExpiryOfBooks() {
    // An argument: the build's system property twat.cache.dir would win over a default.
    StarterExample.Outcome outcome = StarterExample.run("--twat.cache.dir=" + folder);

    assertEquals(URI.create("twat:universal?dir=" + folder), outcome.manager());
    assertEquals(2, outcome.lookups());
    assertEquals(new Duration(TimeUnit.MILLISECONDS, 600_000), outcome.booksExpiry());
    assertEquals(10_000, outcome.booksMaxEntries());
    assertEquals(Set.of("authors", "books"), outcome.caches());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "db", "file", "universal"})
  void eachStore_cachesTheBooks_withTheirBoundAndExpiry(String store) {
    StarterExample.Outcome outcome =
        StarterExample.run("--twat.cache.store=" + store, "--twat.cache.dir=" + folder);

    assertEquals(
        URI.create(store.equals("memory") ? "twat:memory" : "twat:" + store + "?dir=" + folder),
        outcome.manager());
    assertEquals(2, outcome.lookups());
    assertEquals(new Duration(TimeUnit.MILLISECONDS, 600_000), outcome.booksExpiry());
    assertEquals(10_000, outcome.booksMaxEntries());
  }
}

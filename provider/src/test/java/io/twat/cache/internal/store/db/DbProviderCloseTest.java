/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.spi.TwatCachingProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the provider retires the journal of a {@code twat:db} database before it returns, so a
 * process that closes its provider and exits leaves no journal behind (docs/file-format.md, "The
 * {@code twat:db} journal"); closing one manager leaves the database open for a short linger.
 */
final class DbProviderCloseTest {
  @TempDir
  Path folder;

  @Test
  void closingTheProvider_retiresTheJournal_beforeItReturns() throws IOException {
    closesWithoutJournal(CachingProvider::close);
  }

  @Test
  void closingTheProvidersManagersOfAClassLoader_retiresTheJournal_beforeItReturns()
      throws IOException {
    closesWithoutJournal(provider -> provider.close(provider.getDefaultClassLoader()));
  }

  private void closesWithoutJournal(Consumer<CachingProvider> close) throws IOException {
    CachingProvider provider = new TwatCachingProvider();
    CacheManager manager =
        provider.getCacheManager(URI.create("twat:db?dir=" + folder.toUri().getPath()), null);
    Cache<Integer, String> cache = manager.createCache("journaled",
        new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class));
    for (int k = 0; k < 20; k++) {
      cache.put(k, "value " + k); // durability=process by default: journaled, not checkpointed
    }
    Path base = folder.resolve(DbStore.EMBEDDED_FILE);
    assertFalse(JournalReplay.journals(FileSystem.system(), base).isEmpty(),
        "the puts were journaled");

    close.accept(provider);

    assertEquals(0, JournalReplay.journals(FileSystem.system(), base).size(),
        "no journal is left once the provider's close returned");
    CachingProvider again = new TwatCachingProvider();
    try {
      Cache<Integer, String> reopened = again.getCacheManager(
          URI.create("twat:db?dir=" + folder.toUri().getPath()), null)
          .getCache("journaled", Integer.class, String.class);
      for (int k = 0; k < 20; k++) {
        assertEquals("value " + k, reopened.get(k), "the retired journal's puts are stored");
      }
    } finally {
      again.close();
    }
  }
}

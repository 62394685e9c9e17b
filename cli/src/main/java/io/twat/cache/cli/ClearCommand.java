/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import javax.cache.Cache;
import javax.cache.CacheException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code clear CACHE}: removes every entry of one cache and keeps the cache, through the
 * provider's own manager ({@link javax.cache.Cache#clear()}: no events, no writer), so it takes
 * the same per-key locks as the applications that use the cache meanwhile. Asks for confirmation
 * unless {@code --yes}; without a terminal and without {@code --yes} it refuses (exit 1).
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "clear", mixinStandardHelpOptions = true,
    description = "Removes every entry of one cache (asks first, unless --yes).")
final class ClearCommand implements Callable<Integer> {
  @ParentCommand
  TwatCacheCli cli;

  @Parameters(index = "0", paramLabel = "CACHE", description = "The cache's name.")
  String cacheName;

  @Mixin
  Confirmed options;

  @Override
  public Integer call() throws IOException {
    return options.run(cli, cacheName, "clear", "cleared", "Its entries are removed; the cache "
        + "stays.", (manager, name) -> {
          Cache<Object, Object> cache = manager.getCache(name);
          if (cache == null) {
            throw new CacheException("the manager does not find it (destroyed meanwhile?)");
          }
          cache.clear();
        });
  }
}

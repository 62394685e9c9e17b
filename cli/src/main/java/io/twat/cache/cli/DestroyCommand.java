/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code destroy CACHE}: deletes one cache, its entries and its record, through the provider's
 * own manager ({@link javax.cache.CacheManager#destroyCache}), which needs none of the cache's
 * classes; applications holding the cache see it destroyed as they would after another
 * application's {@code destroyCache}. Asks for confirmation unless {@code --yes}; without a
 * terminal and without {@code --yes} it refuses (exit 1).
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = "Deletes one cache with its entries (asks first, unless --yes).")
final class DestroyCommand implements Callable<Integer> {
  @ParentCommand
  TwatCacheCli cli;

  @Parameters(index = "0", paramLabel = "CACHE", description = "The cache's name.")
  String cacheName;

  @Mixin
  Confirmed options;

  @Override
  public Integer call() throws IOException {
    return options.run(cli, cacheName, "destroy", "destroyed", "Its entries and its record are "
        + "deleted.", (manager, name) -> manager.destroyCache(name));
  }
}

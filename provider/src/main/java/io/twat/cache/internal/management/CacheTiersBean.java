/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.management;

import io.twat.cache.TierStatistics;
import io.twat.cache.management.CacheTiersMXBean;
import io.twat.cache.management.TierFigures;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link CacheTiersMXBean} of one cache, reading its figures afresh on each call.
 *
 * <p>Thread-safe.
 */
public final class CacheTiersBean implements CacheTiersMXBean {
  private final Supplier<String> backend;
  private final Optional<Path> folder;
  private final Supplier<List<TierStatistics>> tiers;

  /**
   * Creates the bean.
   *
   * @param backend gives the cache's backend chain
   * @param folder the cache's folder, if it has one
   * @param tiers gives the figures of each tier, top first
   */
  public CacheTiersBean(
      Supplier<String> backend, Optional<Path> folder, Supplier<List<TierStatistics>> tiers) {
    this.backend = backend;
    this.folder = folder;
    this.tiers = tiers;
  }

  @Override
  public String getBackend() {
    return backend.get();
  }

  @Override
  public String getFolder() {
    return folder.map(Path::toString).orElse("");
  }

  @Override
  public List<TierFigures> getTiers() {
    return tiers.get().stream()
        .map(
            t ->
                new TierFigures(
                    t.role(),
                    t.backend(),
                    t.folder().map(Path::toString).orElse(""),
                    t.hits(),
                    t.misses(),
                    t.entries(),
                    t.bytesOnDisk(),
                    t.evictions()))
        .toList();
  }
}

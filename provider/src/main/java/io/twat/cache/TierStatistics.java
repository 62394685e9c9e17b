/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What one tier of a cache did and holds, at one moment.
 *
 * @param role the tier's place in the chain: {@code heap}, {@code db}, {@code file} or {@code
 *     store} (a cache of one store)
 * @param backend the tier's store, as {@link io.twat.cache.internal.store.Store#describe()} says
 * @param folder the folder its data lives in, for a disk tier
 * @param hits reads this tier answered while the cache's statistics were enabled (a cache of one
 *     store: its JCache hits)
 * @param misses reads this tier could not answer while the cache's statistics were enabled
 * @param entries entries it holds (expired ones it has not removed included)
 * @param bytesOnDisk bytes of its files on disk, 0 for a heap tier
 * @param evictions entries it dropped to respect its bound
 */
public record TierStatistics(
    String role,
    String backend,
    Optional<Path> folder,
    long hits,
    long misses,
    long entries,
    long bytesOnDisk,
    long evictions) {
  /** Checks the arguments. */
  public TierStatistics {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(folder, "folder");
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.TierStatistics;
import io.twat.cache.internal.io.DiskUsage;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * One store in a chain, with its role, its folder (for a disk store) and its counters of hits,
 * misses and evictions. The counters are {@link LongAdder}s; hits and misses are counted only
 * while {@link #countReads} leaves them on (the cache's statistics are enabled): a heap tier's hit
 * costs a few tens of nanoseconds, and an increment was a tenth to a fifth of it.
 *
 * <p>Thread-safe.
 *
 * @param <K> the type of keys
 */
public final class Tier<K> {
  private final String role;
  private final Store<K> store;
  private final Optional<Path> folder;
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder evictions = new LongAdder();
  private volatile boolean counting = true;

  /**
   * Names a store's place in a chain.
   *
   * @param role e.g. {@code heap}, {@code db}, {@code file}
   * @param store the store
   * @param folder where it keeps its data, for a disk store
   */
  public Tier(String role, Store<K> store, Optional<Path> folder) {
    this.role = role;
    this.store = store;
    this.folder = folder;
  }

  /** Returns the store. */
  public Store<K> store() {
    return store;
  }

  /** Returns the folder of a disk tier. */
  public Optional<Path> folder() {
    return folder;
  }

  /** Counts a read this tier answered ({@code found}) or could not answer. */
  void countRead(boolean found) {
    if (counting) {
      (found ? hits : misses).increment();
    }
  }

  /** Turns the counting of this tier's reads, and of its store's tiers, on or off. */
  void countReads(boolean on) {
    counting = on;
    store.countReads(on);
  }

  /** Returns this tier's figures now. */
  public TierStatistics statistics() {
    long entries;
    try {
      entries = store.size();
    } catch (StoreException e) {
      entries = -1;
    }
    return new TierStatistics(role, store.describe(), folder, hits.sum(), misses.sum(), entries,
        folder.map(DiskUsage::bytesUnder).orElse(0L), evictions.sum());
  }

}

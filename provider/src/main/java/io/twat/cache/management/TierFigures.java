/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.management;

import javax.management.openmbean.CompositeData;

/**
 * One tier's figures as the {@link CacheTiersMXBean} shows them (a JMX composite value).
 * Immutable.
 */
public final class TierFigures {
  private final String role;
  private final String backend;
  private final String folder;
  private final long hits;
  private final long misses;
  private final long entries;
  private final long bytesOnDisk;
  private final long evictions;

  /**
   * Creates the figures.
   *
   * @param role the tier's place: heap, db, file or store
   * @param backend the tier's store, described
   * @param folder its folder, or an empty string
   * @param hits reads it answered
   * @param misses reads it could not answer
   * @param entries entries it holds
   * @param bytesOnDisk bytes of its files
   * @param evictions entries it dropped to respect its bound
   */
  public TierFigures(
      String role,
      String backend,
      String folder,
      long hits,
      long misses,
      long entries,
      long bytesOnDisk,
      long evictions) {
    this.role = role;
    this.backend = backend;
    this.folder = folder;
    this.hits = hits;
    this.misses = misses;
    this.entries = entries;
    this.bytesOnDisk = bytesOnDisk;
    this.evictions = evictions;
  }

  /**
   * Rebuilds figures from the JMX composite value of a {@link CacheTiersMXBean}'s tiers: what an
   * MXBean proxy ({@code JMX.newMXBeanProxy}) calls. (A {@code from} method, not
   * {@code @ConstructorProperties}, whose {@code java.desktop} a module-path application need
   * not have.)
   *
   * @param data the composite value, with an item per getter
   * @return the figures it holds
   */
  public static TierFigures from(CompositeData data) {
    return new TierFigures((String) data.get("role"), (String) data.get("backend"),
        (String) data.get("folder"), (Long) data.get("hits"), (Long) data.get("misses"),
        (Long) data.get("entries"), (Long) data.get("bytesOnDisk"), (Long) data.get("evictions"));
  }

  /** Returns the tier's place: heap, db, file or store. */
  public String getRole() {
    return role;
  }

  /** Returns the tier's store, described. */
  public String getBackend() {
    return backend;
  }

  /** Returns the tier's folder, or an empty string. */
  public String getFolder() {
    return folder;
  }

  /** Returns the reads it answered. */
  public long getHits() {
    return hits;
  }

  /** Returns the reads it could not answer. */
  public long getMisses() {
    return misses;
  }

  /** Returns the entries it holds. */
  public long getEntries() {
    return entries;
  }

  /** Returns the bytes of its files on disk. */
  public long getBytesOnDisk() {
    return bytesOnDisk;
  }

  /** Returns the entries it dropped to respect its bound. */
  public long getEvictions() {
    return evictions;
  }
}

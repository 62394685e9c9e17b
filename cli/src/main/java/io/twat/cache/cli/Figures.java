/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures {@code stats} gathers over the entries of one cache, or of one part of it (the
 * entry files of a {@code twat:file} folder, the rows of a {@code twat:db} cache): sizes (kept
 * for the median), oldest and newest write, expired, encrypted and damaged entries.
 *
 * <p>One instance per cache part; not thread-safe.
 */
final class Figures {
  private long[] sizes = new long[64];
  private int entries;
  private long oldest = Long.MAX_VALUE;
  private long newest = Long.MIN_VALUE;
  private int expired;
  private int encrypted;
  private int damaged;

  /** Adds one entry: its size in bytes, when it was last written, and what it is. */
  void add(long size, long writtenAt, boolean isExpired, boolean isEncrypted, boolean isDamaged) {
    if (entries == sizes.length) {
      sizes = Arrays.copyOf(sizes, entries * 2);
    }
    sizes[entries++] = size;
    oldest = Math.min(oldest, writtenAt);
    newest = Math.max(newest, writtenAt);
    expired += isExpired ? 1 : 0;
    encrypted += isEncrypted ? 1 : 0;
    damaged += isDamaged ? 1 : 0;
  }

  /** Adds every entry of {@code other}. */
  void addAll(Figures other) {
    for (int i = 0; i < other.entries; i++) {
      if (entries == sizes.length) {
        sizes = Arrays.copyOf(sizes, entries * 2);
      }
      sizes[entries++] = other.sizes[i];
    }
    oldest = Math.min(oldest, other.oldest);
    newest = Math.max(newest, other.newest);
    expired += other.expired;
    encrypted += other.encrypted;
    damaged += other.damaged;
  }

  /** Returns the number of damaged entries. */
  int damaged() {
    return damaged;
  }

  /** Returns the number of encrypted entries. */
  int encrypted() {
    return encrypted;
  }

  /** Returns the number of entries. */
  int entries() {
    return entries;
  }

  /**
   * Puts the figures into {@code into}: entries, bytes, minBytes, medianBytes, maxBytes, oldest,
   * newest (ISO-8601 UTC; sizes and times null when there are no entries) and expired.
   */
  void putInto(Map<String, Object> into) {
    long[] sorted = Arrays.copyOf(sizes, entries);
    Arrays.sort(sorted);
    boolean empty = entries == 0;
    into.put("entries", entries);
    into.put("bytes", Arrays.stream(sorted).sum());
    into.put("minBytes", empty ? null : sorted[0]);
    into.put("medianBytes", empty ? null : sorted[entries / 2]);
    into.put("maxBytes", empty ? null : sorted[entries - 1]);
    into.put("oldest", empty ? null : Instant.ofEpochMilli(oldest).toString());
    into.put("newest", empty ? null : Instant.ofEpochMilli(newest).toString());
    into.put("expired", expired);
  }

  /** Returns a new map of the figures (see {@link #putInto}). */
  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    putInto(map);
    return map;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.io.Serializable;

/**
 * A small mutable Serializable value, the value of the store-by-value workload: a cache that
 * stores by value must copy it, since the caller may change it after {@code put} or {@code get}.
 *
 * <p>Not thread-safe (and need not be: every reader gets its own copy).
 */
public final class Payload implements Serializable {
  private static final long serialVersionUID = 1L;

  private int id;
  private String name;
  private long hits;

  /** Creates the payload of key {@code id}. */
  public Payload(int id, String name) {
    this.id = id;
    this.name = name;
  }

  /** Returns the key this payload belongs to. */
  public int id() {
    return id;
  }

  /** Returns the name. */
  public String name() {
    return name;
  }

  /** Counts a hit: the mutation that makes copying necessary. */
  public void hit() {
    hits++;
  }

  /** Returns the hits counted on this copy. */
  public long hits() {
    return hits;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.nio.file.Path;

/**
 * What a benchmark asks of a subject.
 *
 * @param name the cache name
 * @param valueType the type of values (the key type is always Integer)
 * @param bound the most entries of a bounded subject (unbounded subjects ignore it)
 * @param storeByValue whether the cache copies values (JCache store-by-value); raw maps then keep
 *     serialized bytes, the floor of any copying cache
 * @param folder where a disk subject keeps its data, kept when the handle is {@linkplain
 *     Handle#detach() detached}; null for a fresh temporary folder that the handle deletes on close
 * @param filling whether the handle only fills a kept data set before the measured handle opens it:
 *     a subject may then write with less durability (twat:db relaxed: the same file, written
 *     without a checkpoint per put), which no measurement sees
 * @param <V> the type of values
 */
public record Spec<V>(
    String name,
    Class<V> valueType,
    long bound,
    boolean storeByValue,
    Path folder,
    boolean filling) {
  /** A spec whose disk subjects work in a temporary folder of their own. */
  public Spec(String name, Class<V> valueType, long bound, boolean storeByValue) {
    this(name, valueType, bound, storeByValue, null, false);
  }

  /** A spec for a measured handle over a kept data set in {@code folder}. */
  public Spec(String name, Class<V> valueType, long bound, boolean storeByValue, Path folder) {
    this(name, valueType, bound, storeByValue, folder, false);
  }

  /** Returns this spec for a handle that only fills the data set. */
  public Spec<V> forFilling() {
    return new Spec<>(name, valueType, bound, storeByValue, folder, true);
  }
}

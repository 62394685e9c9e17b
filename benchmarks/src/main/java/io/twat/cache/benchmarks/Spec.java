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
 * @param <V> the type of values
 */
public record Spec<V>(String name, Class<V> valueType, long bound, boolean storeByValue, Path folder) {
  /** A spec whose disk subjects work in a temporary folder of their own. */
  public Spec(String name, Class<V> valueType, long bound, boolean storeByValue) {
    this(name, valueType, bound, storeByValue, null);
  }
}

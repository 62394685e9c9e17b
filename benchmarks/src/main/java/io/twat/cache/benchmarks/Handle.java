package io.twat.cache.benchmarks;

/**
 * The two operations the benchmarks measure, over a JCache {@code Cache} or a raw map. Each
 * benchmark fork opens one subject, so the call sites stay monomorphic.
 *
 * @param <V> the type of values; keys are Integers
 */
public interface Handle<V> extends AutoCloseable {
  /** Returns the value of {@code key}, or null on a miss. */
  V get(Integer key);

  /** Stores {@code value} under {@code key}. */
  void put(Integer key, V value);

  /** Releases the cache (and its manager, for JCache subjects). */
  @Override
  void close();
}

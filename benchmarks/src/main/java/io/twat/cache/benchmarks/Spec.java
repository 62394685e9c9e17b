package io.twat.cache.benchmarks;

/**
 * What a benchmark asks of a subject.
 *
 * @param name the cache name
 * @param valueType the type of values (the key type is always Integer)
 * @param bound the most entries of a bounded subject (unbounded subjects ignore it)
 * @param storeByValue whether the cache copies values (JCache store-by-value); raw maps then keep
 *     serialized bytes, the floor of any copying cache
 * @param <V> the type of values
 */
public record Spec<V>(String name, Class<V> valueType, long bound, boolean storeByValue) {
}

package io.twat.cache.internal.store;

import java.util.Objects;

/**
 * A cache whose data a persistent store keeps where a new cache manager (in this or another JVM)
 * finds it, with the types its data was written with, as recorded by the store.
 *
 * @param cacheName the cache's name
 * @param keyType the binary name of the declared key type ({@code java.lang.Object} if untyped)
 * @param valueType the binary name of the declared value type
 */
public record PersistedCache(String cacheName, String keyType, String valueType) {
  /** Checks the arguments. */
  public PersistedCache {
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
  }
}

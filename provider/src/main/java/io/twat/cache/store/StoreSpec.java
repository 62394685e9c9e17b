package io.twat.cache.store;

import java.util.Objects;

/**
 * What a store is asked to be: which cache it serves, how many entries it may hold and whom it
 * tells about evictions.
 *
 * @param cacheName the name of the cache the store serves
 * @param maxEntries the most entries the store keeps, or {@link #UNBOUNDED}
 * @param listener told about entries the store evicts
 */
public record StoreSpec(String cacheName, long maxEntries, StoreListener listener) {
  /** The value of {@code maxEntries} for a store without a bound. */
  public static final long UNBOUNDED = 0L;

  /** Checks the arguments. */
  public StoreSpec {
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(listener, "listener");
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be 0 (unbounded) or positive, was " + maxEntries);
    }
  }

  /** Returns whether the store has a size bound. */
  public boolean isBounded() {
    return maxEntries != UNBOUNDED;
  }
}

package io.twat.cache.store;

import io.twat.cache.expiry.Ticker;
import java.util.Objects;

/**
 * What a store is asked to be: which cache it serves, how many entries it may hold, whom it
 * tells about evictions and expiries, and the clock against which its entries' deadlines run.
 *
 * @param cacheName the name of the cache the store serves
 * @param maxEntries the most entries the store keeps, or {@link #UNBOUNDED}
 * @param listener told about entries the store evicts or expires on its own
 * @param ticker the cache's clock; a store that cleans up expired entries reads this one
 * @param expiring whether entries may have deadlines at all (false for an eternal policy), so a
 *     store can skip the cost of tracking them
 */
public record StoreSpec(String cacheName, long maxEntries, StoreListener listener, Ticker ticker,
    boolean expiring) {
  /** The value of {@code maxEntries} for a store without a bound. */
  public static final long UNBOUNDED = 0L;

  /** Checks the arguments. */
  public StoreSpec {
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(ticker, "ticker");
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be 0 (unbounded) or positive, was " + maxEntries);
    }
  }

  /** Returns whether the store has a size bound. */
  public boolean isBounded() {
    return maxEntries != UNBOUNDED;
  }
}

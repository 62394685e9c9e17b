/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import io.twat.cache.internal.crypto.Keyring;
import io.twat.cache.Ticker;
import java.util.Objects;

/**
 * What a store is asked to be: which cache it serves, how many entries it may hold, whom it
 * tells about evictions and expiries, and the clock against which its entries' deadlines run.
 *
 * <p>There is one constructor, the canonical one, which takes every setting: a spec that derives
 * from another (a tier's from its cache's) is made with the withers ({@link #withMaxEntries},
 * {@link #withListener}, ...), which copy every other setting, so that no store is silently
 * handed a spec without the cache's byte bound or encryption keys.
 *
 * <p>Immutable.
 *
 * @param cacheName the name of the cache the store serves
 * @param maxEntries the most entries the store keeps, or {@link #UNBOUNDED}
 * @param listener told about entries the store evicts or expires on its own
 * @param ticker the cache's clock; a store that cleans up expired entries reads this one
 * @param expiring whether entries may have deadlines at all (false for an eternal policy), so a
 *     store can skip the cost of tracking them
 * @param keyType the cache's declared key type ({@code Object} if untyped); a serializing store
 *     allows it to be read back
 * @param valueType the cache's declared value type, likewise
 * @param maxBytes the most bytes a disk store's entries may take, or {@link #UNBOUNDED}; stores
 *     that cannot measure bytes (the heap stores) ignore it
 * @param keyring the cache's own encryption keys, or null to use the store factory's (if any);
 *     stores that do not encrypt ignore it
 */
public record StoreSpec(String cacheName, long maxEntries, StoreListener listener, Ticker ticker,
    boolean expiring, Class<?> keyType, Class<?> valueType, long maxBytes, Keyring keyring) {
  /** The value of {@code maxEntries} for a store without a bound. */
  public static final long UNBOUNDED = 0L;

  /** Checks the arguments. */
  public StoreSpec {
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    if (maxEntries < 0) {
      throw new IllegalArgumentException(
          "maxEntries must be 0 (unbounded) or positive, was " + maxEntries);
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException(
          "maxBytes must be 0 (unbounded) or positive, was " + maxBytes);
    }
  }

  /** Returns whether the store has a bound on its number of entries. */
  public boolean isBounded() {
    return maxEntries != UNBOUNDED;
  }

  /** Returns whether the store has a bound on the bytes its entries take. */
  public boolean isByteBounded() {
    return maxBytes != UNBOUNDED;
  }

  /** Returns this spec for another cache name, everything else as it is. */
  public StoreSpec withCacheName(String newCacheName) {
    return new StoreSpec(newCacheName, maxEntries, listener, ticker, expiring, keyType, valueType,
        maxBytes, keyring);
  }

  /** Returns this spec with another entry bound ({@link #UNBOUNDED}: none). */
  public StoreSpec withMaxEntries(long newMaxEntries) {
    return new StoreSpec(cacheName, newMaxEntries, listener, ticker, expiring, keyType, valueType,
        maxBytes, keyring);
  }

  /** Returns this spec with another listener of the store's evictions and expiries. */
  public StoreSpec withListener(StoreListener newListener) {
    return new StoreSpec(cacheName, maxEntries, newListener, ticker, expiring, keyType, valueType,
        maxBytes, keyring);
  }

  /** Returns this spec with another clock. */
  public StoreSpec withTicker(Ticker newTicker) {
    return new StoreSpec(cacheName, maxEntries, listener, newTicker, expiring, keyType, valueType,
        maxBytes, keyring);
  }

  /** Returns this spec saying whether entries may have deadlines. */
  public StoreSpec withExpiring(boolean newExpiring) {
    return new StoreSpec(cacheName, maxEntries, listener, ticker, newExpiring, keyType, valueType,
        maxBytes, keyring);
  }

  /** Returns this spec with other declared key and value types. */
  public StoreSpec withTypes(Class<?> newKeyType, Class<?> newValueType) {
    return new StoreSpec(
        cacheName,
        maxEntries,
        listener,
        ticker,
        expiring,
        newKeyType,
        newValueType,
        maxBytes,
        keyring);
  }

  /** Returns this spec with another byte bound ({@link #UNBOUNDED}: none). */
  public StoreSpec withMaxBytes(long newMaxBytes) {
    return new StoreSpec(cacheName, maxEntries, listener, ticker, expiring, keyType, valueType,
        newMaxBytes, keyring);
  }

  /** Returns this spec with the cache's own encryption keys (null: the factory's). */
  public StoreSpec withKeyring(Keyring newKeyring) {
    return new StoreSpec(cacheName, maxEntries, listener, ticker, expiring, keyType, valueType,
        maxBytes, newKeyring);
  }

  @Override
  public String toString() {
    return "StoreSpec["
        + cacheName
        + ", maxEntries="
        + maxEntries
        + ", maxBytes="
        + maxBytes
        + ", "
        + keyType.getName()
        + " -> "
        + valueType.getName()
        + (keyring == null ? "" : ", own keys")
        + "]";
  }
}

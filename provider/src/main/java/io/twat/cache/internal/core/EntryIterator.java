/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.Ticker;
import io.twat.cache.internal.event.EventDispatcher;
import io.twat.cache.internal.management.CacheStatistics;
import io.twat.cache.internal.store.StoreEntry;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.cache.Cache;

/**
 * The iterator of a cache: it hands out copies of the live entries of the store's weakly
 * consistent iterator, applying the access expiry and counting a hit per entry returned, and
 * removes the expired entries it meets with an expired event. {@link #remove} removes the last
 * entry returned as {@code Cache.remove(key)} does, through the writer. Every call fails once
 * the cache is closed.
 *
 * <p>Not thread-safe, as iterators are: one thread uses it at a time. The cache it reads is
 * thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class EntryIterator<K, V> implements Iterator<Cache.Entry<K, V>> {
  private final CacheFacade<K, V> cache;
  private final Iterator<Map.Entry<K, StoreEntry>> delegate;
  private final EntryChanges<K, V> changes;
  private final Ticker ticker;
  private final CacheStatistics statistics;
  private final EventDispatcher<K, V> events;
  private Map.Entry<K, StoreEntry> next;
  private K lastKey;

  /**
   * Creates an iterator.
   *
   * @param cache the cache iterated, whose closing ends the iteration
   * @param delegate the store's iterator
   * @param changes the cache's changes of one key
   * @param ticker the cache's clock
   * @param statistics counts hits, removals and their times
   * @param events the cache's listeners, delivered to after each removal
   */
  EntryIterator(CacheFacade<K, V> cache, Iterator<Map.Entry<K, StoreEntry>> delegate,
      EntryChanges<K, V> changes, Ticker ticker, CacheStatistics statistics,
      EventDispatcher<K, V> events) {
    this.cache = cache;
    this.delegate = delegate;
    this.changes = changes;
    this.ticker = ticker;
    this.statistics = statistics;
    this.events = events;
  }

  @Override
  public boolean hasNext() {
    cache.requireOpen();
    long now = ticker.millis();
    while (next == null && delegate.hasNext()) {
      Map.Entry<K, StoreEntry> candidate = delegate.next();
      if (candidate.getValue().isExpired(now)) {
        changes.expire(candidate.getKey(), now);
        events.deliverSynchronous();
      } else {
        next = candidate;
      }
    }
    return next != null;
  }

  @Override
  public Cache.Entry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("The cache iterator has no more entries");
    }
    Map.Entry<K, StoreEntry> entry = next;
    next = null;
    long start = statistics.startTimer();
    K key = entry.getKey();
    changes.touch(key, entry.getValue(), ticker.millis());
    statistics.recordHits(1);
    statistics.recordGetTime(start);
    lastKey = key;
    return new TwatEntry<>(changes.copyKey(key), changes.value(entry.getValue().value()));
  }

  @Override
  public void remove() {
    cache.requireOpen();
    if (lastKey == null) {
      throw new IllegalStateException("Iterator.remove() must follow a call of next()");
    }
    long start = statistics.startTimer();
    changes.remove(lastKey, ticker.millis());
    statistics.recordRemoveTime(start);
    events.deliverSynchronous();
    lastKey = null;
  }
}

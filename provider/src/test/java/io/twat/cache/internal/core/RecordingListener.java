/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * Listens to every kind of event and remembers each as a {@link Seen}, in the order delivered.
 * Tests of asynchronous listeners wait with {@link #await}. Thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class RecordingListener<K, V>
    implements CacheEntryCreatedListener<K, V>,
        CacheEntryUpdatedListener<K, V>,
        CacheEntryRemovedListener<K, V>,
        CacheEntryExpiredListener<K, V> {

  /** One delivered event, with the values read at delivery time. */
  record Seen<K, V>(EventType type, K key, V value, V oldValue) {
  }

  private final List<Seen<K, V>> seen = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch expected = new CountDownLatch(0);

  /** Returns what was delivered so far, in order. */
  List<Seen<K, V>> seen() {
    return List.copyOf(seen);
  }

  /** Returns the events of one type delivered so far, in order. */
  List<Seen<K, V>> seen(EventType type) {
    return seen.stream().filter(event -> event.type() == type).toList();
  }

  /** Makes {@link #await} wait for {@code count} more events. Call before causing them. */
  void expect(int count) {
    expected = new CountDownLatch(count);
  }

  /** Waits up to 30 seconds for the expected events; returns whether they all arrived. */
  boolean await() throws InterruptedException {
    return expected.await(30, TimeUnit.SECONDS);
  }

  /** Returns a configuration that registers this listener, without a filter. */
  CacheEntryListenerConfiguration<K, V> configuration(boolean synchronous) {
    return configuration(null, synchronous);
  }

  /** Returns a configuration that registers this listener behind {@code filter}. */
  CacheEntryListenerConfiguration<K, V> configuration(
      CacheEntryEventFilter<K, V> filter, boolean synchronous) {
    Factory<CacheEntryListener<? super K, ? super V>> listenerFactory = () -> this;
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        filter == null ? null : () -> filter;
    return new MutableCacheEntryListenerConfiguration<>(listenerFactory, filterFactory,
        /* isOldValueRequired= */ true, synchronous);
  }

  private void record(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    for (CacheEntryEvent<? extends K, ? extends V> event : events) {
      seen.add(new Seen<>(event.getEventType(), event.getKey(), event.getValue(),
          event.isOldValueAvailable() ? event.getOldValue() : null));
      expected.countDown();
    }
  }

  @Override
  public void onCreated(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    record(events);
  }

  @Override
  public void onUpdated(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    record(events);
  }

  @Override
  public void onRemoved(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    record(events);
  }

  @Override
  public void onExpired(Iterable<CacheEntryEvent<? extends K, ? extends V>> events) {
    record(events);
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.event;

import io.twat.cache.internal.integration.Closeables;
import java.io.Closeable;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * One registered listener with its filter and its queue of events not yet delivered.
 *
 * <p>Events are queued in the order the cache made the changes (they are queued while the key is
 * locked in the store) and delivered one at a time, in that order, by one thread at a time. A
 * synchronous listener is drained by the thread that made the change before its operation
 * returns; an asynchronous one by a task on the cache manager's executor.
 *
 * <p>Thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class ListenerRegistration<K, V> {
  private static final Logger LOG = System.getLogger(ListenerRegistration.class.getName());

  private final CacheEntryListenerConfiguration<K, V> configuration;
  private final CacheEntryListener<? super K, ? super V> listener;
  private final CacheEntryEventFilter<? super K, ? super V> filter;
  private final Set<EventType> types;
  private final Executor executor;
  private final Queue<TwatCacheEntryEvent<K, V>> pending = new ConcurrentLinkedQueue<>();
  private final ReentrantLock deliveryLock = new ReentrantLock();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();

  ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration, Executor executor) {
    this.configuration = configuration;
    this.executor = executor;
    Factory<CacheEntryListener<? super K, ? super V>> listenerFactory =
        configuration.getCacheEntryListenerFactory();
    if (listenerFactory == null) {
      throw new IllegalArgumentException(
          "The CacheEntryListenerConfiguration has no listener factory; "
              + "give it one, e.g. FactoryBuilder.factoryOf(listener)");
    }
    this.listener = listenerFactory.create();
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        configuration.getCacheEntryEventFilterFactory();
    this.filter = filterFactory == null ? null : filterFactory.create();
    Set<EventType> accepted = EnumSet.noneOf(EventType.class);
    if (listener instanceof CacheEntryCreatedListener) {
      accepted.add(EventType.CREATED);
    }
    if (listener instanceof CacheEntryUpdatedListener) {
      accepted.add(EventType.UPDATED);
    }
    if (listener instanceof CacheEntryRemovedListener) {
      accepted.add(EventType.REMOVED);
    }
    if (listener instanceof CacheEntryExpiredListener) {
      accepted.add(EventType.EXPIRED);
    }
    this.types = accepted;
  }

  CacheEntryListenerConfiguration<K, V> configuration() {
    return configuration;
  }

  boolean isSynchronous() {
    return configuration.isSynchronous();
  }

  boolean accepts(EventType type) {
    return types.contains(type);
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Queues an event; for an asynchronous listener, makes sure a delivery task will run. */
  void enqueue(TwatCacheEntryEvent<K, V> event) {
    pending.add(event);
    if (!configuration.isSynchronous()) {
      scheduleDrain();
    }
  }

  private void scheduleDrain() {
    if (drainScheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drainAsynchronously);
      } catch (RejectedExecutionException e) {
        drainScheduled.set(false);
        LOG.log(Level.DEBUG, "Event delivery skipped: the cache manager is closing");
      }
    }
  }

  private void drainAsynchronously() {
    try {
      deliverPending();
    } catch (CacheEntryListenerException e) {
      LOG.log(Level.WARNING, "Asynchronous cache entry listener " + listener.getClass().getName()
          + " threw; the event is dropped", e);
    } finally {
      drainScheduled.set(false);
    }
    if (!pending.isEmpty()) {
      scheduleDrain();
    }
  }

  /**
   * Delivers every queued event in order on this thread.
   *
   * @throws CacheEntryListenerException the first failure of the listener or filter, after the
   *     remaining events were delivered
   */
  void deliverPending() {
    CacheEntryListenerException failure = null;
    deliveryLock.lock();
    try {
      TwatCacheEntryEvent<K, V> event;
      while ((event = pending.poll()) != null) {
        try {
          deliver(event);
        } catch (RuntimeException e) {
          if (failure == null) {
            failure =
                e instanceof CacheEntryListenerException cele
                    ? cele
                    : new CacheEntryListenerException(
                        "Cache entry listener "
                            + listener.getClass().getName()
                            + " failed on "
                            + event.getEventType()
                            + " of key "
                            + event.getKey()
                            + ": "
                            + e,
                        e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    } finally {
      deliveryLock.unlock();
    }
    if (failure != null) {
      throw failure;
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(TwatCacheEntryEvent<K, V> event) {
    if (filter != null && !filter.evaluate(event)) {
      return;
    }
    Iterable<CacheEntryEvent<? extends K, ? extends V>> batch = List.of(event);
    switch (event.getEventType()) {
      case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(batch);
      case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(batch);
      case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(batch);
      case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(batch);
      default -> throw new IllegalStateException("Unknown event type " + event.getEventType());
    }
  }

  /** Closes the listener and the filter if they are {@link Closeable}. */
  void close() {
    Closeables.closeQuietly(listener);
    Closeables.closeQuietly(filter);
  }

}

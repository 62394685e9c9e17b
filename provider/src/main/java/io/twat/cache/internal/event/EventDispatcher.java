/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.event;

import io.twat.cache.internal.copy.Copier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;

/**
 * The listeners of one cache. The cache {@link #publish publishes} each change while it holds the
 * key, then calls {@link #deliverSynchronous} before its operation returns; with no listener
 * registered both cost one array-length check.
 *
 * <p>Thread-safe: registrations are a copy-on-write array.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class EventDispatcher<K, V> {
  private final Cache<K, V> source;
  private final Copier copier;
  private final Executor executor;
  private volatile List<ListenerRegistration<K, V>> registrations = List.of();
  /** The events published by the change running on this thread, held back until it succeeds. */
  @SuppressWarnings("ThreadLocalUsage") // per cache: one cache's staged events are not another's
  private final ThreadLocal<List<Staged<K, V>>> staged = new ThreadLocal<>();

  /** An event for one registration, not yet queued. */
  private record Staged<K, V>(
      ListenerRegistration<K, V> registration, TwatCacheEntryEvent<K, V> event) {}

  /**
   * Creates a dispatcher.
   *
   * @param source the cache whose events these are
   * @param copier turns stored values into listener values
   * @param executor runs asynchronous deliveries
   */
  public EventDispatcher(Cache<K, V> source, Copier copier, Executor executor) {
    this.source = source;
    this.copier = copier;
    this.executor = executor;
  }

  /**
   * Registers a listener.
   *
   * @throws IllegalArgumentException if this configuration is registered already
   */
  public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.configuration().equals(configuration)) {
        throw new IllegalArgumentException(
            "This CacheEntryListenerConfiguration is registered already; "
                + "deregister it first or register another one");
      }
    }
    List<ListenerRegistration<K, V>> next = new ArrayList<>(registrations);
    next.add(new ListenerRegistration<>(configuration, executor));
    registrations = List.copyOf(next);
  }

  /** Deregisters a listener and closes it; does nothing if it is not registered. */
  public synchronized void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    List<ListenerRegistration<K, V>> next = new ArrayList<>(registrations);
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.configuration().equals(configuration)) {
        next.remove(registration);
        registration.close();
      }
    }
    registrations = List.copyOf(next);
  }

  /** Returns whether a listener is registered. */
  public boolean hasListeners() {
    return !registrations.isEmpty();
  }

  /**
   * Returns {@code change} made to queue the events it publishes only if it returns normally. A
   * change function that throws leaves its key as it was (the Store contract), so its events did
   * not happen: an expired event queued before a writer or an entry processor failed would
   * otherwise be delivered, and delivered again when the still-present entry is met later. The
   * events are queued just before the function returns, so still while the key is held and in
   * the order of the changes. With no listener registered, {@code change} itself is returned.
   *
   * @param change the function that computes the new state of a key
   * @return a function to hand to {@code Store.compute} instead
   */
  public <A, B, R> BiFunction<A, B, R> queuedOnSuccess(BiFunction<A, B, R> change) {
    if (registrations.isEmpty()) {
      return change;
    }
    return (a, b) -> {
      List<Staged<K, V>> outer = staged.get();
      List<Staged<K, V>> mine = new ArrayList<>(2);
      staged.set(mine);
      R result;
      try {
        result = change.apply(a, b);
      } finally {
        if (outer == null) {
          staged.remove();
        } else {
          staged.set(outer);
        }
      }
      if (outer != null) {
        outer.addAll(mine);
      } else {
        for (Staged<K, V> event : mine) {
          event.registration().enqueue(event.event());
        }
      }
      return result;
    };
  }

  /**
   * Queues an event for every listener of its type. Call it while the key is held, so that the
   * events of one key are queued in the order of the changes; inside a function made by
   * {@link #queuedOnSuccess}, the events are queued when that function returns.
   *
   * @param type what happened
   * @param key the key
   * @param value the stored form of the new value, or of the removed value for a removal or expiry
   * @param oldValue the stored form of the previous value, or null if there was none
   */
  public void publish(EventType type, K key, Object value, Object oldValue) {
    publish(type, key, value, oldValue, staged.get());
  }

  /**
   * Queues an event for a change that has happened whatever the running change function does:
   * an expiry the store made on its own while it held the key. Never held back.
   *
   * @param type what happened
   * @param key the key
   * @param value the stored form of the value
   * @param oldValue the stored form of the previous value, or null
   */
  public void publishDone(EventType type, K key, Object value, Object oldValue) {
    publish(type, key, value, oldValue, null);
  }

  private void publish(
      EventType type, K key, Object value, Object oldValue, List<Staged<K, V>> held) {
    List<ListenerRegistration<K, V>> current = registrations;
    if (current.isEmpty()) {
      return;
    }
    TwatCacheEntryEvent<K, V> event = null;
    for (ListenerRegistration<K, V> registration : current) {
      if (registration.accepts(type)) {
        if (event == null) {
          event = new TwatCacheEntryEvent<>(source, type, key, value, oldValue, copier);
        }
        if (held == null) {
          registration.enqueue(event);
        } else {
          held.add(new Staged<>(registration, event));
        }
      }
    }
  }

  /**
   * Delivers the queued events of the synchronous listeners on this thread.
   *
   * @throws CacheEntryListenerException if a synchronous listener failed
   */
  public void deliverSynchronous() {
    List<ListenerRegistration<K, V>> current = registrations;
    if (current.isEmpty()) {
      return;
    }
    CacheEntryListenerException failure = null;
    for (ListenerRegistration<K, V> registration : current) {
      if (registration.isSynchronous() && registration.hasPending()) {
        try {
          registration.deliverPending();
        } catch (CacheEntryListenerException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes every listener and forgets them. */
  public synchronized void close() {
    for (ListenerRegistration<K, V> registration : registrations) {
      registration.close();
    }
    registrations = List.of();
  }
}

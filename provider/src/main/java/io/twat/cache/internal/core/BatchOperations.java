/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.Ticker;
import io.twat.cache.internal.event.EventDispatcher;
import io.twat.cache.internal.integration.Loader;
import io.twat.cache.internal.integration.Writer;
import io.twat.cache.internal.management.CacheStatistics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.integration.CompletionListener;

/**
 * The operations of a cache on many keys that go through the writer or the loader in one
 * batch: {@code getAll} loads the missing keys in one batch when the cache reads through;
 * {@code putAll} and {@code removeAll} write or delete the batch first, then change only
 * the keys the writer did not report as failed, and throw the writer's failure after that;
 * {@code loadAll} loads on the manager's pool and tells its completion listener. The caller has
 * checked the arguments and that the cache is open; these time, count and deliver the events
 * as the single-key operations do.
 *
 * <p>Thread-safe: each key changes atomically on its own; a batch as a whole is not atomic.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class BatchOperations<K, V> {
  private static final CompletionListener NO_COMPLETION = new CompletionListener() {
    @Override
    public void onCompletion() {
    }

    @Override
    public void onException(Exception e) {
    }
  };

  private final CacheFacade<K, V> cache;
  private final EntryChanges<K, V> changes;
  private final Writer<K, V> writer;
  private final Loader<K, V> loader;
  private final Loader<K, V> readThrough;
  private final Ticker ticker;
  private final CacheStatistics statistics;
  private final EventDispatcher<K, V> events;
  private final Executor executor;

  /** The store's copies of a key and a value. */
  private record Copies<K>(K key, Object value) {
  }

  /**
   * Creates the batch operations of a cache.
   *
   * @param cache the cache, whose {@code containsKey} {@code loadAll} asks
   * @param changes the cache's changes of one key
   * @param writer the write-through writer, or a disabled one
   * @param loader the cache's loader, for {@code loadAll}, or a disabled one
   * @param readThrough the same loader if the cache reads through, else a disabled one
   * @param ticker the cache's clock
   * @param statistics counts the hits and misses of {@code getAll} and the times
   * @param events the cache's listeners, delivered to before each operation returns
   * @param executor runs {@code loadAll}
   */
  BatchOperations(CacheFacade<K, V> cache, EntryChanges<K, V> changes, Writer<K, V> writer,
      Loader<K, V> loader, Loader<K, V> readThrough, Ticker ticker, CacheStatistics statistics,
      EventDispatcher<K, V> events, Executor executor) {
    this.cache = cache;
    this.changes = changes;
    this.writer = writer;
    this.loader = loader;
    this.readThrough = readThrough;
    this.ticker = ticker;
    this.statistics = statistics;
    this.events = events;
    this.executor = executor;
  }

  /**
   * Returns the live values of {@code keys}, accessing them; with read-through, the missing
   * ones are loaded in one batch and stored (not written through).
   */
  Map<K, V> getAll(Set<? extends K> keys) {
    long start = statistics.startTimer();
    long now = ticker.millis();
    Map<K, V> result = new LinkedHashMap<>();
    List<K> missing = new ArrayList<>();
    for (K key : keys) {
      Object stored = changes.readLive(key, now);
      if (stored == null) {
        missing.add(key);
      } else {
        result.put(key, changes.value(stored));
      }
    }
    statistics.recordHits(result.size());
    statistics.recordMisses(missing.size());
    if (readThrough.isEnabled() && !missing.isEmpty()) {
      for (Map.Entry<K, V> loaded : readThrough.loadAll(missing).entrySet()) {
        if (loaded.getKey() != null && loaded.getValue() != null) {
          changes.storeLoaded(loaded.getKey(), loaded.getValue(), now,
              /* replaceExisting= */ false);
          result.put(loaded.getKey(), loaded.getValue());
        }
      }
    }
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    return result;
  }

  /**
   * Stores every entry of {@code map}, written through as one batch; the entries the writer
   * reports as failed are not stored, and its failure is thrown after the others are.
   */
  void putAll(Map<? extends K, ? extends V> map) {
    // Copy every key and value first, so that one the cache cannot copy fails the call before
    // anything is written through or stored.
    Map<K, Copies<K>> copies = new HashMap<>();
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      copies.put(entry.getKey(),
          new Copies<>(changes.copyKey(entry.getKey()), changes.toStore(entry.getValue())));
    }
    long start = statistics.startTimer();
    long now = ticker.millis();
    RuntimeException writeFailure = null;
    Set<Object> unwritten = Set.of();
    if (writer.isEnabled()) {
      Collection<Cache.Entry<? extends K, ? extends V>> batch = new ArrayList<>(map.size());
      for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
        batch.add(new TwatEntry<>(entry.getKey(), entry.getValue()));
      }
      try {
        writer.writeAll(batch);
      } catch (RuntimeException e) {
        writeFailure = e;
        unwritten = new HashSet<>();
        for (Cache.Entry<? extends K, ? extends V> entry : batch) {
          unwritten.add(entry.getKey());
        }
      }
    }
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      if (!unwritten.contains(entry.getKey())) {
        Copies<K> copy = copies.get(entry.getKey());
        changes.put(entry.getKey(), copy.key(), entry.getValue(), copy.value(),
            /* writeThrough= */ false, now);
      }
    }
    statistics.recordPutTime(start);
    events.deliverSynchronous();
    if (writeFailure != null) {
      throw writeFailure;
    }
  }

  /**
   * Removes every key of {@code keys}, deleted through the writer as one batch; the keys the
   * writer reports as failed are not removed, and its failure is thrown after the others are.
   */
  void removeAll(Set<? extends K> keys) {
    long start = statistics.startTimer();
    long now = ticker.millis();
    RuntimeException writeFailure = null;
    Collection<Object> undeleted = Set.of();
    if (writer.isEnabled()) {
      Collection<Object> batch = new ArrayList<>(keys);
      try {
        writer.deleteAll(batch);
      } catch (RuntimeException e) {
        writeFailure = e;
        undeleted = new HashSet<>(batch);
      }
    }
    for (K key : keys) {
      if (!undeleted.contains(key)) {
        changes.removeWithoutWriter(key, now);
      }
    }
    statistics.recordRemoveTime(start);
    events.deliverSynchronous();
    if (writeFailure != null) {
      throw writeFailure;
    }
  }

  /**
   * Loads {@code keys} on the executor, those the cache holds too if
   * {@code replaceExistingValues}, and tells {@code completionListener} (which may be null) when
   * done or failed. With no loader it completes at once.
   */
  void loadAll(Set<? extends K> keys, boolean replaceExistingValues,
      CompletionListener completionListener) {
    CompletionListener listener =
        completionListener == null ? NO_COMPLETION : completionListener;
    if (!loader.isEnabled()) {
      listener.onCompletion();
      return;
    }
    List<K> requested = new ArrayList<>(keys);
    Runnable load = () -> {
      try {
        long now = ticker.millis();
        List<K> toLoad = new ArrayList<>();
        for (K key : requested) {
          if (replaceExistingValues || !cache.containsKey(key)) {
            toLoad.add(key);
          }
        }
        if (!toLoad.isEmpty()) {
          for (Map.Entry<K, V> loaded : loader.loadAll(toLoad).entrySet()) {
            if (loaded.getKey() != null && loaded.getValue() != null) {
              changes.storeLoaded(loaded.getKey(), loaded.getValue(), now, replaceExistingValues);
            }
          }
        }
        events.deliverSynchronous();
        listener.onCompletion();
      } catch (Exception e) {
        listener.onException(e);
      }
    };
    try {
      executor.execute(load);
    } catch (RejectedExecutionException e) {
      listener.onException(new CacheException("loadAll could not start: the cache manager of "
          + "cache \"" + cache.getName() + "\" is closed", e));
    }
  }
}

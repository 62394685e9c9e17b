/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.internal.event.EventDispatcher;
import io.twat.cache.internal.integration.Loader;
import io.twat.cache.internal.integration.Writer;
import io.twat.cache.internal.management.CacheStatistics;
import io.twat.cache.internal.processor.TwatMutableEntry;
import io.twat.cache.internal.store.StoreEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.event.EventType;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * Runs entry processors: {@link #invoke} runs one on a {@link TwatMutableEntry} while the store
 * holds the key, then applies the entry's net action there (write-through, expiry, events) and
 * counts its hit or miss and its put or removal; {@link #invokeAll} collects the results and
 * failures of a cache's {@code invoke} over a set of keys.
 *
 * <p>A processor that throws leaves the entry as it was; anything but an
 * {@link EntryProcessorException} reaches the caller wrapped in one that names the processor
 * and the key.
 *
 * <p>Thread-safe: the store serializes the changes of a key; this class keeps no state.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class EntryProcessing<K, V> {
  private final StoreAccess<K> store;
  private final EntryChanges<K, V> changes;
  private final Writer<K, V> writer;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics;
  private final Loader<K, V> readThrough;
  private final Class<?> valueType;

  /** What one processor returned and did; filled in while the key is held. */
  private static final class Invocation<T> {
    /** What the processor returned. */
    T returned;
    /** The processor's net action on the entry. */
    TwatMutableEntry.Action action;
    /** Whether the entry existed (was live) before the processor ran. */
    boolean existed;
  }

  /**
   * Creates the entry processing of one cache.
   *
   * @param store the cache's store
   * @param changes the cache's changes of one key, for expiry and events
   * @param writer the write-through writer, or a disabled one
   * @param events the cache's listeners
   * @param statistics counts hits, misses, puts and removals
   * @param readThrough loads a missing value a processor reads, or is disabled
   * @param valueType the cache's value type, which a processor's values must have
   */
  EntryProcessing(StoreAccess<K> store, EntryChanges<K, V> changes, Writer<K, V> writer,
      EventDispatcher<K, V> events, CacheStatistics statistics, Loader<K, V> readThrough,
      Class<?> valueType) {
    this.store = store;
    this.changes = changes;
    this.writer = writer;
    this.events = events;
    this.statistics = statistics;
    this.readThrough = readThrough;
    this.valueType = valueType;
  }

  /**
   * Runs {@code entryProcessor} on the entry of {@code key} and applies what it did; counts a
   * hit or a miss, and a put or a removal. Times nothing and delivers no event.
   *
   * @return what the processor returned
   * @throws EntryProcessorException if the processor failed
   */
  <T> T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object[] arguments, long now) {
    Invocation<T> invocation = new Invocation<>();
    store.computeCopied(changes.copyKey(key), (k, current) -> {
      StoreEntry live = changes.live(k, current, now);
      TwatMutableEntry<K, V> entry = new TwatMutableEntry<>(k,
          live == null ? null : changes.value(live.value()), valueType, readThrough);
      T returned;
      try {
        returned = entryProcessor.process(entry, arguments);
      } catch (EntryProcessorException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new EntryProcessorException("The EntryProcessor "
            + entryProcessor.getClass().getName() + " failed on key " + key + ": " + e, e);
      }
      invocation.returned = returned;
      invocation.action = entry.action();
      invocation.existed = entry.existed();
      return apply(k, key, live, entry, now);
    });
    if (invocation.existed) {
      statistics.recordHits(1);
    } else {
      statistics.recordMisses(1);
    }
    switch (invocation.action) {
      case LOAD, CREATE, UPDATE -> statistics.recordPuts(1);
      case REMOVE -> statistics.recordRemovals(invocation.existed ? 1 : 0);
      default -> { }
    }
    return invocation.returned;
  }

  /** Applies the net action of an entry processor while the key is held. */
  private StoreEntry apply(K storeKey, K key, StoreEntry live, TwatMutableEntry<K, V> entry,
      long now) {
    switch (entry.action()) {
      case ACCESS -> {
        return changes.accessed(live, now);
      }
      case LOAD -> {
        return changes.create(storeKey, changes.toStore(entry.currentValue()), now);
      }
      case CREATE -> {
        // Copied before the writer runs: the copier may refuse the value.
        Object stored = changes.toStore(entry.currentValue());
        writer.write(new TwatEntry<>(key, entry.currentValue()));
        return changes.create(storeKey, stored, now);
      }
      case UPDATE -> {
        Object stored = changes.toStore(entry.currentValue());
        writer.write(new TwatEntry<>(key, entry.currentValue()));
        return changes.update(storeKey, live, stored, now);
      }
      case REMOVE -> {
        writer.delete(key);
        if (live != null) {
          events.publish(EventType.REMOVED, storeKey, live.value(), live.value());
        }
        return null;
      }
      default -> {
        return live;
      }
    }
  }

  /**
   * Calls {@code cache.invoke} for each key, in the order of the set: a result that is not null
   * is kept, and a failure is kept as a result that throws it, wrapped in an
   * {@link EntryProcessorException} unless it is one.
   *
   * @return the results, by key
   */
  static <K, V, T> Map<K, EntryProcessorResult<T>> invokeAll(Cache<K, V> cache,
      Set<? extends K> keys, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = cache.invoke(key, entryProcessor, arguments);
        if (result != null) {
          results.put(key, () -> result);
        }
      } catch (EntryProcessorException e) {
        results.put(key, () -> {
          throw e;
        });
      } catch (RuntimeException e) {
        EntryProcessorException wrapped = new EntryProcessorException(e);
        results.put(key, () -> {
          throw wrapped;
        });
      }
    }
    return results;
  }
}

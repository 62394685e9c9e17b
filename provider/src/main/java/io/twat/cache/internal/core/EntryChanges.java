/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.internal.copy.Copier;
import io.twat.cache.internal.event.EventDispatcher;
import io.twat.cache.internal.expiry.ExpiryCalculator;
import io.twat.cache.internal.integration.Writer;
import io.twat.cache.internal.management.CacheStatistics;
import io.twat.cache.internal.store.StoreEntry;
import java.util.function.BiFunction;
import javax.cache.event.EventType;

/**
 * The changes of one key, each made in one {@link StoreAccess#compute} while the store holds the
 * key: there the writer is called, the deadline computed and the events queued, so that a
 * failing writer leaves the entry as it was and the events of a key are queued in the order of
 * its changes. An entry whose deadline has passed at {@code now} is treated as absent, and
 * removed with an expired event, by every change that meets it.
 *
 * <p>Each change counts the puts and removals it made; the hits, misses and times of an
 * operation are the caller's to count, and so is delivering to synchronous listeners.
 *
 * <p>Thread-safe: the store serializes the changes of a key; this class keeps no state.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class EntryChanges<K, V> {
  private final StoreAccess<K> store;
  private final Copier copier;
  private final ExpiryCalculator expiry;
  private final Writer<K, V> writer;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics;

  /**
   * Creates the changes of one cache.
   *
   * @param store the cache's store
   * @param copier store-by-value or store-by-reference
   * @param expiry the cache's expiry policy
   * @param writer the write-through writer, or a disabled one
   * @param events the cache's listeners
   * @param statistics counts puts and removals
   */
  EntryChanges(StoreAccess<K> store, Copier copier, ExpiryCalculator expiry, Writer<K, V> writer,
      EventDispatcher<K, V> events, CacheStatistics statistics) {
    this.store = store;
    this.copier = copier;
    this.expiry = expiry;
    this.writer = writer;
    this.events = events;
    this.statistics = statistics;
  }

  // ---------------------------------------------------------------- copies

  /** Returns the caller's value for a stored one. */
  @SuppressWarnings("unchecked")
  V value(Object stored) {
    return (V) copier.fromStore(stored);
  }

  /** Returns the store's copy of a key. */
  @SuppressWarnings("unchecked")
  K copyKey(K key) {
    return (K) copier.copyKey(key);
  }

  /** Returns the store's form of a value. */
  Object toStore(V value) {
    return copier.toStore(value);
  }

  // ---------------------------------------------------------------- reads

  /**
   * Returns the stored value of a live entry after applying the access expiry, or null if the
   * key is absent or expired (removing an expired entry). Counts nothing.
   */
  Object readLive(K key, long now) {
    StoreEntry entry = store.get(key);
    if (entry == null) {
      return null;
    }
    if (entry.isExpired(now)) {
      expire(key, now);
      return null;
    }
    touch(key, entry, now);
    return entry.value();
  }

  /** Applies the access expiry to {@code entry} if the key still holds it. */
  void touch(K key, StoreEntry entry, long now) {
    long deadline = expiry.forAccess(now);
    if (deadline != ExpiryCalculator.UNCHANGED && deadline != entry.expiresAt()) {
      // Stores may hand out a fresh StoreEntry per read, so "still the entry we read" is judged
      // by its deadline: an update in between that kept the deadline gets the access deadline
      // too, as if the read had come after it.
      store.compute(key, (k, current) -> current != null
          && current.expiresAt() == entry.expiresAt() ? current.withExpiresAt(deadline) : current);
    }
  }

  /** Removes the entry of {@code key} if it has expired, queuing the expired event. */
  void expire(K key, long now) {
    store.compute(key, (k, current) -> {
      if (current != null && current.isExpired(now)) {
        events.publish(EventType.EXPIRED, k, current.value(), current.value());
        return null;
      }
      return current;
    });
  }

  // ---------------------------------------------------------------- puts

  /**
   * Stores {@code value} as {@code put} does, calling the writer if asked, and counts the put.
   *
   * @return the stored form of the previous live value, or null
   */
  Object put(K key, V value, boolean writeThrough, long now) {
    return put(key, copyKey(key), value, copier.toStore(value), writeThrough, now);
  }

  /**
   * Stores the copies {@code storeKey} and {@code stored} of {@code key} and {@code value}, as
   * {@code put} does, calling the writer if asked, and counts the put.
   *
   * @return the stored form of the previous live value, or null
   */
  Object put(K key, K storeKey, V value, Object stored, boolean writeThrough, long now) {
    KeyChange change = new KeyChange();
    store.computeCopied(storeKey, (k, current) -> {
      StoreEntry live = live(k, current, now);
      if (writeThrough) {
        writer.write(new TwatEntry<>(key, value));
      }
      StoreEntry next;
      if (live == null) {
        change.previous = null;
        next = create(k, stored, now);
      } else {
        change.previous = live.value();
        next = update(k, live, stored, now);
      }
      change.written = next != null;
      return next;
    });
    if (change.written) {
      statistics.recordPuts(1);
    }
    return change.previous;
  }

  /**
   * Stores {@code value}, written through, unless the key has a live value, which is left as it
   * is (not even accessed); counts the put.
   *
   * @return whether the key had a live value ({@link KeyChange#found}) and whether the value
   *     was stored ({@link KeyChange#written})
   */
  KeyChange putIfAbsent(K key, V value, long now) {
    Object stored = copier.toStore(value);
    KeyChange change = new KeyChange();
    store.computeCopied(copyKey(key), (k, current) -> {
      StoreEntry live = live(k, current, now);
      change.written = false;
      if (live != null) {
        change.previous = live.value();
        return current;
      }
      change.previous = null;
      writer.write(new TwatEntry<>(key, value));
      StoreEntry created = create(k, stored, now);
      change.written = created != null;
      return created;
    });
    if (change.written) {
      statistics.recordPuts(1);
    }
    return change;
  }

  /**
   * Stores a value a loader made, not written through; an existing live value is replaced only
   * if {@code replaceExisting}. Counts the put.
   */
  void storeLoaded(K key, V value, long now, boolean replaceExisting) {
    Object stored = copier.toStore(value);
    KeyChange change = new KeyChange();
    store.computeCopied(copyKey(key), (k, current) -> {
      StoreEntry live = live(k, current, now);
      StoreEntry next = live == null ? create(k, stored, now)
          : replaceExisting ? update(k, live, stored, now) : live;
      change.written = next != null && next != live;
      return next;
    });
    if (change.written) {
      statistics.recordPuts(1);
    }
  }

  // ---------------------------------------------------------------- replacements

  /**
   * Replaces the live value of {@code key}, written through, if there is one; counts the put.
   *
   * @return the stored form of the replaced live value, or null if the key had none
   */
  Object replace(K key, V value, long now) {
    Object stored = copier.toStore(value);
    KeyChange change = new KeyChange();
    store.compute(key, (k, current) -> {
      StoreEntry live = live(k, current, now);
      change.previous = null;
      if (live == null) {
        return null;
      }
      writer.write(new TwatEntry<>(key, value));
      change.previous = live.value();
      return update(k, live, stored, now);
    });
    if (change.found()) {
      statistics.recordPuts(1);
    }
    return change.previous;
  }

  /**
   * Replaces the live value of {@code key} by {@code value}, written through, if it equals
   * {@code expected}; otherwise only accesses it. Counts the put.
   *
   * @return whether the key had a live value and whether it matched
   */
  KeyChange replace(K key, V expected, V value, long now) {
    Object stored = copier.toStore(value);
    KeyChange change = compareAndApply(key, expected, now, (k, live) -> {
      writer.write(new TwatEntry<>(key, value));
      return update(k, live, stored, now);
    });
    if (change.matched) {
      statistics.recordPuts(1);
    }
    return change;
  }

  // ---------------------------------------------------------------- removals

  /**
   * Removes {@code key}, always deleting it through the writer, and counts the removal.
   *
   * @return the stored form of the removed live value, or null
   */
  Object remove(K key, long now) {
    KeyChange change = new KeyChange();
    store.compute(key, (k, current) -> {
      StoreEntry live = live(k, current, now);
      writer.delete(key);
      change.previous = null;
      if (live != null) {
        change.previous = live.value();
        events.publish(EventType.REMOVED, k, live.value(), live.value());
      }
      return null;
    });
    if (change.found()) {
      statistics.recordRemovals(1);
    }
    return change.previous;
  }

  /**
   * Removes the live value of {@code key}, deleting it through the writer, if it equals
   * {@code expected}; otherwise only accesses it. Counts the removal.
   *
   * @return whether the key had a live value and whether it matched
   */
  KeyChange remove(K key, V expected, long now) {
    KeyChange change = compareAndApply(key, expected, now, (k, live) -> {
      writer.delete(key);
      events.publish(EventType.REMOVED, k, live.value(), live.value());
      return null;
    });
    if (change.matched) {
      statistics.recordRemovals(1);
    }
    return change;
  }

  /**
   * Removes {@code key} without calling the writer (a caller that deleted a batch through it
   * already), and counts the removal.
   *
   * @return whether the key had a live value
   */
  boolean removeWithoutWriter(K key, long now) {
    KeyChange change = new KeyChange();
    store.compute(key, (k, current) -> {
      StoreEntry live = live(k, current, now);
      change.previous = null;
      if (live != null) {
        change.previous = live.value();
        events.publish(EventType.REMOVED, k, live.value(), live.value());
      }
      return null;
    });
    if (change.found()) {
      statistics.recordRemovals(1);
    }
    return change.found();
  }

  // ---------------------------------------------------------------- while the key is held

  /**
   * Holds {@code key} and compares its live value with {@code expected}: if they are equal, the
   * entry becomes what {@code onMatch} returns; if not, the entry is only accessed.
   */
  private KeyChange compareAndApply(K key, V expected, long now,
      BiFunction<K, StoreEntry, StoreEntry> onMatch) {
    KeyChange change = new KeyChange();
    store.compute(key, (k, current) -> {
      StoreEntry live = live(k, current, now);
      change.matched = false;
      if (live == null) {
        change.previous = null;
        return null;
      }
      change.previous = live.value();
      if (!value(live.value()).equals(expected)) {
        return accessed(live, now);
      }
      change.matched = true;
      return onMatch.apply(k, live);
    });
    return change;
  }

  /**
   * Returns the live entry in {@code current}, or null, queuing an expired event for an expired
   * one. Call it while the key is held.
   */
  StoreEntry live(K key, StoreEntry current, long now) {
    if (current != null && current.isExpired(now)) {
      events.publish(EventType.EXPIRED, key, current.value(), current.value());
      return null;
    }
    return current;
  }

  /** Returns {@code live} with the deadline the expiry policy gives a read at {@code now}. */
  StoreEntry accessed(StoreEntry live, long now) {
    long deadline = expiry.forAccess(now);
    return deadline == ExpiryCalculator.UNCHANGED ? live : live.withExpiresAt(deadline);
  }

  /**
   * Returns a new entry for {@code key} with its creation deadline and queues the created event,
   * or null if it expires at once. Call it while the key is held.
   */
  StoreEntry create(K key, Object stored, long now) {
    long deadline = expiry.forCreation(now);
    if (deadline <= now) {
      return null;
    }
    events.publish(EventType.CREATED, key, stored, null);
    return new StoreEntry(stored, deadline);
  }

  /**
   * Returns {@code live} updated to {@code stored} with its update deadline and queues the
   * updated event. Call it while the key is held.
   */
  StoreEntry update(K key, StoreEntry live, Object stored, long now) {
    long deadline = expiry.forUpdate(now);
    events.publish(EventType.UPDATED, key, stored, live.value());
    return new StoreEntry(stored,
        deadline == ExpiryCalculator.UNCHANGED ? live.expiresAt() : deadline);
  }
}

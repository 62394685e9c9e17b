/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.memory;

import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * An on-heap store with no dependency beyond the JDK, evicting by least-recently-used or
 * first-in-first-out order. It serves {@code twat:memory?policy=lru|fifo}, and
 * {@code twat:memory} itself when Caffeine is not on the class path.
 *
 * <p>Entries live in a {@link ConcurrentHashMap}, whose {@code compute} makes each key's change
 * atomic; their order lives in a doubly-linked list guarded by one short lock that is never held
 * while the map's locks are taken, so the two cannot deadlock. A node is linked only while the map
 * still maps its key to it, and eviction removes a key only if it still maps to the evicted node.
 *
 * <p>It does not track deadlines: expired entries stay until the facade meets them, they are
 * evicted, or the cache is cleared. Caffeine, the default, also removes expired entries nobody
 * reads.
 *
 * <p>Thread-safe. Under heavy writes the map may briefly hold a few entries more than the bound
 * while evictions catch up.
 *
 * @param <K> the type of keys
 */
public final class BuiltInStore<K> implements Store<K> {
  /** The eviction orders of the built-in store. */
  public enum Policy {
    /** Evict the entry read or written longest ago. */
    LRU,
    /** Evict the entry created longest ago; reads and updates do not change the order. */
    FIFO
  }

  private final ConcurrentHashMap<K, Node<K>> map = new ConcurrentHashMap<>();
  private final ReentrantLock orderLock = new ReentrantLock();
  private final Node<K> sentinel = new Node<>(null, null);
  private final long maxEntries;
  private final boolean reorderOnUse;
  private final StoreListener listener;
  private final String description;

  /**
   * Creates a store.
   *
   * @param spec the bound and the eviction listener
   * @param policy the eviction order
   */
  public BuiltInStore(StoreSpec spec, Policy policy) {
    this.maxEntries = spec.maxEntries();
    this.reorderOnUse = policy == Policy.LRU;
    this.listener = spec.listener();
    this.description = "heap(built-in " + policy.name().toLowerCase(Locale.ROOT) + ", "
        + (spec.isBounded() ? spec.maxEntries() + " entries" : "unbounded") + ")";
    sentinel.prev = sentinel;
    sentinel.next = sentinel;
  }

  @Override
  public StoreEntry get(K key) {
    Node<K> node = map.get(key);
    if (node == null) {
      return null;
    }
    if (reorderOnUse) {
      moveToYoungest(node);
    }
    return node.entry;
  }

  @Override
  public StoreEntry compute(
      K key, BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function) {
    Change<K> change = new Change<>();
    Node<K> result = map.compute(key, (k, node) -> {
      StoreEntry current = node == null ? null : node.entry;
      StoreEntry next = function.apply(k, current);
      if (next == null) {
        change.node = node;
        return null;
      }
      if (next == current) {
        return node;
      }
      if (node == null) {
        change.node = new Node<>(k, next);
        change.created = true;
        return change.node;
      }
      node.entry = next;
      change.node = node;
      return node;
    });
    Node<K> node = change.node;
    if (node != null) {
      if (result == null) {
        unlink(node);
      } else if (change.created) {
        linkYoungest(node);
        evictWhileOverBound();
      } else if (reorderOnUse) {
        moveToYoungest(node);
      }
    }
    return result == null ? null : result.entry;
  }

  private void evictWhileOverBound() {
    if (maxEntries == StoreSpec.UNBOUNDED) {
      return;
    }
    while (map.size() > maxEntries) {
      Node<K> eldest;
      orderLock.lock();
      try {
        eldest = sentinel.next;
        if (eldest == sentinel) {
          return;
        }
        detach(eldest);
      } finally {
        orderLock.unlock();
      }
      if (map.remove(eldest.key, eldest)) {
        listener.onEvicted(1);
      }
    }
  }

  private void linkYoungest(Node<K> node) {
    orderLock.lock();
    try {
      if (!node.linked && map.get(node.key) == node) {
        attachYoungest(node);
      }
    } finally {
      orderLock.unlock();
    }
  }

  private void moveToYoungest(Node<K> node) {
    orderLock.lock();
    try {
      if (node.linked) {
        detach(node);
        attachYoungest(node);
      }
    } finally {
      orderLock.unlock();
    }
  }

  private void unlink(Node<K> node) {
    orderLock.lock();
    try {
      if (node.linked) {
        detach(node);
      }
    } finally {
      orderLock.unlock();
    }
  }

  private void attachYoungest(Node<K> node) {
    node.prev = sentinel.prev;
    node.next = sentinel;
    sentinel.prev.next = node;
    sentinel.prev = node;
    node.linked = true;
  }

  private void detach(Node<K> node) {
    node.prev.next = node.next;
    node.next.prev = node.prev;
    node.prev = null;
    node.next = null;
    node.linked = false;
  }

  @Override
  public Iterator<Map.Entry<K, StoreEntry>> iterator() {
    Iterator<Map.Entry<K, Node<K>>> delegate = map.entrySet().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return delegate.hasNext();
      }

      @Override
      public Map.Entry<K, StoreEntry> next() {
        Map.Entry<K, Node<K>> next = delegate.next();
        return new SimpleImmutableEntry<>(next.getKey(), next.getValue().entry);
      }
    };
  }

  @Override
  public long size() {
    return map.size();
  }

  @Override
  public void clear() {
    for (K key : map.keySet()) {
      Node<K> node = map.remove(key);
      if (node != null) {
        unlink(node);
      }
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    clear();
  }

  /** What one {@code compute} did to the map, for the order list to follow. */
  private static final class Change<K> {
    Node<K> node;
    boolean created;
  }

  /** One entry and its place in the eviction order; links are guarded by the order lock. */
  private static final class Node<K> {
    final K key;
    volatile StoreEntry entry;
    Node<K> prev;
    Node<K> next;
    boolean linked;

    Node(K key, StoreEntry entry) {
      this.key = key;
      this.entry = entry;
    }
  }
}

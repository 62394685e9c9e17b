/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.twat.cache.Ticker;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiFunction;

/**
 * An on-heap store on a Caffeine cache, bounded by entry count with W-TinyLFU eviction, or
 * unbounded.
 *
 * <p>When entries can expire, Caffeine tracks each entry's deadline in its timer wheel (variable
 * expiry, read off {@link StoreEntry#expiresAt()} against the cache's ticker) and removes the
 * entries nobody met after their deadline, telling the {@link StoreListener} while it holds the
 * key, so that an unbounded cache does not keep them forever. It does so {@link
 * #CLEANUP_GRACE_MILLIS} after the deadline: until then an expired entry is still returned, so the
 * facade, which meets it first in the common case, decides and fires its expired event at once;
 * Caffeine hides an entry from reads as soon as its own deadline passes but reports it only when
 * its timer wheel next turns.
 *
 * <p>Maintenance (eviction, expiry, the replay of reads into the eviction policy) runs on the
 * thread of a write that triggers it, so that a write to a full cache has evicted and counted its
 * victim before it returns; maintenance triggered by reads runs on the common {@code ForkJoinPool},
 * as Caffeine does by default, so that reads do not pay for it. Rationale: running all of it on the
 * calling thread made a bounded get about seven times slower (the readers drained Caffeine's read
 * buffers under its eviction lock). While a read's maintenance holds that lock, a concurrent write
 * leaves its eviction to it, and the count then follows within that maintenance pass.
 *
 * <p>An entry that never expires is kept in Caffeine as its value alone, without the {@link
 * StoreEntry} around it ({@link #pack}; an entry with a deadline, a heap-tier copy and a value that
 * is itself a {@code StoreEntry} keep theirs), so it takes 24 bytes less. The cache's plain get
 * reads it through {@link #liveValue}, which makes no entry object and reads one object fewer
 * than an entry and then its value (see docs/performance.md, "An eternal entry kept as its
 * value"); {@link #get} wraps the value in a new entry.
 *
 * <p>Thread-safe: every method delegates to Caffeine's concurrent map.
 *
 * @param <K> the type of keys
 */
public final class CaffeineStore<K> implements Store<K> {
  /** How long after its deadline Caffeine removes an expired entry the facade has not met. */
  public static final long CLEANUP_GRACE_MILLIS = 60_000L;

  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Each value is a {@link StoreEntry} or, for an entry that never expires, its value alone. */
  private final ConcurrentMap<K, Object> map;
  private final String description;
  /** Set while this store's thread is inside a write, so that its maintenance runs inline. */
  private final ThreadLocal<Boolean> writing = new ThreadLocal<>();

  /**
   * Creates a store as {@code spec} says.
   *
   * @param spec the bound and the eviction listener
   */
  public CaffeineStore(StoreSpec spec) {
    StoreListener listener = spec.listener();
    Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(this::maintain);
    if (spec.isBounded()) {
      builder.maximumSize(spec.maxEntries());
    }
    Caffeine<K, Object> typed =
        builder.evictionListener(
            (K key, Object value, RemovalCause cause) -> {
              if (cause == RemovalCause.EXPIRED) {
                listener.onExpired(key, unpack(value));
              } else if (cause.wasEvicted()) {
                listener.onEvicted(1);
              }
            });
    if (spec.expiring()) {
      Ticker ticker = spec.ticker();
      typed.ticker(() -> ticker.millis() * NANOS_PER_MILLI).expireAfter(new DeadlineExpiry<K>());
    }
    Cache<K, Object> cache = typed.build();
    this.map = cache.asMap();
    this.description = "heap(caffeine, "
        + (spec.isBounded() ? spec.maxEntries() + " entries" : "unbounded") + ")";
  }

  /**
   * Creates a store; a method reference to it is the memory kind's {@link
   * io.twat.cache.internal.store.StoreFactory}.
   *
   * @param spec the bound and the eviction listener
   * @param <K> the type of keys
   * @return a new store
   */
  public static <K> CaffeineStore<K> create(StoreSpec spec) {
    return new CaffeineStore<>(spec);
  }

  /**
   * Returns what the map keeps for {@code entry}: its value alone if it is a plain entry that never
   * expires and its value cannot be taken for an entry, else the entry itself.
   */
  private static Object pack(StoreEntry entry) {
    if (entry != null && entry.expiresAt() == StoreEntry.NEVER
        && entry.getClass() == StoreEntry.class && !(entry.value() instanceof StoreEntry)) {
      return entry.value();
    }
    return entry;
  }

  /** Returns the entry the map keeps as {@code held} (see {@link #pack}), or null. */
  private static StoreEntry unpack(Object held) {
    if (held == null || held instanceof StoreEntry) {
      return (StoreEntry) held;
    }
    return new StoreEntry(held, StoreEntry.NEVER);
  }

  @Override
  public StoreEntry get(K key) {
    return unpack(map.get(key));
  }

  @Override
  public Object liveValue(K key, long nowMillis) {
    Object held = map.get(key);
    return held instanceof StoreEntry entry ? entry.liveValue(nowMillis) : held;
  }

  @Override
  public StoreEntry compute(K key,
      BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function) {
    writing.set(Boolean.TRUE);
    try {
      // The caller gets the function's own result, not an entry rebuilt from what the map keeps.
      Computed computed = new Computed();
      map.compute(key, (k, held) -> {
        StoreEntry result = function.apply(k, unpack(held));
        computed.result = result;
        return pack(result);
      });
      return computed.result;
    } finally {
      writing.remove();
    }
  }

  /** What the function of one {@link #compute} returned. */
  private static final class Computed {
    StoreEntry result;
  }

  private void maintain(Runnable task) {
    if (writing.get() != null) {
      task.run();
    } else {
      ForkJoinPool.commonPool().execute(task);
    }
  }

  @Override
  public Iterator<Map.Entry<K, StoreEntry>> iterator() {
    Iterator<Map.Entry<K, Object>> delegate = map.entrySet().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return delegate.hasNext();
      }

      @Override
      public Map.Entry<K, StoreEntry> next() {
        Map.Entry<K, Object> next = delegate.next();
        return new AbstractMap.SimpleImmutableEntry<>(next.getKey(), unpack(next.getValue()));
      }
    };
  }

  @Override
  public long size() {
    return map.size();
  }

  @Override
  public void clear() {
    map.clear();
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    map.clear();
  }

  /**
   * Expires each entry at its own deadline, in Caffeine's nanoseconds of our ticker's milliseconds.
   */
  private static final class DeadlineExpiry<K> implements Expiry<K, Object> {
    @Override
    public long expireAfterCreate(K key, Object value, long currentTime) {
      return untilDeadline(value, currentTime);
    }

    @Override
    public long expireAfterUpdate(K key, Object value, long currentTime, long currentDuration) {
      return untilDeadline(value, currentTime);
    }

    @Override
    public long expireAfterRead(K key, Object value, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private static long untilDeadline(Object value, long currentTime) {
      if (!(value instanceof StoreEntry entry)) {
        return Long.MAX_VALUE; // an entry kept as its value alone never expires
      }
      long removal = entry.expiresAt() + CLEANUP_GRACE_MILLIS;
      if (removal < 0 || removal >= Long.MAX_VALUE / NANOS_PER_MILLI) {
        return Long.MAX_VALUE;
      }
      return Math.max(0L, removal * NANOS_PER_MILLI - currentTime);
    }
  }
}

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
 * <p>Thread-safe: every method delegates to Caffeine's concurrent map.
 *
 * @param <K> the type of keys
 */
public final class CaffeineStore<K> implements Store<K> {
  /** How long after its deadline Caffeine removes an expired entry the facade has not met. */
  public static final long CLEANUP_GRACE_MILLIS = 60_000L;

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final ConcurrentMap<K, StoreEntry> map;
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
    Caffeine<K, StoreEntry> typed =
        builder.evictionListener(
            (K key, StoreEntry value, RemovalCause cause) -> {
              if (cause == RemovalCause.EXPIRED) {
                listener.onExpired(key, value);
              } else if (cause.wasEvicted()) {
                listener.onEvicted(1);
              }
            });
    if (spec.expiring()) {
      Ticker ticker = spec.ticker();
      typed.ticker(() -> ticker.millis() * NANOS_PER_MILLI).expireAfter(new DeadlineExpiry<K>());
    }
    Cache<K, StoreEntry> cache = typed.build();
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

  @Override
  public StoreEntry get(K key) {
    return map.get(key);
  }

  @Override
  public StoreEntry compute(K key,
      BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function) {
    writing.set(Boolean.TRUE);
    try {
      return map.compute(key, function);
    } finally {
      writing.remove();
    }
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
    Iterator<Map.Entry<K, StoreEntry>> delegate = map.entrySet().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return delegate.hasNext();
      }

      @Override
      public Map.Entry<K, StoreEntry> next() {
        return delegate.next();
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
  private static final class DeadlineExpiry<K> implements Expiry<K, StoreEntry> {
    @Override
    public long expireAfterCreate(K key, StoreEntry value, long currentTime) {
      return untilDeadline(value, currentTime);
    }

    @Override
    public long expireAfterUpdate(K key, StoreEntry value, long currentTime, long currentDuration) {
      return untilDeadline(value, currentTime);
    }

    @Override
    public long expireAfterRead(K key, StoreEntry value, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private static long untilDeadline(StoreEntry value, long currentTime) {
      long removal = value.expiresAt() + CLEANUP_GRACE_MILLIS;
      if (removal < 0 || removal >= Long.MAX_VALUE / NANOS_PER_MILLI) {
        return Long.MAX_VALUE;
      }
      return Math.max(0L, removal * NANOS_PER_MILLI - currentTime);
    }
  }
}

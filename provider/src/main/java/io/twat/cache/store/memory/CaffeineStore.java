package io.twat.cache.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.twat.cache.store.Store;
import io.twat.cache.store.StoreEntry;
import io.twat.cache.store.StoreSpec;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;

/**
 * An on-heap store on a Caffeine cache, bounded by entry count with W-TinyLFU eviction, or
 * unbounded.
 *
 * <p>Caffeine does not expire entries here: the facade decides expiry, so that the expired event
 * carries the old value and fires on the caller's terms. Eviction runs on the writing thread
 * ({@code executor(Runnable::run)}), so the eviction count is exact as soon as a put returns.
 *
 * <p>Thread-safe: every method delegates to Caffeine's concurrent map.
 *
 * @param <K> the type of keys
 */
public final class CaffeineStore<K> implements Store<K> {
  private final ConcurrentMap<K, StoreEntry> map;
  private final String description;

  /**
   * Creates a store as {@code spec} says.
   *
   * @param spec the bound and the eviction listener
   */
  public CaffeineStore(StoreSpec spec) {
    Caffeine<Object, Object> builder = Caffeine.newBuilder().executor(Runnable::run);
    if (spec.isBounded()) {
      builder = builder.maximumSize(spec.maxEntries())
          .evictionListener((Object key, Object value, RemovalCause cause) -> {
            if (cause.wasEvicted()) {
              spec.listener().onEvicted(1);
            }
          });
    }
    Cache<K, StoreEntry> cache = builder.build();
    this.map = cache.asMap();
    this.description = "heap(caffeine, "
        + (spec.isBounded() ? spec.maxEntries() + " entries" : "unbounded") + ")";
  }

  /**
   * Creates a store; a method reference to it is the memory kind's {@link io.twat.cache.store.StoreFactory}.
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
    return map.compute(key, function);
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
}

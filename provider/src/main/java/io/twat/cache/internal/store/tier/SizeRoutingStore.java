/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.TierStatistics;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/**
 * An authority over two stores that keeps values smaller than a threshold (in bytes, as the
 * sizer measures them) in the {@code small} store and the others in the {@code large} one, with
 * exactly one copy per key.
 *
 * <h2>Changes</h2>
 * {@link #compute} locks the key in the small store, then in the large one (always in this order,
 * in every process, so two changes cannot wait for each other), hands the function the key's one
 * entry, and writes the result to the store its size picks, removing the key from the other: a
 * key that grows past the threshold moves from small to large, and back when it shrinks, within
 * the one atomic change. If the second write fails after the first succeeded, the first store is
 * put back as it was (best effort, logged), so the key is left unchanged as the SPI asks.
 *
 * <h2>Reads</h2>
 * {@link #get} reads the small store, then the large one, without locks. A reader in another
 * process that runs exactly while a key moves may miss it once (a miss, never a stale or torn
 * value); within one JVM a {@link TieredStore} above serializes a key's reads and changes.
 *
 * <h2>Settings and bounds</h2>
 * Each store gets the cache's spec whole (its encryption keys, its types, its clock, its bounds)
 * but for the listener. The two stores evict on their own, each within the cache's
 * {@code maxEntries} and {@code maxBytes}: a cache whose values all fall on one side of the
 * threshold is bounded as on one store, and never evicts below its bound (the Store contract);
 * one whose values fall on both sides may hold up to twice each bound in all. Splitting the bounds
 * instead would keep the sum within them but evict below them; an exact shared bound needs the
 * stores to share their counts, which the Store SPI does not offer.
 *
 * <p>Thread-safe, and safe between processes when both stores are.
 *
 * @param <K> the type of keys
 */
public final class SizeRoutingStore<K> implements Store<K> {
  private static final System.Logger LOG = System.getLogger(SizeRoutingStore.class.getName());

  private final Tier<K> small;
  private final Tier<K> large;
  private final long threshold;
  private final ToLongFunction<Object> sizer;

  private SizeRoutingStore(
      Tier<K> small, Tier<K> large, long threshold, ToLongFunction<Object> sizer) {
    this.small = small;
    this.large = large;
    this.threshold = threshold;
    this.sizer = sizer;
  }

  /**
   * Opens both stores.
   *
   * @param spec the cache's spec; each store gets it whole but for the listener (see above), and
   *     its listener hears both stores' evictions and expiries
   * @param smallFactory makes the store of values below {@code threshold} bytes
   * @param largeFactory makes the store of the others
   * @param threshold the size in bytes from which a value goes to the large store, at least 1
   * @param sizer measures a value in bytes (e.g. its serialized length)
   * @param <K> the type of keys
   * @return the open store
   * @throws StoreException if a store cannot be opened
   */
  public static <K> SizeRoutingStore<K> open(
      StoreSpec spec,
      TierFactory smallFactory,
      TierFactory largeFactory,
      long threshold,
      ToLongFunction<Object> sizer)
      throws StoreException {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1 byte, was " + threshold);
    }
    Counting smallEvents = new Counting(spec.listener());
    Counting largeEvents = new Counting(spec.listener());
    Tier<K> small = smallFactory.create(spec.withListener(smallEvents));
    Tier<K> large;
    try {
      large = largeFactory.create(spec.withListener(largeEvents));
    } catch (StoreException | RuntimeException e) {
      small.store().close();
      throw e;
    }
    smallEvents.tier = small;
    largeEvents.tier = large;
    return new SizeRoutingStore<>(small, large, threshold, sizer);
  }

  private boolean isSmall(StoreEntry entry) {
    return sizer.applyAsLong(entry.value()) < threshold;
  }

  @Override
  public StoreEntry get(K key) throws StoreException {
    StoreEntry found = small.store().get(key);
    small.countRead(found != null);
    if (found != null) {
      return found;
    }
    found = large.store().get(key);
    large.countRead(found != null);
    return found;
  }

  @Override
  public StoreEntry compute(
      K key, BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function)
      throws StoreException {
    Move move = new Move();
    try {
      small.store().compute(key, (k, inSmall) -> {
        try {
          large.store().compute(key, (k2, inLarge) -> move.decide(k, inSmall, inLarge, function));
        } catch (StoreException e) {
          throw new Tunnel(e);
        }
        move.largeWritten = true;
        return move.forSmall;
      });
    } catch (Tunnel t) {
      throw t.getCause();
    } catch (StoreException e) {
      if (move.largeWritten) {
        putBack(key, move.inLarge);
      }
      throw e;
    }
    return move.result;
  }

  /** What one compute decided, filled in under both keys' locks. */
  private final class Move {
    StoreEntry result;
    StoreEntry forSmall;
    StoreEntry inLarge;
    boolean largeWritten;

    StoreEntry decide(K key, StoreEntry inSmall, StoreEntry inLarge,
        BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function) {
      this.inLarge = inLarge;
      StoreEntry current = inSmall != null ? inSmall : inLarge;
      StoreEntry next = function.apply(key, current);
      result = next;
      if (next == null) {
        forSmall = null;
        return null;
      }
      if (next == current) { // unchanged: it stays where it is
        forSmall = inSmall;
        return inSmall != null ? null : inLarge;
      }
      if (isSmall(next)) {
        forSmall = next;
        return null;
      }
      forSmall = null;
      return next;
    }
  }

  private void putBack(K key, StoreEntry previous) {
    try {
      large.store().compute(key, (k, current) -> previous);
    } catch (StoreException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "A key of {0} could not be put back after a failed move between {1} and {2}: {3}",
          String.valueOf(key),
          small.store().describe(),
          large.store().describe(),
          e.toString());
    }
  }

  @Override
  public Iterator<Map.Entry<K, StoreEntry>> iterator() throws StoreException {
    Iterator<Map.Entry<K, StoreEntry>> first = small.store().iterator();
    Iterator<Map.Entry<K, StoreEntry>> second = large.store().iterator();
    return new Iterator<>() {
      private final Set<K> seen = new HashSet<>();
      private Map.Entry<K, StoreEntry> next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          if (first.hasNext()) {
            next = first.next();
            seen.add(next.getKey());
          } else if (second.hasNext()) {
            Map.Entry<K, StoreEntry> candidate = second.next();
            if (!seen.contains(candidate.getKey())) { // moved while we iterated: once is enough
              next = candidate;
            }
          } else {
            return false;
          }
        }
        return true;
      }

      @Override
      public Map.Entry<K, StoreEntry> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Map.Entry<K, StoreEntry> result = next;
        next = null;
        return result;
      }
    };
  }

  @Override
  public long size() throws StoreException {
    return small.store().size() + large.store().size();
  }

  @Override
  public void clear() throws StoreException {
    small.store().clear();
    large.store().clear();
  }

  /** Destroys both stores' data and records of the cache. */
  @Override
  public void destroy() throws StoreException {
    small.store().destroy();
    large.store().destroy();
  }

  @Override
  public String describe() {
    return small.store().describe()
        + " | "
        + large.store().describe()
        + " (split at "
        + threshold
        + " bytes)";
  }

  @Override
  public List<TierStatistics> tierStatistics() {
    return List.of(small.statistics(), large.statistics());
  }

  @Override
  public Optional<Path> folder() {
    return small.folder().isPresent() ? small.folder() : large.folder();
  }

  @Override
  public void close() {
    try {
      small.store().close();
    } finally {
      large.store().close();
    }
  }

  /** Carries a store failure of the inner compute out through the outer one. */
  private static final class Tunnel extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Tunnel(StoreException cause) {
      super(cause);
    }

    @Override
    public synchronized StoreException getCause() {
      return (StoreException) super.getCause();
    }
  }

  /** Counts one store's evictions and passes them and its expiries on. */
  private static final class Counting implements StoreListener {
    private final StoreListener target;
    private volatile Tier<?> tier;

    Counting(StoreListener target) {
      this.target = target;
    }

    @Override
    public void onEvicted(int count) {
      Tier<?> t = tier;
      if (t != null) {
        t.evictions.add(count);
      }
      target.onEvicted(count);
    }

    @Override
    public void onExpired(Object key, StoreEntry entry) {
      target.onExpired(key, entry);
    }
  }
}

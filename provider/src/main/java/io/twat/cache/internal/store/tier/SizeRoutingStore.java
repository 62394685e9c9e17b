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
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * An authority over two stores that keeps values smaller than a threshold (in bytes, as the
 * sizer measures them) in the {@code small} store and the others in the {@code large} one, with
 * one copy per key once each change has finished.
 *
 * <h2>Changes</h2>
 * {@link #compute} locks the key in the small store, then in the large one (always in this order,
 * in every process, so two changes cannot wait for each other), hands the function the key's
 * current entry, and writes the result to the store its size picks, removing the key from the
 * other: a key that grows past the threshold moves from small to large, and back when it
 * shrinks. If the small store's write fails after the large one's succeeded, the large store is
 * put back as it was (best effort, logged), so the key is left unchanged as the SPI asks.
 *
 * <h2>Crashes: the small store's copy wins</h2>
 * A process may die (kill -9) between the two stores' commits. So that one whole copy of the
 * current value is readable at every instant, one rule decides between two copies: <b>when both
 * stores hold the key, the small store's copy is the current one</b> and the large store's is
 * stale. Each change commits in the order that keeps the rule true at every instant; the change
 * takes effect at the small store's commit:
 * <ul>
 *   <li>small to large: the new value is written to the large store first (committed inside the
 *       small store's locked compute), then the small copy removed by the small store's commit.
 *       A death in between leaves the old value in the small store, which wins: the change did
 *       not happen.
 *   <li>large to small: the new value is committed to the small store first, leaving the large
 *       copy as it was; then, under both locks again, the now stale large copy is removed. A
 *       death in between leaves the new value in the small store, which wins: the change
 *       happened.
 *   <li>a removal, or a write that stays small, removes any large copy before the small store
 *       commits, so no older large copy can come back once the small one is gone.
 * </ul>
 * The rule needs no stamp or clock in the entries, only the fixed roles of the two stores.
 *
 * <h2>Reads and repair</h2>
 * {@link #get} reads the small store, then the large one, without locks, and returns the small
 * copy if there is one. If it finds both (what a death between two commits leaves), it removes
 * the stale large copy under both keys' locks before returning, re-checking there that the small
 * copy is still present; otherwise it could come back once the small store evicts or expires its
 * copy. A reader in another process that runs exactly while a key moves may miss it once (a
 * miss, never a stale or torn value); within one JVM a {@link TieredStore} above serializes a
 * key's reads and changes. The iterator and {@link #clear} follow the same rule (small first
 * when reading; the large store first when clearing).
 *
 * <p>The rule assumes each store keeps what it acknowledged; with the db store's {@code relaxed}
 * durability a killed process may lose a move to the small store as it may lose any write.
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
    StoreEntry inSmall = small.store().get(key);
    small.countRead(inSmall != null);
    StoreEntry inLarge = large.store().get(key);
    if (inSmall == null) {
      large.countRead(inLarge != null);
      return inLarge;
    }
    if (inLarge != null) { // left by a death between two commits: the small copy wins
      dropStaleLarge(key);
    }
    return inSmall;
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
        move.largeWritten = move.largeChanged;
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
    if (move.largeStale) { // moved to the small store, which won at its commit
      dropStaleLarge(key);
    }
    return move.result;
  }

  /**
   * Removes the large store's copy of {@code key} if the small store still holds the key (the
   * small copy wins), under both keys' locks; best effort: a copy left behind stays stale and is
   * removed by the next change or read of the key.
   */
  private void dropStaleLarge(K key) {
    try {
      small.store().compute(key, (k, inSmall) -> {
        if (inSmall != null) {
          try {
            large.store().compute(key, (k2, inLarge) -> null);
          } catch (StoreException e) {
            throw new Tunnel(e);
          }
        }
        return inSmall;
      });
    } catch (Tunnel e) {
      logStale(key, e.getCause());
    } catch (StoreException | RuntimeException e) {
      logStale(key, e);
    }
  }

  private void logStale(K key, Exception e) {
    LOG.log(
        Level.WARNING,
        "A stale copy of a key of {0} could not be removed from {1}; it stays hidden behind the"
            + " current copy in {2} and is removed at the key''s next change: {3}",
        String.valueOf(key),
        large.store().describe(),
        small.store().describe(),
        e.toString());
  }

  /** What one compute decided, filled in under both keys' locks. */
  private final class Move {
    StoreEntry result;
    StoreEntry forSmall;
    StoreEntry inLarge;
    boolean largeChanged;
    boolean largeWritten;
    boolean largeStale;

    /** Returns the large store's new entry; sets {@link #forSmall} to the small store's. */
    StoreEntry decide(K key, StoreEntry inSmall, StoreEntry inLarge,
        BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function) {
      this.inLarge = inLarge;
      StoreEntry current = inSmall != null ? inSmall : inLarge;
      StoreEntry next = function.apply(key, current);
      result = next;
      if (next == current) { // unchanged: it stays where it is; a stale large copy goes
        forSmall = inSmall;
        return inSmall != null ? drop(inLarge) : inLarge;
      }
      if (next == null) { // the large copy goes first: the small one, if any, still wins
        forSmall = null;
        return drop(inLarge);
      }
      if (isSmall(next)) {
        forSmall = next;
        if (inSmall == null && inLarge != null) {
          // a move from large to small: the large copy stays until the small store has
          // committed the new value, and then goes (see dropStaleLarge)
          largeStale = true;
          return inLarge;
        }
        return drop(inLarge); // stale, if there is one: goes before the small store commits
      }
      forSmall = null; // committed by the small store after the large one has the new value
      largeChanged = true;
      return next;
    }

    private StoreEntry drop(StoreEntry large) {
      largeChanged = large != null;
      return null;
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
    large.store().clear(); // first: were the small store cleared first, stale copies could win
    small.store().clear();
  }

  /** Destroys both stores' data and records of the cache. */
  @Override
  public void destroy() throws StoreException {
    large.store().destroy(); // first, as for clear
    small.store().destroy();
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
  public void countReads(boolean on) {
    small.countReads(on);
    large.countReads(on);
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
    public void onEvicted(int count, Predicate<Object> evicted) {
      Tier<?> t = tier;
      if (t != null) {
        t.evictions.add(count);
      }
      target.onEvicted(count, evicted);
    }

    @Override
    public void onExpired(Object key, StoreEntry entry) {
      target.onExpired(key, entry);
    }

    @Override
    public void onChangedElsewhere(Object key) {
      target.onChangedElsewhere(key);
    }

    @Override
    public void onAllChangedElsewhere() {
      target.onAllChangedElsewhere();
    }
  }
}

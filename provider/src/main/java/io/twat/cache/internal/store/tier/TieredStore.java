/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.TierStatistics;
import io.twat.cache.internal.store.CoarseClock;
import io.twat.cache.Ticker;
import io.twat.cache.internal.store.StampedEntry;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreFactory;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A bounded heap tier caching an authoritative store (a disk store, or a {@link SizeRoutingStore}
 * over two). The authority holds every entry; the heap tier holds some of them and may drop any
 * at any time without losing data.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Reads</b> ({@link #get}) answer from the heap tier when it holds the key and the copy
 *       is younger than {@code maxStaleMillis} (by the cache's ticker); otherwise they read the
 *       authority and fill the heap tier with what they found (or drop the key from it). With
 *       the system clock and a bound of at least {@value #COARSE_MIN_STALE_MILLIS} ms, a hit
 *       reads the {@link CoarseClock} (one field) instead of the system clock, and the bound is
 *       kept by taking the coarse clock's period off it.</li>
 *   <li><b>Changes</b> ({@link #compute}, which every read-modify-write of the facade uses:
 *       {@code put}, {@code replace}, {@code getAndPut}, {@code invoke}, {@code remove}, ...)
 *       always run on the authority, under its key lock (across processes for disk stores), so
 *       the function sees the authority's current entry, never the heap tier's copy. Then the
 *       heap tier gets the new entry, or loses the key if it was removed.</li>
 *   <li><b>Several processes</b>: a plain {@code get} may return a value another process
 *       replaced at most {@code maxStaleMillis} ago; changes made in this process are seen at
 *       once, and changes never work on a stale value. An authority that learns of other
 *       processes' changes (the db store's change log) says so through
 *       {@link StoreListener#onChangedElsewhere} and {@link StoreListener#onAllChangedElsewhere},
 *       and the heap tier drops those copies at once, under the key's lock, so that a read that
 *       began before the change cannot put its old value back afterwards.</li>
 *   <li><b>Events</b>: only the authority's evictions and expiries reach the spec's
 *       {@link StoreListener}, once each; the heap tier's evictions are counted but not
 *       reported, since the entry is still in the authority. When the authority evicts, the heap
 *       tier drops its copies of the evicted keys (all of its copies, for an authority that
 *       cannot name them), so that it does not serve entries the authority dropped.</li>
 *   <li><b>Value form</b>: the authority keeps copies of its own (it serializes), so the heap
 *       tier keeps each value in the {@link HeapForm} it is given (serialized bytes, or the value
 *       itself if immutable) and hands each reader a fresh object: the facade sees the same
 *       form, caller-owned objects, whichever tier answered.</li>
 * </ul>
 *
 * <p>Thread-safe. Within this JVM a key's heap-filling read and its changes are serialized by a
 * striped lock, so a slow read cannot put back a value a change has replaced or removed.
 *
 * @param <K> the type of keys
 */
public final class TieredStore<K> implements Store<K> {
  private static final int STRIPES = 1024;
  /**
   * The smallest maxStaleMillis for which hits judge freshness by the {@link CoarseClock} (with
   * its period taken off the bound); smaller bounds read the exact ticker on every hit.
   */
  static final long COARSE_MIN_STALE_MILLIS = 8 * CoarseClock.PERIOD_MILLIS;

  private final Tier<K> heap;
  private final Tier<K> authority;
  private final HeapForm form;
  private final Ticker ticker;
  private final long maxStaleMillis;

  /**
   * Null unless the ticker is the system clock and maxStaleMillis leaves room for its coarseness.
   */
  private final CoarseClock coarse;

  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  private TieredStore(
      Tier<K> heap, Tier<K> authority, HeapForm form, Ticker ticker, long maxStaleMillis) {
    this.heap = heap;
    this.authority = authority;
    this.form = form;
    this.ticker = ticker;
    this.maxStaleMillis = maxStaleMillis;
    this.coarse =
        ticker == Ticker.SYSTEM && maxStaleMillis >= COARSE_MIN_STALE_MILLIS
            ? CoarseClock.acquire()
            : null;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /**
   * Opens a heap tier over an authority.
   *
   * @param spec the cache's spec: the authority gets it whole (its bounds, its encryption keys),
   *     but for the listener, which hears the authority's evictions and expiries through this
   *     store; the heap tier gets it with {@code heapEntries} as its bound and no expiry
   * @param heapFactory makes the heap tier's store
   * @param heapEntries the heap tier's bound, at least 1
   * @param authorityFactory makes the authority
   * @param form how the heap tier holds values
   * @param maxStaleMillis how long a heap copy answers reads before the authority is asked again
   * @param <K> the type of keys
   * @return the open store
   * @throws StoreException if a tier cannot be opened
   */
  public static <K> TieredStore<K> open(StoreSpec spec, StoreFactory heapFactory, long heapEntries,
      TierFactory authorityFactory, HeapForm form, long maxStaleMillis) throws StoreException {
    if (heapEntries < 1) {
      throw new IllegalArgumentException("heapEntries must be at least 1, was " + heapEntries);
    }
    if (maxStaleMillis < 0) {
      throw new IllegalArgumentException(
          "maxStaleMillis must be at least 0, was " + maxStaleMillis);
    }
    HeapEvents heapEvents = new HeapEvents();
    AuthorityEvents authorityEvents = new AuthorityEvents(spec.listener());
    // The heap tier needs no expiry of its own: the facade judges every entry's deadline and
    // expires it through compute, which drops the heap copy; the bound keeps the tier small.
    Store<K> heapStore =
        heapFactory.create(
            spec.withMaxEntries(heapEntries).withListener(heapEvents).withExpiring(false));
    Tier<K> authority;
    try {
      // Everything but the listener as the cache asked: its bounds, its keys, its types.
      authority = authorityFactory.create(spec.withListener(authorityEvents));
    } catch (StoreException | RuntimeException e) {
      heapStore.close();
      throw e;
    }
    Tier<K> heap = new Tier<>("heap", heapStore, Optional.empty());
    TieredStore<K> store = new TieredStore<>(heap, authority, form, spec.ticker(), maxStaleMillis);
    heapEvents.tier = heap;
    authorityEvents.store = store;
    return store;
  }

  private ReentrantLock lockOf(K key) {
    int h = key.hashCode();
    return locks[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }

  @Override
  public StoreEntry get(K key) throws StoreException {
    StoreEntry cached = heap.store().get(key);
    if (cached != null) {
      // The heap tier holds only StampedEntry copies made by keep(): the value's heap form, its
      // deadline, when it was read (by the exact ticker), and whether readers may share it.
      StampedEntry copy = (StampedEntry) cached;
      if (fresh(copy.stamp())) {
        heap.countRead(/* found= */ true);
        return copy.shared() ? copy : new StoreEntry(form.fromHeap(copy.value()), copy.expiresAt());
      }
    }
    heap.countRead(/* found= */ false);
    ReentrantLock lock = lockOf(key);
    lock.lock();
    try {
      StoreEntry found = authority.store().get(key);
      authority.countRead(found != null);
      if (!renew(key, cached, found)) {
        keep(key, found);
      }
      return found;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Renews the read time of a stale heap copy that the authority confirmed (same deadline, same
   * heap form), in place: no new copy, no write into the heap tier. A copy renewed this way stays
   * where it was allocated, so a tier whose keys are re-read once per maxStaleMillis does not
   * scatter its copies over the heap (which made every hit slower: twice the time per hit, measured
   * with 10,000 keys). The key's lock is held.
   *
   * @return false if the copy must be replaced (or dropped) by {@link #keep}
   */
  private boolean renew(K key, StoreEntry cached, StoreEntry found) throws StoreException {
    if (!(cached instanceof StampedEntry copy)
        || found == null
        || found.expiresAt() != copy.expiresAt()
        || heap.store().get(key) != copy) {
      return false;
    }
    Object held;
    try {
      held = form.toHeap(found.value());
    } catch (RuntimeException e) {
      return false;
    }
    if (!form.sameHeld(copy.value(), held)) {
      return false;
    }
    copy.renew(ticker.millis());
    return true;
  }

  /**
   * Whether a heap copy read at {@code readAt} may still answer. The coarse clock is never ahead
   * of the system clock and at most its period behind while its thread runs on time, so taking
   * the period off the bound keeps copies younger than maxStaleMillis.
   */
  private boolean fresh(long readAt) {
    CoarseClock clock = coarse;
    if (clock != null) {
      return clock.millis() - readAt < maxStaleMillis - CoarseClock.PERIOD_MILLIS;
    }
    return ticker.millis() - readAt < maxStaleMillis;
  }

  @Override
  public StoreEntry compute(
      K key, BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function)
      throws StoreException {
    ReentrantLock lock = lockOf(key);
    lock.lock();
    try {
      StoreEntry result;
      try {
        result = authority.store().compute(key, function);
      } catch (StoreException | RuntimeException | Error e) {
        forget(key);
        throw e;
      }
      keep(key, result);
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** Puts the authority's entry (or its absence) into the heap tier; the key's lock is held. */
  private void keep(K key, StoreEntry entry) throws StoreException {
    if (entry == null) {
      forget(key);
      return;
    }
    StoreEntry copy;
    try {
      Object held = form.toHeap(entry.value());
      copy = new StampedEntry(held, entry.expiresAt(), ticker.millis(), form.sharesAsIs(held));
    } catch (RuntimeException e) {
      forget(key); // a value the heap form cannot hold stays in the authority only
      return;
    }
    heap.store().compute(key, (k, current) -> copy);
  }

  private void forget(K key) throws StoreException {
    heap.store().compute(key, (k, current) -> null);
  }

  @Override
  public Iterator<Map.Entry<K, StoreEntry>> iterator() throws StoreException {
    return authority.store().iterator();
  }

  @Override
  public long size() throws StoreException {
    return authority.store().size();
  }

  @Override
  public void clear() throws StoreException {
    emptyBoth(/* destroy= */ false);
  }

  /**
   * Destroys the authority's data (its files or rows and its record of the cache) and empties the
   * heap tier.
   */
  @Override
  public void destroy() throws StoreException {
    emptyBoth(/* destroy= */ true);
  }

  private void emptyBoth(boolean destroy) throws StoreException {
    for (ReentrantLock lock : locks) {
      lock.lock();
    }
    try {
      if (destroy) {
        authority.store().destroy();
      } else {
        authority.store().clear();
      }
      heap.store().clear();
    } finally {
      for (ReentrantLock lock : locks) {
        lock.unlock();
      }
    }
  }

  @Override
  public String describe() {
    return heap.store().describe() + " -> " + authority.store().describe();
  }

  @Override
  public void countReads(boolean on) {
    heap.countReads(on);
    authority.countReads(on);
  }

  @Override
  public List<TierStatistics> tierStatistics() {
    List<TierStatistics> tiers = new ArrayList<>();
    tiers.add(heap.statistics());
    List<TierStatistics> below = authority.store().tierStatistics();
    if (below.isEmpty()) {
      tiers.add(authority.statistics());
    } else {
      tiers.addAll(below);
    }
    return List.copyOf(tiers);
  }

  @Override
  public Optional<Path> folder() {
    if (authority.folder().isPresent()) {
      return authority.folder();
    }
    return authority.store().folder();
  }

  @Override
  public void close() {
    try {
      heap.store().close();
    } finally {
      try {
        authority.store().close();
      } finally {
        if (coarse != null) {
          coarse.close();
        }
      }
    }
  }

  /** Drops the heap tier's copies; called when the authority evicted entries it cannot name. */
  private void authorityEvicted(int count) {
    authority.evictions.add(count);
    try {
      heap.store().clear();
    } catch (StoreException e) {
      throw new IllegalStateException("The heap tier could not be cleared", e);
    }
  }

  /**
   * Drops the heap tier's copies of the keys the authority evicted ({@code evicted} accepts
   * them), each under its key's lock, and keeps the others: the authority still holds them.
   */
  private void authorityEvicted(int count, Predicate<Object> evicted) {
    authority.evictions.add(count);
    List<K> gone = new ArrayList<>();
    try {
      for (Iterator<Map.Entry<K, StoreEntry>> i = heap.store().iterator(); i.hasNext(); ) {
        K key = i.next().getKey();
        if (evicted.test(key)) {
          gone.add(key);
        }
      }
      for (K key : gone) {
        forgetLocked(key);
      }
    } catch (StoreException e) {
      throw new IllegalStateException("The heap tier could not drop the evicted keys", e);
    }
  }

  private void authorityExpired(Object key) {
    @SuppressWarnings("unchecked")
    K typed = (K) key;
    try {
      forget(typed);
    } catch (StoreException e) {
      throw new IllegalStateException("The heap tier could not drop an expired key", e);
    }
  }

  /** Drops the heap copy of a key another process changed, under the key's lock. */
  private void changedElsewhere(Object key) {
    @SuppressWarnings("unchecked")
    K typed = (K) key;
    try {
      forgetLocked(typed);
    } catch (StoreException e) {
      throw new IllegalStateException("The heap tier could not drop a key changed elsewhere", e);
    }
  }

  /**
   * Drops the heap copy of {@code key} under the key's lock, so that a read that began before
   * cannot put its old value back afterwards.
   */
  private void forgetLocked(K key) throws StoreException {
    ReentrantLock lock = lockOf(key);
    lock.lock();
    try {
      forget(key);
    } finally {
      lock.unlock();
    }
  }

  /** Empties the heap tier under every key's lock: another process changed any key. */
  private void allChangedElsewhere() {
    for (ReentrantLock lock : locks) {
      lock.lock();
    }
    try {
      heap.store().clear();
    } catch (StoreException e) {
      throw new IllegalStateException("The heap tier could not be cleared", e);
    } finally {
      for (ReentrantLock lock : locks) {
        lock.unlock();
      }
    }
  }

  /** Counts the heap tier's evictions and reports nothing: the authority still has the entries. */
  private static final class HeapEvents implements StoreListener {
    private volatile Tier<?> tier;

    @Override
    public void onEvicted(int count) {
      Tier<?> t = tier;
      if (t != null) {
        t.evictions.add(count);
      }
    }
  }

  /**
   * Reports the authority's evictions and expiries to the cache, once, and keeps the heap tier in
   * step.
   */
  private static final class AuthorityEvents implements StoreListener {
    private final StoreListener target;
    private volatile TieredStore<?> store;

    AuthorityEvents(StoreListener target) {
      this.target = target;
    }

    @Override
    public void onEvicted(int count) {
      TieredStore<?> s = store;
      if (s != null) {
        s.authorityEvicted(count);
      }
      target.onEvicted(count);
    }

    @Override
    public void onEvicted(int count, Predicate<Object> evicted) {
      TieredStore<?> s = store;
      if (s != null) {
        s.authorityEvicted(count, evicted);
      }
      target.onEvicted(count, evicted);
    }

    @Override
    public void onExpired(Object key, StoreEntry entry) {
      TieredStore<?> s = store;
      if (s != null) {
        s.authorityExpired(key);
      }
      target.onExpired(key, entry);
    }

    @Override
    public void onChangedElsewhere(Object key) {
      TieredStore<?> s = store;
      if (s != null) {
        s.changedElsewhere(key);
      }
    }

    @Override
    public void onAllChangedElsewhere() {
      TieredStore<?> s = store;
      if (s != null) {
        s.allChangedElsewhere();
      }
    }
  }
}

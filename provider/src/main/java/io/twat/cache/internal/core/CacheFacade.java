package io.twat.cache.internal.core;

import io.twat.cache.AsyncCache;
import io.twat.cache.CacheStats;
import io.twat.cache.TwatCache;
import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.copy.Copier;
import io.twat.cache.internal.event.EventDispatcher;
import io.twat.cache.internal.expiry.ExpiryCalculator;
import io.twat.cache.Ticker;
import io.twat.cache.internal.integration.Closeables;
import io.twat.cache.internal.integration.Loader;
import io.twat.cache.internal.integration.Writer;
import io.twat.cache.internal.management.CacheConfigurationBean;
import io.twat.cache.internal.management.CacheStatistics;
import io.twat.cache.internal.management.CacheTiersBean;
import io.twat.cache.internal.management.MBeans;
import io.twat.cache.internal.processor.TwatMutableEntry;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.io.DiskUsage;
import io.twat.cache.TierStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.event.EventType;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CompletionListener;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * The JCache facade over a {@link Store}: the one place where the semantics of
 * {@link javax.cache.Cache} live (argument checks, the closed state, expiry, events, statistics,
 * read-through, write-through and entry processors), for every kind of store.
 *
 * <p>Every change of an entry goes through {@link Store#compute}, which holds the key while the
 * facade decides: it calls the writer, computes the deadline and queues the events there, so that
 * a failing writer leaves the entry as it was and the events of a key are queued in the order of
 * its changes. Synchronous listeners are called after the store has released the key, before the
 * operation returns.
 *
 * <p>Expiry is decided here with the cache's {@link Ticker}: an entry whose deadline has passed is
 * a miss, and it is removed with an expired event when an operation meets it.
 *
 * <p>Thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class CacheFacade<K, V> implements TwatCache<K, V> {
  /** The clock of an eternal cache: time never matters to it. */
  private static final Ticker NO_CLOCK = () -> 0L;

  private final String name;
  private final TwatCacheManager manager;
  private final TwatConfiguration<K, V> configuration;
  private final Class<?> keyType;
  private final Class<?> valueType;
  private final Store<K> store;
  private final Copier copier;
  private final Ticker ticker;
  private final ExpiryCalculator expiry;
  private final Loader<K, V> loader;
  private final Loader<K, V> readThrough;
  private final Writer<K, V> writer;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics = new CacheStatistics();
  private final CacheConfigurationBean configurationBean;
  private final Executor executor;
  private final List<TwatAsyncCache<K, V>> asyncViews = new CopyOnWriteArrayList<>();
  private volatile TwatAsyncCache<K, V> defaultAsync;
  private volatile boolean closed;

  /**
   * Creates a cache; {@link TwatCacheManager} is the only caller.
   *
   * @param name the cache's name
   * @param manager the manager that owns it
   * @param configuration the cache's own copy of its configuration
   * @param expiryPolicy the policy made from the configuration's factory
   * @param store where the entries live
   * @param copier store-by-value or store-by-reference
   * @param executor runs asynchronous listeners and {@code loadAll}
   */
  CacheFacade(String name, TwatCacheManager manager, TwatConfiguration<K, V> configuration,
      ExpiryPolicy expiryPolicy, Store<K> store, Copier copier, Executor executor) {
    this.name = name;
    this.manager = manager;
    this.configuration = configuration;
    this.keyType = configuration.getKeyType();
    this.valueType = configuration.getValueType();
    this.store = store;
    this.copier = copier;
    // An eternal cache never compares times (every deadline is NEVER), so it skips the clock: a
    // wall-clock read costs about 33 ns on a VM, most of an unbounded get (benchmarks/results).
    this.ticker = expiryPolicy instanceof EternalExpiryPolicy ? NO_CLOCK : configuration.getTicker();
    this.executor = executor;
    this.expiry = new ExpiryCalculator(expiryPolicy);
    this.loader = configuration.getCacheLoaderFactory() == null
        ? Loader.disabled() : Loader.of(configuration.getCacheLoaderFactory().create());
    this.readThrough = configuration.isReadThrough() ? loader : Loader.disabled();
    this.writer = configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
        ? Writer.of(configuration.getCacheWriterFactory().create()) : Writer.disabled();
    this.events = new EventDispatcher<>(this, copier, executor);
    for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
      events.register(listener);
    }
    this.configurationBean = new CacheConfigurationBean(() -> this.configuration);
    statistics.setEnabled(configuration.isStatisticsEnabled());
  }

  /** Counts entries the store evicted to keep within its bound. */
  void storeEvicted(int count) {
    statistics.recordEvictions(count);
  }

  /**
   * Queues the expired event of an entry the store removed on its own, while it holds the key;
   * synchronous listeners get it when the current or next operation delivers.
   */
  @SuppressWarnings("unchecked")
  void storeExpired(Object key, StoreEntry entry) {
    events.publishDone(EventType.EXPIRED, (K) key, entry.value(), entry.value());
  }

  @Override
  public CacheStats stats() {
    requireOpen();
    return new CacheStats(name, manager.getURI().toString(), backend(), folder(), statistics.isEnabled(),
        statistics.getCacheHits(), statistics.getCacheMisses(), statistics.getCachePuts(),
        statistics.getCacheRemovals(), statistics.getCacheEvictions(), tiers());
  }

  @Override
  public String backend() {
    return store.describe();
  }

  @Override
  public Optional<Path> folder() {
    return store.folder();
  }

  /**
   * Returns each tier's figures, top first. A cache on one store has one tier, {@code store},
   * whose hits, misses and evictions are the cache's JCache statistics (counted only while
   * statistics are enabled); the tiers of {@code twat:universal} count theirs always.
   */
  public List<TierStatistics> tiers() {
    List<TierStatistics> chain = store.tierStatistics();
    if (!chain.isEmpty()) {
      return chain;
    }
    long entries;
    try {
      entries = store.size();
    } catch (StoreException e) {
      entries = -1;
    }
    Optional<Path> folder = folder();
    return List.of(new TierStatistics("store", store.describe(), folder, statistics.getCacheHits(),
        statistics.getCacheMisses(), entries, folder.map(DiskUsage::bytesUnder).orElse(0L),
        statistics.getCacheEvictions()));
  }

  /** Returns the cache's JCache statistics; they count only while statistics are enabled. */
  public CacheStatisticsMXBean statistics() {
    return statistics;
  }

  /** Returns whether the cache's JCache statistics are counting. */
  public boolean isStatisticsEnabled() {
    return statistics.isEnabled();
  }

  // ---------------------------------------------------------------- async views

  @Override
  public AsyncCache<K, V> async() {
    requireOpen();
    TwatAsyncCache<K, V> view = defaultAsync;
    if (view == null) {
      synchronized (asyncViews) {
        view = defaultAsync;
        if (view == null) {
          view = newAsyncView(manager.asyncExecutor());
          defaultAsync = view;
        }
      }
    }
    return view;
  }

  @Override
  public AsyncCache<K, V> async(Executor executor) {
    requireOpen();
    Objects.requireNonNull(executor, "async(executor) needs an executor, not null");
    return newAsyncView(executor);
  }

  private TwatAsyncCache<K, V> newAsyncView(Executor executor) {
    TwatAsyncCache<K, V> view = new TwatAsyncCache<>(this, executor);
    asyncViews.add(view);
    if (closed) {
      view.close();
    }
    return view;
  }

  /** Returns the value of a live entry without counting, touching or loading; for single flight. */
  V peek(K key) {
    requireOpen();
    StoreEntry entry = storeGet(key);
    return entry == null || entry.isExpired(ticker.millis()) ? null : value(entry.value());
  }

  /** Stores a value an async loader made, unless the key has a live value: a put, not written through. */
  void putLoaded(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long start = statistics.startTimer();
    storeLoaded(key, value, ticker.millis(), /* replaceExisting= */ false);
    statistics.recordPutTime(start);
    events.deliverSynchronous();
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(K key) {
    requireOpen();
    requireKey(key);
    long start = statistics.startTimer();
    V value = getOrLoad(key, ticker.millis());
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    return value;
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    requireKeys(keys);
    long start = statistics.startTimer();
    long now = ticker.millis();
    Map<K, V> result = new LinkedHashMap<>();
    List<K> missing = new ArrayList<>();
    for (K key : keys) {
      Object stored = readLive(key, now);
      if (stored == null) {
        missing.add(key);
      } else {
        result.put(key, value(stored));
      }
    }
    statistics.recordHits(result.size());
    statistics.recordMisses(missing.size());
    if (readThrough.isEnabled() && !missing.isEmpty()) {
      for (Map.Entry<K, V> loaded : readThrough.loadAll(missing).entrySet()) {
        if (loaded.getKey() != null && loaded.getValue() != null) {
          storeLoaded(loaded.getKey(), loaded.getValue(), now, /* replaceExisting= */ false);
          result.put(loaded.getKey(), loaded.getValue());
        }
      }
    }
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    return result;
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    requireKey(key);
    long now = ticker.millis();
    StoreEntry entry = storeGet(key);
    if (entry == null) {
      return false;
    }
    if (entry.isExpired(now)) {
      expire(key, now);
      events.deliverSynchronous();
      return false;
    }
    return true;
  }

  private V getOrLoad(K key, long now) {
    Object stored = readLive(key, now);
    if (stored != null) {
      statistics.recordHits(1);
      return value(stored);
    }
    statistics.recordMisses(1);
    if (!readThrough.isEnabled()) {
      return null;
    }
    V loaded = readThrough.load(key);
    if (loaded == null) {
      return null;
    }
    storeLoaded(key, loaded, now, /* replaceExisting= */ false);
    return loaded;
  }

  /**
   * Returns the stored value of a live entry after applying the access expiry, or null if the
   * key is absent or expired (removing an expired entry). Counts nothing.
   */
  private Object readLive(K key, long now) {
    StoreEntry entry = storeGet(key);
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
  private void touch(K key, StoreEntry entry, long now) {
    long deadline = expiry.forAccess(now);
    if (deadline != ExpiryCalculator.UNCHANGED && deadline != entry.expiresAt()) {
      // Stores may hand out a fresh StoreEntry per read, so "still the entry we read" is judged by
      // its deadline: an update in between that kept the deadline gets the access deadline too,
      // as if the read had come after it.
      storeCompute(key, (k, current) -> current != null && current.expiresAt() == entry.expiresAt()
          ? current.withExpiresAt(deadline) : current);
    }
  }

  /** Removes the entry of {@code key} if it has expired, queuing the expired event. */
  private void expire(K key, long now) {
    storeCompute(key, (k, current) -> {
      if (current != null && current.isExpired(now)) {
        events.publish(EventType.EXPIRED, k, current.value(), current.value());
        return null;
      }
      return current;
    });
  }

  /** Outcomes of {@link #compareAndApply}. */
  private static final int ABSENT = 0;
  private static final int DIFFERENT = 1;
  private static final int MATCHED = 2;

  /**
   * Holds {@code key} and compares its live value with {@code expected}: if they are equal, the
   * entry becomes what {@code onMatch} returns; if not, the entry is only accessed.
   *
   * @return {@link #ABSENT}, {@link #DIFFERENT} or {@link #MATCHED}
   */
  private int compareAndApply(K key, V expected, long now, BiFunction<K, StoreEntry, StoreEntry> onMatch) {
    int[] outcome = {ABSENT};
    storeCompute(key, (k, current) -> {
      StoreEntry live = live(k, current, now);
      if (live == null) {
        return null;
      }
      if (!value(live.value()).equals(expected)) {
        outcome[0] = DIFFERENT;
        return accessed(live, now);
      }
      outcome[0] = MATCHED;
      return onMatch.apply(k, live);
    });
    return outcome[0];
  }

  /** Returns {@code live} with the deadline the expiry policy gives an entry read at {@code now}. */
  private StoreEntry accessed(StoreEntry live, long now) {
    long deadline = expiry.forAccess(now);
    return deadline == ExpiryCalculator.UNCHANGED ? live : live.withExpiresAt(deadline);
  }

  /** Returns the live entry in {@code current}, or null, queuing an expired event for an expired one. */
  private StoreEntry live(K key, StoreEntry current, long now) {
    if (current != null && current.isExpired(now)) {
      events.publish(EventType.EXPIRED, key, current.value(), current.value());
      return null;
    }
    return current;
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long start = statistics.startTimer();
    put(key, value, /* writeThrough= */ true, ticker.millis());
    statistics.recordPutTime(start);
    events.deliverSynchronous();
  }

  @Override
  public V getAndPut(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long start = statistics.startTimer();
    Object previous = put(key, value, /* writeThrough= */ true, ticker.millis());
    if (previous == null) {
      statistics.recordMisses(1);
    } else {
      statistics.recordHits(1);
    }
    statistics.recordPutTime(start);
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    return previous == null ? null : value(previous);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    requireOpen();
    Objects.requireNonNull(map, "putAll(null) is not allowed; pass a map of entries");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      requireKey(entry.getKey());
      requireValue(entry.getValue());
    }
    // Copy every key and value first, so that one the cache cannot copy fails the call before
    // anything is written through or stored.
    Map<K, Copies<K>> copies = new HashMap<>();
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      copies.put(entry.getKey(), new Copies<>(copyKey(entry.getKey()), copier.toStore(entry.getValue())));
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
        put(entry.getKey(), copy.key(), entry.getValue(), copy.value(), /* writeThrough= */ false, now);
      }
    }
    statistics.recordPutTime(start);
    events.deliverSynchronous();
    if (writeFailure != null) {
      throw writeFailure;
    }
  }

  /** The store's copies of a key and a value. */
  private record Copies<K>(K key, Object value) {
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long start = statistics.startTimer();
    long now = ticker.millis();
    Object stored = copier.toStore(value);
    boolean[] absent = new boolean[1];
    boolean[] written = new boolean[1];
    storeCompute(copyKey(key), (k, current) -> {
      StoreEntry live = live(k, current, now);
      if (live != null) {
        return current;
      }
      absent[0] = true;
      writer.write(new TwatEntry<>(key, value));
      StoreEntry created = create(k, stored, now);
      written[0] = created != null;
      return created;
    });
    if (absent[0]) {
      statistics.recordMisses(1);
    } else {
      statistics.recordHits(1);
    }
    if (written[0]) {
      statistics.recordPuts(1);
    }
    statistics.recordPutTime(start);
    events.deliverSynchronous();
    return absent[0];
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    requireKey(key);
    requireValue(oldValue);
    requireValue(newValue);
    long start = statistics.startTimer();
    long now = ticker.millis();
    Object stored = copier.toStore(newValue);
    int outcome = compareAndApply(key, oldValue, now, (k, live) -> {
      writer.write(new TwatEntry<>(key, newValue));
      return update(k, live, stored, now);
    });
    countConditional(outcome, /* put= */ true);
    statistics.recordPutTime(start);
    events.deliverSynchronous();
    return outcome == MATCHED;
  }

  @Override
  public boolean replace(K key, V value) {
    return replaceAndGet(key, value) != null;
  }

  @Override
  public V getAndReplace(K key, V value) {
    Object previous = replaceAndGet(key, value);
    return previous == null ? null : value(previous);
  }

  private Object replaceAndGet(K key, V value) {
    requireOpen();
    requireKey(key);
    requireValue(value);
    long start = statistics.startTimer();
    long now = ticker.millis();
    Object stored = copier.toStore(value);
    Object[] previous = new Object[1];
    storeCompute(key, (k, current) -> {
      StoreEntry live = live(k, current, now);
      if (live == null) {
        return null;
      }
      writer.write(new TwatEntry<>(key, value));
      previous[0] = live.value();
      return update(k, live, stored, now);
    });
    countConditional(previous[0] == null ? ABSENT : MATCHED, /* put= */ true);
    statistics.recordPutTime(start);
    events.deliverSynchronous();
    return previous[0];
  }

  /**
   * Stores {@code value} as {@code put} does, calling the writer if asked, and counts the put.
   *
   * @return the stored form of the previous live value, or null
   */
  private Object put(K key, V value, boolean writeThrough, long now) {
    return put(key, copyKey(key), value, copier.toStore(value), writeThrough, now);
  }

  /** Stores the copies {@code storeKey} and {@code stored} of {@code key} and {@code value}, as {@code put} does. */
  private Object put(K key, K storeKey, V value, Object stored, boolean writeThrough, long now) {
    Object[] previous = new Object[1];
    boolean[] written = new boolean[1];
    storeCompute(storeKey, (k, current) -> {
      StoreEntry live = live(k, current, now);
      if (writeThrough) {
        writer.write(new TwatEntry<>(key, value));
      }
      StoreEntry next;
      if (live == null) {
        previous[0] = null;
        next = create(k, stored, now);
      } else {
        previous[0] = live.value();
        next = update(k, live, stored, now);
      }
      written[0] = next != null;
      return next;
    });
    if (written[0]) {
      statistics.recordPuts(1);
    }
    return previous[0];
  }

  /** Stores a loaded value: no write-through; counted as a put. */
  private void storeLoaded(K key, V value, long now, boolean replaceExisting) {
    Object stored = copier.toStore(value);
    boolean[] written = new boolean[1];
    storeCompute(copyKey(key), (k, current) -> {
      StoreEntry live = live(k, current, now);
      StoreEntry next = live == null ? create(k, stored, now)
          : replaceExisting ? update(k, live, stored, now) : live;
      written[0] = next != null && next != live;
      return next;
    });
    if (written[0]) {
      statistics.recordPuts(1);
    }
  }

  /** Returns a new entry for {@code key} with its creation deadline and queues the created event, or null if it expires at once. */
  private StoreEntry create(K key, Object stored, long now) {
    long deadline = expiry.forCreation(now);
    if (deadline <= now) {
      return null;
    }
    events.publish(EventType.CREATED, key, stored, null);
    return new StoreEntry(stored, deadline);
  }

  /** Returns {@code live} updated to {@code stored} with its update deadline and queues the updated event. */
  private StoreEntry update(K key, StoreEntry live, Object stored, long now) {
    long deadline = expiry.forUpdate(now);
    events.publish(EventType.UPDATED, key, stored, live.value());
    return new StoreEntry(stored, deadline == ExpiryCalculator.UNCHANGED ? live.expiresAt() : deadline);
  }

  // ---------------------------------------------------------------- removals

  @Override
  public boolean remove(K key) {
    requireOpen();
    requireKey(key);
    long start = statistics.startTimer();
    boolean removed = remove(key, ticker.millis()) != null;
    statistics.recordRemoveTime(start);
    events.deliverSynchronous();
    return removed;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    requireKey(key);
    requireValue(oldValue);
    long start = statistics.startTimer();
    long now = ticker.millis();
    int outcome = compareAndApply(key, oldValue, now, (k, live) -> {
      writer.delete(key);
      events.publish(EventType.REMOVED, k, live.value(), live.value());
      return null;
    });
    countConditional(outcome, /* put= */ false);
    statistics.recordRemoveTime(start);
    events.deliverSynchronous();
    return outcome == MATCHED;
  }

  @Override
  public V getAndRemove(K key) {
    requireOpen();
    requireKey(key);
    long start = statistics.startTimer();
    Object previous = remove(key, ticker.millis());
    if (previous == null) {
      statistics.recordMisses(1);
    } else {
      statistics.recordHits(1);
    }
    statistics.recordRemoveTime(start);
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    return previous == null ? null : value(previous);
  }

  /**
   * Removes {@code key}, always deleting it through the writer, and counts the removal.
   *
   * @return the stored form of the removed live value, or null
   */
  private Object remove(K key, long now) {
    Object[] previous = new Object[1];
    storeCompute(key, (k, current) -> {
      StoreEntry live = live(k, current, now);
      writer.delete(key);
      if (live != null) {
        previous[0] = live.value();
        events.publish(EventType.REMOVED, k, live.value(), live.value());
      }
      return null;
    });
    if (previous[0] != null) {
      statistics.recordRemovals(1);
    }
    return previous[0];
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    requireKeys(keys);
    removeAll(keys, /* deleteAllThroughWriter= */ true);
  }

  @Override
  public void removeAll() {
    requireOpen();
    Set<K> keys = new HashSet<>();
    for (Iterator<Map.Entry<K, StoreEntry>> it = storeIterator(); it.hasNext(); ) {
      keys.add(it.next().getKey());
    }
    removeAll(keys, /* deleteAllThroughWriter= */ true);
  }

  private void removeAll(Set<? extends K> keys, boolean deleteAllThroughWriter) {
    long start = statistics.startTimer();
    long now = ticker.millis();
    RuntimeException writeFailure = null;
    Collection<Object> undeleted = Set.of();
    if (deleteAllThroughWriter && writer.isEnabled()) {
      Collection<Object> batch = new ArrayList<>(keys);
      try {
        writer.deleteAll(batch);
      } catch (RuntimeException e) {
        writeFailure = e;
        undeleted = new HashSet<>(batch);
      }
    }
    long removed = 0;
    for (K key : keys) {
      if (undeleted.contains(key)) {
        continue;
      }
      boolean[] wasLive = new boolean[1];
      storeCompute(key, (k, current) -> {
        StoreEntry live = live(k, current, now);
        if (live != null) {
          wasLive[0] = true;
          events.publish(EventType.REMOVED, k, live.value(), live.value());
        }
        return null;
      });
      if (wasLive[0]) {
        removed++;
      }
    }
    statistics.recordRemovals(removed);
    statistics.recordRemoveTime(start);
    events.deliverSynchronous();
    if (writeFailure != null) {
      throw writeFailure;
    }
  }

  @Override
  public void clear() {
    requireOpen();
    try {
      store.clear();
    } catch (StoreException e) {
      throw storeFailure(e);
    }
  }

  // ---------------------------------------------------------------- loading

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
    requireOpen();
    requireKeys(keys);
    CompletionListener listener = completionListener == null ? NO_COMPLETION : completionListener;
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
          if (replaceExistingValues || !containsKey(key)) {
            toLoad.add(key);
          }
        }
        if (!toLoad.isEmpty()) {
          for (Map.Entry<K, V> loaded : loader.loadAll(toLoad).entrySet()) {
            if (loaded.getKey() != null && loaded.getValue() != null) {
              storeLoaded(loaded.getKey(), loaded.getValue(), now, replaceExistingValues);
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
      listener.onException(new CacheException("loadAll could not start: the cache manager of cache \""
          + name + "\" is closed", e));
    }
  }

  private static final CompletionListener NO_COMPLETION = new CompletionListener() {
    @Override
    public void onCompletion() {
    }

    @Override
    public void onException(Exception e) {
    }
  };

  // ---------------------------------------------------------------- entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    requireOpen();
    requireKey(key);
    Objects.requireNonNull(entryProcessor, "invoke needs an EntryProcessor, not null");
    long start = statistics.startTimer();
    long now = ticker.millis();
    List<Object> result = new ArrayList<>(1);
    TwatMutableEntry.Action[] action = new TwatMutableEntry.Action[1];
    boolean[] existed = new boolean[1];
    storeCompute(copyKey(key), (k, current) -> {
      result.clear();
      StoreEntry live = live(k, current, now);
      TwatMutableEntry<K, V> entry = new TwatMutableEntry<>(k, live == null ? null : value(live.value()),
          valueType, readThrough);
      T returned;
      try {
        returned = entryProcessor.process(entry, arguments);
      } catch (EntryProcessorException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new EntryProcessorException("The EntryProcessor " + entryProcessor.getClass().getName()
            + " failed on key " + key + ": " + e, e);
      }
      result.add(returned);
      action[0] = entry.action();
      existed[0] = entry.existed();
      return apply(k, key, live, entry, now);
    });
    if (existed[0]) {
      statistics.recordHits(1);
    } else {
      statistics.recordMisses(1);
    }
    switch (action[0]) {
      case LOAD, CREATE, UPDATE -> statistics.recordPuts(1);
      case REMOVE -> statistics.recordRemovals(existed[0] ? 1 : 0);
      default -> { }
    }
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    @SuppressWarnings("unchecked")
    T returned = (T) result.get(0);
    return returned;
  }

  /** Applies the net action of an entry processor while the key is held. */
  private StoreEntry apply(K storeKey, K key, StoreEntry live, TwatMutableEntry<K, V> entry, long now) {
    switch (entry.action()) {
      case ACCESS -> {
        return accessed(live, now);
      }
      case LOAD -> {
        return create(storeKey, copier.toStore(entry.currentValue()), now);
      }
      case CREATE -> {
        Object stored = copier.toStore(entry.currentValue()); // before the writer: it may refuse the value
        writer.write(new TwatEntry<>(key, entry.currentValue()));
        return create(storeKey, stored, now);
      }
      case UPDATE -> {
        Object stored = copier.toStore(entry.currentValue());
        writer.write(new TwatEntry<>(key, entry.currentValue()));
        return update(storeKey, live, stored, now);
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

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys,
      EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    requireOpen();
    requireKeys(keys);
    Objects.requireNonNull(entryProcessor, "invokeAll needs an EntryProcessor, not null");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = invoke(key, entryProcessor, arguments);
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

  // ---------------------------------------------------------------- iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    requireOpen();
    return new EntryIterator(storeIterator());
  }

  /** Iterates the live entries, applying access expiry and counting a hit per entry returned. */
  private final class EntryIterator implements Iterator<Cache.Entry<K, V>> {
    private final Iterator<Map.Entry<K, StoreEntry>> delegate;
    private Map.Entry<K, StoreEntry> next;
    private K lastKey;

    EntryIterator(Iterator<Map.Entry<K, StoreEntry>> delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean hasNext() {
      requireOpen();
      long now = ticker.millis();
      while (next == null && delegate.hasNext()) {
        Map.Entry<K, StoreEntry> candidate = delegate.next();
        if (candidate.getValue().isExpired(now)) {
          expire(candidate.getKey(), now);
          events.deliverSynchronous();
        } else {
          next = candidate;
        }
      }
      return next != null;
    }

    @Override
    public Cache.Entry<K, V> next() {
      if (!hasNext()) {
        throw new NoSuchElementException("The cache iterator has no more entries");
      }
      Map.Entry<K, StoreEntry> entry = next;
      next = null;
      long start = statistics.startTimer();
      K key = entry.getKey();
      touch(key, entry.getValue(), ticker.millis());
      statistics.recordHits(1);
      statistics.recordGetTime(start);
      lastKey = key;
      @SuppressWarnings("unchecked")
      K keyCopy = (K) copier.copyKey(key);
      return new TwatEntry<>(keyCopy, value(entry.getValue().value()));
    }

    @Override
    public void remove() {
      requireOpen();
      if (lastKey == null) {
        throw new IllegalStateException("Iterator.remove() must follow a call of next()");
      }
      long start = statistics.startTimer();
      CacheFacade.this.remove(lastKey, ticker.millis());
      statistics.recordRemoveTime(start);
      events.deliverSynchronous();
      lastKey = null;
    }
  }

  // ---------------------------------------------------------------- listeners, configuration, lifecycle

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    Objects.requireNonNull(listenerConfiguration, "registerCacheEntryListener(null) is not allowed");
    synchronized (configuration) {
      events.register(listenerConfiguration);
      configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
    }
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    Objects.requireNonNull(listenerConfiguration, "deregisterCacheEntryListener(null) is not allowed");
    synchronized (configuration) {
      events.deregister(listenerConfiguration);
      configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    }
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    Objects.requireNonNull(clazz, "getConfiguration needs a configuration class");
    TwatConfiguration<K, V> copy;
    synchronized (configuration) {
      copy = new TwatConfiguration<>(configuration);
    }
    if (clazz.isInstance(copy)) {
      return clazz.cast(copy);
    }
    throw new IllegalArgumentException("The configuration of cache \"" + name + "\" is a "
        + TwatConfiguration.class.getName() + ", which is not a " + clazz.getName()
        + "; ask for CompleteConfiguration.class or TwatConfiguration.class");
  }

  /** Returns the live configuration; for the manager's MXBeans and management switches. */
  CompleteConfiguration<K, V> liveConfiguration() {
    return configuration;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closeQuietly()) {
      manager.forget(this);
    }
  }

  /**
   * Closes the cache without telling the manager: unregisters its MXBeans, closes the user's
   * closeable loader, writer, expiry policy and listeners, and closes the store.
   *
   * @return whether this call closed it (false if it was closed already)
   */
  boolean closeQuietly() {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    for (TwatAsyncCache<K, V> view : asyncViews) {
      view.close();
    }
    setManagementEnabled(false);
    setStatisticsEnabled(false);
    loader.close();
    writer.close();
    Closeables.closeQuietly(expiry.policy());
    events.close();
    store.close();
    return true;
  }

  /** Clears the data of the store; for {@code destroyCache}. */
  void destroyData() {
    try {
      store.destroy();
    } catch (StoreException e) {
      throw storeFailure(e);
    }
  }

  /** Turns statistics on or off, registering or unregistering the statistics MXBean. */
  void setStatisticsEnabled(boolean enabled) {
    synchronized (configuration) {
      configuration.setStatisticsEnabled(enabled);
    }
    statistics.setEnabled(enabled);
    if (enabled && !closed) {
      MBeans.register(statistics, objectName(MBeans.Type.CacheStatistics));
    } else {
      MBeans.unregister(objectName(MBeans.Type.CacheStatistics));
    }
    updateTiersBean();
  }

  /** Registers the tiers MXBean while management or statistics is enabled, unregisters it otherwise. */
  private void updateTiersBean() {
    boolean wanted;
    synchronized (configuration) {
      wanted = !closed && (configuration.isManagementEnabled() || configuration.isStatisticsEnabled());
    }
    javax.management.ObjectName tiersName = MBeans.tiersObjectName(manager.getURI().toString(), name);
    if (wanted) {
      MBeans.register(new CacheTiersBean(this::backend, folder(), this::tiers), tiersName);
    } else {
      MBeans.unregister(tiersName);
    }
  }

  /** Turns management on or off, registering or unregistering the configuration MXBean. */
  void setManagementEnabled(boolean enabled) {
    synchronized (configuration) {
      configuration.setManagementEnabled(enabled);
    }
    if (enabled && !closed) {
      MBeans.register(configurationBean, objectName(MBeans.Type.CacheConfiguration));
    } else {
      MBeans.unregister(objectName(MBeans.Type.CacheConfiguration));
    }
    updateTiersBean();
  }

  private javax.management.ObjectName objectName(MBeans.Type type) {
    return MBeans.objectName(type, manager.getURI().toString(), name);
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cache \"" + name + "\" unwraps only to " + CacheFacade.class.getName()
        + " or its supertypes, not to " + clazz.getName());
  }

  @Override
  public String toString() {
    return "TwatCache[" + name + " on " + manager.getURI() + ": " + store.describe() + "]";
  }

  // ---------------------------------------------------------------- helpers

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache \"" + name + "\" is closed; get an open one from its CacheManager");
    }
  }

  private void requireKey(Object key) {
    if (key == null) {
      throw new NullPointerException("A cache key must not be null");
    }
    if (!keyType.isInstance(key)) {
      throw new ClassCastException("Cache \"" + name + "\" has keys of type " + keyType.getName()
          + ", not " + key.getClass().getName());
    }
  }

  private void requireValue(Object value) {
    if (value == null) {
      throw new NullPointerException("A cache value must not be null; use remove(key) to remove an entry");
    }
    if (!valueType.isInstance(value)) {
      throw new ClassCastException("Cache \"" + name + "\" has values of type " + valueType.getName()
          + ", not " + value.getClass().getName());
    }
  }

  private void requireKeys(Set<? extends K> keys) {
    Objects.requireNonNull(keys, "The set of keys must not be null");
    for (K key : keys) {
      requireKey(key);
    }
  }

  private void countConditional(int outcome, boolean put) {
    if (outcome == ABSENT) {
      statistics.recordMisses(1);
    } else {
      statistics.recordHits(1);
    }
    if (outcome == MATCHED) {
      if (put) {
        statistics.recordPuts(1);
      } else {
        statistics.recordRemovals(1);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private V value(Object stored) {
    return (V) copier.fromStore(stored);
  }

  @SuppressWarnings("unchecked")
  private K copyKey(K key) {
    return (K) copier.copyKey(key);
  }

  private StoreEntry storeGet(K key) {
    try {
      return store.get(key);
    } catch (StoreException e) {
      throw storeFailure(e);
    }
  }

  private StoreEntry storeCompute(K key, BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function) {
    try {
      return store.compute(key, events.queuedOnSuccess(function));
    } catch (StoreException e) {
      throw storeFailure(e);
    }
  }

  private Iterator<Map.Entry<K, StoreEntry>> storeIterator() {
    try {
      return store.iterator();
    } catch (StoreException e) {
      throw storeFailure(e);
    }
  }

  private CacheException storeFailure(StoreException e) {
    return new CacheException("Cache \"" + name + "\" on " + manager.getURI() + ": " + e.getMessage(), e);
  }
}

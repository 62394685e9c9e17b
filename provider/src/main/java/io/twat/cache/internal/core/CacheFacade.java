/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.AsyncCache;
import io.twat.cache.CacheStats;
import io.twat.cache.Ticker;
import io.twat.cache.TwatCache;
import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.copy.Copier;
import io.twat.cache.internal.event.EventDispatcher;
import io.twat.cache.internal.expiry.ExpiryCalculator;
import io.twat.cache.internal.integration.Closeables;
import io.twat.cache.internal.integration.Loader;
import io.twat.cache.internal.integration.Writer;
import io.twat.cache.internal.management.CacheStatistics;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * The JCache facade over a {@link Store}: the one place where the semantics of
 * {@link javax.cache.Cache} live (argument checks, the closed state, expiry, events, statistics,
 * read-through, write-through and entry processors), for every kind of store.
 *
 * <p>Each public operation checks its arguments and that the cache is open, reads the clock
 * once, counts its hits, misses and time, and delivers to the synchronous listeners before it
 * returns. The rest is delegated to pieces made once per cache (see the package documentation),
 * each a null object where a feature is off (a disabled writer or loader, an identity copier),
 * so that the hot methods carry no {@code if (feature)}. Every change of an entry is made by
 * {@link EntryChanges} in {@link Store#compute}, while the store holds the key: a failing writer
 * leaves the entry as it was, and the events of a key are queued in the order of its changes.
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
  /** The JCache expiry policies whose {@code getExpiryForAccess} is null. */
  private static final Set<Class<?>> QUIET_ACCESS = Set.of(EternalExpiryPolicy.class,
      CreatedExpiryPolicy.class, ModifiedExpiryPolicy.class);

  private final String name;
  private final TwatCacheManager manager;
  private final ArgumentChecks checks;
  private final StoreAccess<K> store;
  private final Ticker ticker;
  private final ExpiryCalculator expiry;
  private final Loader<K, V> loader;
  private final Loader<K, V> readThrough;
  private final Writer<K, V> writer;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics = new CacheStatistics();
  private final EntryChanges<K, V> changes;
  private final EntryProcessing<K, V> processing;
  private final BatchOperations<K, V> batches;
  private final AsyncViews<K, V> asyncViews;
  private final CacheManagement<K, V> management;
  /**
   * Whether a get may skip the full path when statistics are off and no listener is registered:
   * no read-through, and an expiry policy of a JCache class whose access duration is null (a
   * read changes no deadline, and the policy cannot tell whether it was asked).
   */
  private final boolean quietReads;
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
    this.checks = new ArgumentChecks(name, configuration.getKeyType(),
        configuration.getValueType());
    // An eternal cache never compares times (every deadline is NEVER), so it skips the clock: a
    // wall-clock read costs about 33 ns on a VM, most of an unbounded get (benchmarks/results).
    this.ticker = expiryPolicy instanceof EternalExpiryPolicy
        ? NO_CLOCK : configuration.getTicker();
    this.expiry = new ExpiryCalculator(expiryPolicy);
    this.loader = configuration.getCacheLoaderFactory() == null
        ? Loader.disabled() : Loader.of(configuration.getCacheLoaderFactory().create());
    this.readThrough = configuration.isReadThrough() ? loader : Loader.disabled();
    this.quietReads =
        !configuration.isReadThrough() && QUIET_ACCESS.contains(expiryPolicy.getClass());
    this.writer = configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
        ? Writer.of(configuration.getCacheWriterFactory().create()) : Writer.disabled();
    this.events = new EventDispatcher<>(this, copier, executor);
    for (CacheEntryListenerConfiguration<K, V> listener
        : configuration.getCacheEntryListenerConfigurations()) {
      events.register(listener);
    }
    this.store = new StoreAccess<>(store, events, copier,
        "Cache \"" + name + "\" on " + manager.getURI());
    this.changes = new EntryChanges<>(this.store, copier, expiry, writer, events, statistics);
    this.processing = new EntryProcessing<>(this.store, changes, writer, events, statistics,
        readThrough, configuration.getValueType());
    this.batches = new BatchOperations<>(this, changes, writer, loader, readThrough, ticker,
        statistics, events, executor);
    this.asyncViews = new AsyncViews<>(this, manager::asyncExecutor);
    this.management = new CacheManagement<>(name, manager.getURI().toString(), configuration,
        store, statistics, events, this::isClosed);
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

  // ---------------------------------------------------------------- introspection

  @Override
  public CacheStats stats() {
    requireOpen();
    return management.stats();
  }

  @Override
  public String backend() {
    return management.backend();
  }

  @Override
  public Optional<Path> folder() {
    return management.folder();
  }

  // ---------------------------------------------------------------- async views

  @Override
  public AsyncCache<K, V> async() {
    requireOpen();
    return asyncViews.defaultView();
  }

  @Override
  public AsyncCache<K, V> async(Executor executor) {
    requireOpen();
    Objects.requireNonNull(executor, "async(executor) needs an executor, not null");
    return asyncViews.newView(executor);
  }

  /** Returns the value of a live entry without counting, touching or loading; for single flight. */
  V peek(K key) {
    requireOpen();
    StoreEntry entry = store.get(key);
    return entry == null || entry.isExpired(ticker.millis()) ? null : changes.value(entry.value());
  }

  /**
   * Stores a value an async loader made, unless the key has a live value: a put, not written
   * through.
   */
  void putLoaded(K key, V value) {
    requireOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    long start = statistics.startTimer();
    changes.storeLoaded(key, value, ticker.millis(), /* replaceExisting= */ false);
    statistics.recordPutTime(start);
    events.deliverSynchronous();
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(K key) {
    requireOpen();
    checks.requireKey(key);
    if (quietReads && !statistics.isEnabled() && !events.hasListeners()) {
      // Nothing to count, deliver or load, and no deadline that a read changes: the whole get is
      // the store's read, kept this small so that the JIT inlines it into the caller (see
      // docs/performance.md, "A get with nothing to count"). An expired entry takes the full
      // path, which removes it.
      Object value = store.liveValue(key, ticker.millis());
      if (value == null) {
        return null;
      }
      if (value != Store.EXPIRED) {
        return changes.value(value);
      }
    }
    return getCounted(key);
  }

  /** The full get: timed, counted, loading on a miss, applying access expiry and events. */
  private V getCounted(K key) {
    long start = statistics.startTimer();
    V value = getOrLoad(key, ticker.millis());
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    return value;
  }

  private V getOrLoad(K key, long now) {
    Object stored = changes.readLive(key, now);
    if (stored != null) {
      statistics.recordHits(1);
      return changes.value(stored);
    }
    statistics.recordMisses(1);
    if (!readThrough.isEnabled()) {
      return null;
    }
    V loaded = readThrough.load(key);
    if (loaded == null) {
      return null;
    }
    changes.storeLoaded(key, loaded, now, /* replaceExisting= */ false);
    return loaded;
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireOpen();
    checks.requireKeys(keys);
    return batches.getAll(keys);
  }

  @Override
  public boolean containsKey(K key) {
    requireOpen();
    checks.requireKey(key);
    long now = ticker.millis();
    StoreEntry entry = store.get(key);
    if (entry == null) {
      return false;
    }
    if (entry.isExpired(now)) {
      changes.expire(key, now);
      events.deliverSynchronous();
      return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    requireOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    long start = statistics.startTimer();
    changes.put(key, value, /* writeThrough= */ true, ticker.millis());
    statistics.recordPutTime(start);
    events.deliverSynchronous();
  }

  @Override
  public V getAndPut(K key, V value) {
    requireOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    long start = statistics.startTimer();
    Object previous = changes.put(key, value, /* writeThrough= */ true, ticker.millis());
    countLookup(previous != null);
    statistics.recordPutTime(start);
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    return previous == null ? null : changes.value(previous);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    requireOpen();
    Objects.requireNonNull(map, "putAll(null) is not allowed; pass a map of entries");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      checks.requireKey(entry.getKey());
      checks.requireValue(entry.getValue());
    }
    batches.putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    long start = statistics.startTimer();
    KeyChange change = changes.putIfAbsent(key, value, ticker.millis());
    countLookup(change.found());
    statistics.recordPutTime(start);
    events.deliverSynchronous();
    return !change.found();
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireOpen();
    checks.requireKey(key);
    checks.requireValue(oldValue);
    checks.requireValue(newValue);
    long start = statistics.startTimer();
    KeyChange change = changes.replace(key, oldValue, newValue, ticker.millis());
    countLookup(change.found());
    statistics.recordPutTime(start);
    events.deliverSynchronous();
    return change.matched;
  }

  @Override
  public boolean replace(K key, V value) {
    return replaceAndGet(key, value) != null;
  }

  @Override
  public V getAndReplace(K key, V value) {
    Object previous = replaceAndGet(key, value);
    return previous == null ? null : changes.value(previous);
  }

  /** Replaces a live value; returns the stored form of the one replaced, or null. */
  private Object replaceAndGet(K key, V value) {
    requireOpen();
    checks.requireKey(key);
    checks.requireValue(value);
    long start = statistics.startTimer();
    Object previous = changes.replace(key, value, ticker.millis());
    countLookup(previous != null);
    statistics.recordPutTime(start);
    events.deliverSynchronous();
    return previous;
  }

  // ---------------------------------------------------------------- removals

  @Override
  public boolean remove(K key) {
    requireOpen();
    checks.requireKey(key);
    long start = statistics.startTimer();
    boolean removed = changes.remove(key, ticker.millis()) != null;
    statistics.recordRemoveTime(start);
    events.deliverSynchronous();
    return removed;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireOpen();
    checks.requireKey(key);
    checks.requireValue(oldValue);
    long start = statistics.startTimer();
    KeyChange change = changes.remove(key, oldValue, ticker.millis());
    countLookup(change.found());
    statistics.recordRemoveTime(start);
    events.deliverSynchronous();
    return change.matched;
  }

  @Override
  public V getAndRemove(K key) {
    requireOpen();
    checks.requireKey(key);
    long start = statistics.startTimer();
    Object previous = changes.remove(key, ticker.millis());
    countLookup(previous != null);
    statistics.recordRemoveTime(start);
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    return previous == null ? null : changes.value(previous);
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireOpen();
    checks.requireKeys(keys);
    batches.removeAll(keys);
  }

  @Override
  public void removeAll() {
    requireOpen();
    Set<K> keys = new HashSet<>();
    for (Iterator<Map.Entry<K, StoreEntry>> it = store.iterator(); it.hasNext(); ) {
      keys.add(it.next().getKey());
    }
    batches.removeAll(keys);
  }

  @Override
  public void clear() {
    requireOpen();
    store.clear();
  }

  // ---------------------------------------------------------------- loading and processors

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues,
      CompletionListener completionListener) {
    requireOpen();
    checks.requireKeys(keys);
    batches.loadAll(keys, replaceExistingValues, completionListener);
  }

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    requireOpen();
    checks.requireKey(key);
    Objects.requireNonNull(entryProcessor, "invoke needs an EntryProcessor, not null");
    long start = statistics.startTimer();
    T returned = processing.invoke(key, entryProcessor, arguments, ticker.millis());
    statistics.recordGetTime(start);
    events.deliverSynchronous();
    return returned;
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys,
      EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
    requireOpen();
    checks.requireKeys(keys);
    Objects.requireNonNull(entryProcessor, "invokeAll needs an EntryProcessor, not null");
    return EntryProcessing.invokeAll(this, keys, entryProcessor, arguments);
  }

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    requireOpen();
    return new EntryIterator<>(this, store.iterator(), changes, ticker, statistics, events);
  }

  // ---------------------------------------------------------------- listeners, configuration

  @Override
  public void registerCacheEntryListener(
      CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    management.registerListener(listenerConfiguration);
  }

  @Override
  public void deregisterCacheEntryListener(
      CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    requireOpen();
    management.deregisterListener(listenerConfiguration);
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    return management.copy(clazz);
  }

  /** Returns the live configuration; for the manager's MXBeans and management switches. */
  CompleteConfiguration<K, V> liveConfiguration() {
    return management.live();
  }

  /** Turns statistics on or off, registering or unregistering the statistics MXBean. */
  void setStatisticsEnabled(boolean enabled) {
    management.setStatisticsEnabled(enabled);
  }

  /** Turns management on or off, registering or unregistering the configuration MXBean. */
  void setManagementEnabled(boolean enabled) {
    management.setManagementEnabled(enabled);
  }

  // ---------------------------------------------------------------- lifecycle

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
    asyncViews.closeAll();
    management.setManagementEnabled(false);
    management.setStatisticsEnabled(false);
    loader.close();
    writer.close();
    Closeables.closeQuietly(expiry.policy());
    events.close();
    store.close();
    return true;
  }

  /** Clears the data of the store; for {@code destroyCache}. */
  void destroyData() {
    store.destroy();
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cache \"" + name + "\" unwraps only to "
        + CacheFacade.class.getName() + " or its supertypes, not to " + clazz.getName());
  }

  @Override
  public String toString() {
    return "TwatCache[" + name + " on " + manager.getURI() + ": " + backend() + "]";
  }

  // ---------------------------------------------------------------- checks

  /** Throws if the cache is closed; for this cache's operations and its iterators. */
  void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Cache \"" + name
          + "\" is closed; get an open one from its CacheManager");
    }
  }

  /** Counts a hit if the operation found a live value for its key, a miss if not. */
  private void countLookup(boolean found) {
    if (found) {
      statistics.recordHits(1);
    } else {
      statistics.recordMisses(1);
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.internal.config.ManagerSettings;
import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.copy.CheckingCopier;
import io.twat.cache.internal.copy.Copier;
import io.twat.cache.internal.copy.SerializingCopier;
import io.twat.cache.internal.crypto.Keyring;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreFactory;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.StoreSpec;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.spi.CachingProvider;

/**
 * A named set of caches on one kind of store, as its URI says. Creating, finding and destroying
 * caches, and switching their statistics and management MXBeans, happen here; what a cache does
 * lives in {@link CacheFacade}.
 *
 * <p>Caches that a persistent store kept from earlier managers (of this or another JVM) are
 * part of the manager too: {@link #getCacheNames()} lists them, {@link #getCache(String)} reopens
 * one with a configuration rebuilt from what the store recorded, and {@link #destroyCache}
 * deletes its data.
 *
 * <p>Reopening: {@link #createCache} records the configuration it was given with the cache's data
 * ({@link ConfigurationRecord}: the expiry policy, statistics, management and the bounds of a
 * {@link TwatConfiguration}; the store records the key and value types), and a later
 * {@code getCache} of the cache, in this JVM or another, rebuilds that configuration,
 * store-by-value, with its MXBeans registered if management was enabled. The last
 * {@code createCache} of a name is the one recorded; statistics and management switched at run time
 * ({@link #enableStatistics}, {@link #enableManagement}) are not. Loaders, writers and listeners
 * are code and are not recorded: a reopened cache has none (create it again with its full
 * configuration, which attaches to its data, to have them). A cache created with encryption keys of
 * its own is not reopened by {@code getCache}, which cannot know them: that fails with a
 * {@link CacheException} saying to create it with its keys. A record of an earlier version (types
 * only) reopens with the JCache defaults, as it did then; a damaged one falls back to the defaults
 * of what it cannot give, with a WARNING.
 *
 * <p>Each manager owns a pool of daemon threads for asynchronous listeners and {@code loadAll},
 * stopped on {@link #close()}.
 *
 * <p>Thread-safe.
 */
public final class TwatCacheManager implements CacheManager {
  private static final Logger LOG = System.getLogger(TwatCacheManager.class.getName());
  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

  private final CachingProvider provider;
  private final Runnable onClose;
  private final URI uri;
  private final WeakReference<ClassLoader> classLoader;
  private final Properties properties;
  private final ManagerSettings settings;
  private final StoreFactory storeFactory;
  private final StoreFactory heapFactory;
  private final CacheRecords records;
  private final Map<String, CacheFacade<?, ?>> caches = new ConcurrentHashMap<>();
  private final ExecutorService executor;
  private volatile ExecutorService asyncExecutor;
  private volatile boolean closed;

  /**
   * Creates a manager; {@link io.twat.cache.spi.TwatCachingProvider} is the only caller.
   *
   * @param provider the provider that made it
   * @param uri the manager's URI, as asked for
   * @param classLoader the class loader of its caches
   * @param properties the properties it was asked with
   * @param settings its resolved settings
   * @param storeFactory makes the stores of its kind
   * @param heapFactory makes the heap stores of store-by-reference caches when the kind's stores
   *     can only keep copies (disk stores)
   * @param onClose tells the provider that it closed
   */
  public TwatCacheManager(
      CachingProvider provider,
      URI uri,
      ClassLoader classLoader,
      Properties properties,
      ManagerSettings settings,
      StoreFactory storeFactory,
      StoreFactory heapFactory,
      Runnable onClose) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = new WeakReference<>(classLoader);
    this.properties = properties;
    this.settings = settings;
    this.storeFactory = storeFactory;
    this.records = new CacheRecords(storeFactory, uri, this::getClassLoader);
    this.heapFactory = heapFactory;
    this.onClose = onClose;
    this.executor = Executors.newCachedThreadPool(daemonThreads("twat-cache-" + uri));
  }

  private static ThreadFactory daemonThreads(String prefix) {
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + THREAD_NUMBER.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Returns the pool the async views of this manager's caches run on by default: daemon threads,
   * at most twice the number of processors and at least four, idle ones ending after a minute.
   * Made on first use; stopped when the manager closes.
   */
  ExecutorService asyncExecutor() {
    ExecutorService pool = asyncExecutor;
    if (pool == null) {
      synchronized (this) {
        pool = asyncExecutor;
        if (pool == null) {
          int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
          ThreadPoolExecutor bounded = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
              new LinkedBlockingQueue<>(), daemonThreads("twat-cache-async-" + uri));
          bounded.allowCoreThreadTimeOut(true);
          pool = bounded;
          asyncExecutor = pool;
        }
      }
    }
    return pool;
  }

  /** Returns the resolved settings of this manager. */
  public ManagerSettings settings() {
    return settings;
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader.get();
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String cacheName, C configuration) {
    requireOpen();
    Objects.requireNonNull(cacheName, "createCache needs a cache name, not null");
    Objects.requireNonNull(configuration, "createCache needs a configuration, not null");
    TwatConfiguration<K, V> copy = copyOf(configuration);
    // what the application asked for, before the cache is made from it
    ConfigurationRecord record = ConfigurationRecord.of(copy);
    synchronized (caches) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("A cache named \"" + cacheName + "\" exists already in " + uri
            + "; use getCache(\"" + cacheName + "\") or destroyCache it first");
      }
      CacheFacade<K, V> cache = newCache(cacheName, copy);
      caches.put(cacheName, cache);
      LOG.log(Level.INFO, () -> "cache \"" + cacheName + "\" on " + uri + ": " + cache.backend());
      if (storeFactory.keepsCaches() && (copy.isStoreByValue() || !storeFactory.copiesValues())) {
        records.record(cacheName, record);
      }
      return cache;
    }
  }

  private <K, V> CacheFacade<K, V> newCache(
      String cacheName, TwatConfiguration<K, V> configuration) {
    // the configuration file's settings for this cache, where its configuration is silent
    settings.cacheSettings(cacheName).applyTo(configuration);
    long maxEntries = configuration.getMaxEntries() == TwatConfiguration.INHERIT
        ? settings.maxEntries() : configuration.getMaxEntries();
    StoreFactory factory = storeFactory;
    if (!configuration.isStoreByValue() && storeFactory.copiesValues()) {
      // A disk holds copies only; references can live on the heap alone.
      factory = heapFactory;
      LOG.log(
          Level.WARNING,
          () ->
              "cache \""
                  + cacheName
                  + "\" on "
                  + uri
                  + " is store-by-reference, so its entries stay on the heap and are not written to"
                  + " disk; configure it store-by-value (the JCache default) to keep them on disk");
    }
    // A store that copies (serializes) values itself needs only a check that they serialize, made
    // before the writer sees them or the cache changes.
    Copier copier = !configuration.isStoreByValue() ? Copier.IDENTITY
        : factory.copiesValues() ? new CheckingCopier(/* copyKeys= */ !factory.copiesKeys())
        : new SerializingCopier();
    ExpiryPolicy expiryPolicy = configuration.getExpiryPolicyFactory().create();
    StoreEvents storeEvents = new StoreEvents();
    long maxBytes = configuration.getMaxBytes() == TwatConfiguration.INHERIT ? settings.maxBytes()
        : configuration.getMaxBytes();
    List<javax.crypto.SecretKey> keys = configuration.getEncryptionKeys();
    Keyring keyring = keys.isEmpty() ? null : Keyring.of(keys.get(0), keys.subList(1, keys.size()));
    Store<K> store;
    try {
      store =
          factory.create(
              new StoreSpec(
                  cacheName,
                  maxEntries,
                  storeEvents,
                  configuration.getTicker(),
                  /* expiring= */ !(expiryPolicy instanceof EternalExpiryPolicy),
                  configuration.getKeyType(),
                  configuration.getValueType(),
                  maxBytes,
                  keyring));
    } catch (StoreException e) {
      throw new CacheException(
          "Could not open the store of cache \""
              + cacheName
              + "\" on "
              + uri
              + ": "
              + e.getMessage(),
          e);
    }
    CacheFacade<K, V> cache =
        new CacheFacade<>(cacheName, this, configuration, expiryPolicy, store, copier, executor);
    storeEvents.target = cache;
    if (configuration.isManagementEnabled()) {
      cache.setManagementEnabled(true);
    }
    if (configuration.isStatisticsEnabled()) {
      cache.setStatisticsEnabled(true);
    }
    return cache;
  }

  /** Hands what the store did on its own to the cache that is made after the store. */
  private static final class StoreEvents implements StoreListener {
    private volatile CacheFacade<?, ?> target;

    @Override
    public void onEvicted(int count) {
      CacheFacade<?, ?> cache = target;
      if (cache != null) {
        cache.storeEvicted(count);
      }
    }

    @Override
    public void onExpired(Object key, StoreEntry entry) {
      CacheFacade<?, ?> cache = target;
      if (cache != null) {
        cache.storeExpired(key, entry);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <K, V> TwatConfiguration<K, V> copyOf(Configuration<K, V> configuration) {
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      return new TwatConfiguration<>(complete);
    }
    MutableConfiguration<K, V> basic = new MutableConfiguration<K, V>()
        .setTypes(configuration.getKeyType(), configuration.getValueType())
        .setStoreByValue(configuration.isStoreByValue());
    return new TwatConfiguration<>((CompleteConfiguration<K, V>) basic);
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    requireOpen();
    Objects.requireNonNull(cacheName, "getCache needs a cache name, not null");
    Objects.requireNonNull(keyType, "getCache needs a key type, not null");
    Objects.requireNonNull(valueType, "getCache needs a value type, not null");
    CacheFacade<?, ?> cache = openOrReopen(cacheName);
    if (cache == null) {
      return null;
    }
    CompleteConfiguration<?, ?> configuration = cache.liveConfiguration();
    if (configuration.getKeyType() != keyType || configuration.getValueType() != valueType) {
      throw new ClassCastException(
          "Cache \""
              + cacheName
              + "\" holds "
              + configuration.getKeyType().getName()
              + " -> "
              + configuration.getValueType().getName()
              + ", not "
              + keyType.getName()
              + " -> "
              + valueType.getName()
              + "; ask with the types it was created with");
    }
    @SuppressWarnings("unchecked")
    Cache<K, V> typed = (Cache<K, V>) cache;
    return typed;
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "getCache needs a cache name, not null");
    @SuppressWarnings("unchecked")
    Cache<K, V> cache = (Cache<K, V>) openOrReopen(cacheName);
    return cache;
  }

  /**
   * Returns the open cache of that name, else reopens the one a persistent store kept, else null.
   */
  private CacheFacade<?, ?> openOrReopen(String cacheName) {
    CacheFacade<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      return cache;
    }
    PersistedCache persisted =
        records.persisted().stream()
            .filter(p -> p.cacheName().equals(cacheName))
            .findFirst()
            .orElse(null);
    if (persisted == null) {
      return null;
    }
    synchronized (caches) {
      cache = caches.get(cacheName);
      if (cache == null) {
        cache = reopen(persisted);
        caches.put(cacheName, cache);
        CacheFacade<?, ?> reopened = cache;
        LOG.log(
            Level.INFO,
            () ->
                "cache \""
                    + cacheName
                    + "\" on "
                    + uri
                    + " reopened from its data: "
                    + reopened.backend());
      }
      return cache;
    }
  }

  /** Makes the cache of a record, configured as it says (see {@link ConfigurationRecord}). */
  private CacheFacade<Object, Object> reopen(PersistedCache persisted) {
    CacheRecords.Reopening reopening = records.reopening(persisted);
    if (!reopening.expiryByClass()) {
      return newCache(persisted.cacheName(), reopening.configuration());
    }
    // the policy's ClassFactory loads its class through the context class loader: the manager's
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(reopening.loader());
    try {
      return newCache(persisted.cacheName(), reopening.configuration());
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public Iterable<String> getCacheNames() {
    requireOpen();
    TreeSet<String> names = new TreeSet<>(caches.keySet());
    for (PersistedCache persisted : records.persisted()) {
      names.add(persisted.cacheName());
    }
    return Collections.unmodifiableSet(names);
  }

  @Override
  public void destroyCache(String cacheName) {
    requireOpen();
    Objects.requireNonNull(cacheName, "destroyCache needs a cache name, not null");
    CacheFacade<?, ?> cache;
    synchronized (caches) {
      cache = caches.remove(cacheName);
    }
    if (cache != null) {
      cache.destroyData();
      cache.closeQuietly();
      return;
    }
    try {
      storeFactory.destroyPersisted(cacheName);
    } catch (StoreException e) {
      throw new CacheException(
          "Could not delete the data of cache \""
              + cacheName
              + "\" on "
              + uri
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>For this manager's cache only: the switch is not recorded with a persistent cache's data,
   * so a later JVM reopens it with management as it was created.
   */
  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    requireOpen();
    cacheNamed(cacheName).setManagementEnabled(enabled);
  }

  /**
   * {@inheritDoc}
   *
   * <p>For this manager's cache only: the switch is not recorded with a persistent cache's data,
   * so a later JVM reopens it with statistics as it was created.
   */
  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    requireOpen();
    cacheNamed(cacheName).setStatisticsEnabled(enabled);
  }

  private CacheFacade<?, ?> cacheNamed(String cacheName) {
    Objects.requireNonNull(cacheName, "A cache name is needed, not null");
    CacheFacade<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      throw new IllegalArgumentException("There is no cache named \"" + cacheName + "\" in " + uri
          + "; its caches are " + new TreeSet<>(caches.keySet()));
    }
    return cache;
  }

  /** Forgets a cache that closed itself. */
  void forget(CacheFacade<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    onClose.run();
    List<CacheFacade<?, ?>> open;
    synchronized (caches) {
      open = new ArrayList<>(caches.values());
      caches.clear();
    }
    for (CacheFacade<?, ?> cache : open) {
      try {
        cache.closeQuietly();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Closing cache \"" + cache.getName() + "\" failed", e);
      }
    }
    executor.shutdown();
    ExecutorService async = asyncExecutor;
    if (async != null) {
      async.shutdownNow();
    }
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("A twat-cache CacheManager unwraps only to "
        + TwatCacheManager.class.getName() + " or its supertypes, not to " + clazz.getName());
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("The CacheManager " + uri + " is closed; get a new one from "
          + "Caching.getCachingProvider().getCacheManager(...)");
    }
  }

  @Override
  public String toString() {
    return "TwatCacheManager[" + uri + ", " + settings + "]";
  }
}

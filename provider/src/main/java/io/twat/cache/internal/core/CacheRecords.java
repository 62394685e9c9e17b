/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import javax.cache.CacheException;

/**
 * A manager's side of the caches its store keeps beyond it: recording a cache's configuration
 * when it is created ({@link ConfigurationRecord}), listing the caches kept, and turning a kept
 * cache's record back into its configuration, with one log line for what the record could not
 * give.
 *
 * <p>Thread-safe: it holds no mutable state; the store factory serializes its own records.
 */
final class CacheRecords {
  private static final Logger LOG = System.getLogger(TwatCacheManager.class.getName());

  private final StoreFactory storeFactory;
  private final URI uri;
  private final Supplier<ClassLoader> classLoader;

  /**
   * Serves one manager.
   *
   * @param storeFactory the manager's store factory, which keeps the records
   * @param uri the manager's URI, for messages
   * @param classLoader the manager's class loader, or null once it is collected
   */
  CacheRecords(StoreFactory storeFactory, URI uri, Supplier<ClassLoader> classLoader) {
    this.storeFactory = storeFactory;
    this.uri = uri;
    this.classLoader = classLoader;
  }

  /**
   * The configuration a kept cache is reopened with.
   *
   * @param configuration the configuration rebuilt from the record
   * @param expiryByClass whether its expiry policy is made by a {@code ClassFactory}, which loads
   *     its class through the context class loader (so it must be the manager's meanwhile)
   * @param loader the manager's class loader (the provider's once it is collected)
   */
  record Reopening(
      TwatConfiguration<Object, Object> configuration, boolean expiryByClass, ClassLoader loader) {}

  /**
   * Records the configuration of a cache kept by the store, so that managers of later JVMs reopen
   * it as it was created; a failure is logged, as the cache itself works.
   */
  void record(String cacheName, ConfigurationRecord record) {
    String failure;
    try {
      if (storeFactory.recordSettings(cacheName, record.settings())) {
        return;
      }
      failure = "its store has no record of it";
    } catch (StoreException | RuntimeException e) {
      failure = e.getMessage();
    }
    String why = failure;
    LOG.log(Level.WARNING, () -> "Could not record the configuration of cache \"" + cacheName
        + "\" on " + uri + " (" + why + "); until it is created again, getCache(\"" + cacheName
        + "\") in a new JVM reopens it with the JCache defaults (eternal, statistics and "
        + "management off)");
  }

  /** Returns the caches the store factory keeps on disk from earlier managers. */
  List<PersistedCache> persisted() {
    try {
      return storeFactory.persistedCaches();
    } catch (StoreException e) {
      throw new CacheException(
          "Could not list the caches kept by " + uri + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rebuilds the configuration of a kept cache from its record (see {@link ConfigurationRecord}).
   *
   * @throws CacheException if the cache has encryption keys of its own, which no record holds, or
   *     its key or value type is not visible to the manager's class loader
   */
  Reopening reopening(PersistedCache persisted) {
    String cacheName = persisted.cacheName();
    TwatConfiguration<Object, Object> configuration = new TwatConfiguration<>();
    configuration.setTypes(
        typeNamed(persisted, persisted.keyType()), typeNamed(persisted, persisted.valueType()));
    ClassLoader loader = loaderOfCaches();
    ConfigurationRecord.Restoration restored =
        ConfigurationRecord.restore(persisted.settings(), configuration, loader);
    if (restored.ownKeys()) {
      throw new CacheException("Cache \"" + cacheName + "\" on " + uri + " was created with "
          + "encryption keys of its own, which getCache cannot know; reopen it with createCache(\""
          + cacheName + "\", configuration) giving its keys (TwatConfiguration.setEncryptionKey), "
          + "which attaches to its data, or destroyCache(\"" + cacheName + "\") to drop the data");
    }
    logRestoration(cacheName, restored);
    return new Reopening(configuration, restored.expiryByClass(), loader);
  }

  private void logRestoration(String cacheName, ConfigurationRecord.Restoration restored) {
    if (!restored.recorded()) {
      LOG.log(Level.INFO, () -> "cache \"" + cacheName + "\" on " + uri + " was recorded without "
          + "its configuration (by an earlier version of twat-cache): reopened with the JCache "
          + "defaults (eternal, statistics and management off); createCache it with its "
          + "configuration to record one");
    }
    if (!restored.problems().isEmpty()) {
      LOG.log(Level.WARNING, () -> "cache \"" + cacheName + "\" on " + uri + " is reopened "
          + "without part of its recorded configuration: " + String.join("; ", restored.problems())
          + ". createCache it with its configuration to record it anew");
    }
    if (!restored.code().isEmpty()) {
      LOG.log(Level.INFO, () -> "cache \"" + cacheName + "\" on " + uri + " was created with a "
          + String.join(", ", restored.code()) + ", which are code and not recorded: it is "
          + "reopened without them; createCache it with its configuration to have them");
    }
  }

  /** Returns the class loader of the manager's caches, or the provider's once it is collected. */
  private ClassLoader loaderOfCaches() {
    ClassLoader loader = classLoader.get();
    return loader != null ? loader : TwatCacheManager.class.getClassLoader();
  }

  @SuppressWarnings("unchecked")
  private Class<Object> typeNamed(PersistedCache persisted, String name) {
    try {
      return (Class<Object>) Class.forName(name, /* initialize= */ false, loaderOfCaches());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CacheException("The data of cache \"" + persisted.cacheName() + "\" on " + uri
          + " holds " + persisted.keyType() + " -> " + persisted.valueType() + ", but " + name
          + " is not visible to the manager's class loader; add it to the class path, or "
          + "destroyCache(\"" + persisted.cacheName() + "\") to drop the data", e);
    }
  }
}

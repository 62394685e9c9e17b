/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.CacheStats;
import io.twat.cache.TierStatistics;
import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.event.EventDispatcher;
import io.twat.cache.internal.io.DiskUsage;
import io.twat.cache.internal.management.CacheConfigurationBean;
import io.twat.cache.internal.management.CacheStatistics;
import io.twat.cache.internal.management.CacheTiersBean;
import io.twat.cache.internal.management.MBeans;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.management.ObjectName;

/**
 * The live configuration of one cache and what is seen of the cache from outside: it changes
 * the configuration (listeners, the statistics and management switches), hands out copies of
 * it, registers and unregisters the cache's MXBeans (configuration, statistics, tiers) as the
 * switches say, and describes the cache ({@link CacheStats}, tiers, backend, folder).
 *
 * <p>The MXBeans are registered only while the cache is open: closing it turns both switches
 * off, which unregisters them.
 *
 * <p>Thread-safe: every change and copy of the live configuration holds its lock.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class CacheManagement<K, V> {
  private final String name;
  private final String managerUri;
  private final TwatConfiguration<K, V> configuration;
  private final Store<K> store;
  private final CacheStatistics statistics;
  private final EventDispatcher<K, V> events;
  private final BooleanSupplier closed;
  private final CacheConfigurationBean configurationBean;

  /**
   * Creates the management of a cache; it registers nothing yet.
   *
   * @param name the cache's name
   * @param managerUri the URI of the cache's manager
   * @param configuration the cache's own, live configuration
   * @param store the cache's store, which describes itself and its tiers
   * @param statistics the cache's JCache statistics
   * @param events the cache's listeners
   * @param closed says whether the cache is closed
   */
  CacheManagement(String name, String managerUri, TwatConfiguration<K, V> configuration,
      Store<K> store, CacheStatistics statistics, EventDispatcher<K, V> events,
      BooleanSupplier closed) {
    this.name = name;
    this.managerUri = managerUri;
    this.configuration = configuration;
    this.store = store;
    this.statistics = statistics;
    this.events = events;
    this.closed = closed;
    this.configurationBean = new CacheConfigurationBean(() -> this.configuration);
    // the tiers count their reads while the cache's statistics are enabled, which they are not yet
    store.countReads(false);
  }

  // ---------------------------------------------------------------- introspection

  /** Returns the cache's figures now; see {@link io.twat.cache.TwatCache#stats}. */
  CacheStats stats() {
    return new CacheStats(name, managerUri, backend(), folder(), statistics.isEnabled(),
        statistics.getCacheHits(), statistics.getCacheMisses(), statistics.getCachePuts(),
        statistics.getCacheRemovals(), statistics.getCacheEvictions(), tiers());
  }

  /** Returns what the store says it is. */
  String backend() {
    return store.describe();
  }

  /** Returns the folder of the cache's data, if it keeps its data on disk. */
  Optional<Path> folder() {
    return store.folder();
  }

  /**
   * Returns each tier's figures, top first. A cache on one store has one tier, {@code store},
   * whose hits, misses and evictions are the cache's JCache statistics; the tiers of {@code
   * twat:universal} count their hits and misses too only while statistics are enabled, and their
   * evictions always.
   */
  List<TierStatistics> tiers() {
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
    return List.of(new TierStatistics("store", store.describe(), folder,
        statistics.getCacheHits(), statistics.getCacheMisses(), entries,
        folder.map(DiskUsage::bytesUnder).orElse(0L), statistics.getCacheEvictions()));
  }

  // ---------------------------------------------------------------- configuration

  /** Registers a listener and records it in the configuration. */
  void registerListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    Objects.requireNonNull(listenerConfiguration,
        "registerCacheEntryListener(null) is not allowed");
    synchronized (configuration) {
      events.register(listenerConfiguration);
      configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
    }
  }

  /** Deregisters a listener and removes it from the configuration. */
  void deregisterListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    Objects.requireNonNull(listenerConfiguration,
        "deregisterCacheEntryListener(null) is not allowed");
    synchronized (configuration) {
      events.deregister(listenerConfiguration);
      configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    }
  }

  /**
   * Returns a copy of the configuration as {@code clazz}.
   *
   * @throws NullPointerException if {@code clazz} is null
   * @throws IllegalArgumentException if the configuration is not a {@code clazz}
   */
  <C extends Configuration<K, V>> C copy(Class<C> clazz) {
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

  /** Returns the live configuration itself. */
  TwatConfiguration<K, V> live() {
    return configuration;
  }

  // ---------------------------------------------------------------- MXBeans

  /** Turns statistics on or off, registering or unregistering the statistics MXBean. */
  void setStatisticsEnabled(boolean enabled) {
    synchronized (configuration) {
      configuration.setStatisticsEnabled(enabled);
    }
    statistics.setEnabled(enabled);
    store.countReads(enabled);
    if (enabled && !closed.getAsBoolean()) {
      MBeans.register(statistics, objectName(MBeans.Type.CacheStatistics));
    } else {
      MBeans.unregister(objectName(MBeans.Type.CacheStatistics));
    }
    updateTiersBean();
  }

  /** Turns management on or off, registering or unregistering the configuration MXBean. */
  void setManagementEnabled(boolean enabled) {
    synchronized (configuration) {
      configuration.setManagementEnabled(enabled);
    }
    if (enabled && !closed.getAsBoolean()) {
      MBeans.register(configurationBean, objectName(MBeans.Type.CacheConfiguration));
    } else {
      MBeans.unregister(objectName(MBeans.Type.CacheConfiguration));
    }
    updateTiersBean();
  }

  /**
   * Registers the tiers MXBean while management or statistics is enabled, unregisters it
   * otherwise.
   */
  private void updateTiersBean() {
    boolean wanted;
    synchronized (configuration) {
      wanted = !closed.getAsBoolean()
          && (configuration.isManagementEnabled() || configuration.isStatisticsEnabled());
    }
    ObjectName tiersName = MBeans.tiersObjectName(managerUri, name);
    if (wanted) {
      MBeans.register(new CacheTiersBean(this::backend, folder(), this::tiers), tiersName);
    } else {
      MBeans.unregister(tiersName);
    }
  }

  private ObjectName objectName(MBeans.Type type) {
    return MBeans.objectName(type, managerUri, name);
  }
}

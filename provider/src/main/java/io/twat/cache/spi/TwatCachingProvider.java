/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import io.twat.cache.internal.assembly.StoreAssembler;
import io.twat.cache.internal.config.Environment;
import io.twat.cache.internal.config.ManagerSettings;
import io.twat.cache.internal.core.TwatCacheManager;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The twat-cache JCache provider, found by {@code Caching.getCachingProvider()} through
 * {@code META-INF/services/javax.cache.spi.CachingProvider}.
 *
 * <p>There is one {@link CacheManager} per (class loader, URI) until it is closed. The URI picks
 * the store: {@code twat:memory} (Caffeine on the heap), {@code twat:file} (a file per entry),
 * {@code twat:db} (a JDBC database, embedded H2 by default) or {@code twat:universal} (a bounded
 * heap tier over the disk stores). Any URI without the
 * {@code twat} scheme names a manager on the default URI's store (see {@link #getDefaultURI()}),
 * except the URI of a configuration file.
 *
 * <p>A {@code file:}, {@code classpath:} or {@code jar:} URI names a Java properties file (UTF-8)
 * that configures the manager, the ecosystem's convention (Ehcache's XML, Caffeine's
 * {@code application.conf}): {@code file:///etc/app/cache.properties},
 * {@code classpath:cache.properties} (a resource of the manager's class loader) or
 * {@code jar:file:/opt/app.jar!/cache.properties}. Its keys are the property names of the
 * configuration reference ({@code twat.cache.maxEntries}, {@code twat.cache.dir}, ...), plus
 * {@code twat.cache.store} ({@code memory}, {@code db}, {@code file} or {@code universal}; without
 * it, the default URI's store) and, per cache, {@code twat.cache.caches.<cache>.<key>} with the
 * keys {@code maxEntries}, {@code maxBytes}, {@code expireAfterWrite} or
 * {@code expireAfterAccess} (ISO-8601 durations such as {@code PT10M}),
 * {@code statisticsEnabled} and {@code managementEnabled}, applied to each cache of that name whose
 * configuration leaves them open (a plain {@code new MutableConfiguration<>()} leaves them all
 * open). Precedence, highest first: a cache's own {@code TwatConfiguration}, the file, the
 * {@code Properties} given here, system properties, the defaults. A missing file, an unknown key
 * or a bad value fails with an {@link IllegalArgumentException} naming the file, the key and what
 * is allowed, as a bad {@code twat:} URI does. Passwords are refused in a file on the class path
 * or in a jar, and in a {@code file:} file that its group or others may read; a {@code file:} file
 * only its owner can read ({@code chmod 600}) may carry {@code twat.cache.password} and
 * {@code twat.cache.keyStorePassword}. The manager's URI stays the file's URI.
 *
 * <p>Thread-safe: the registry of managers is the only mutable state and is guarded by this
 * provider's monitor.
 */
public final class TwatCachingProvider implements CachingProvider {
  private final Environment environment;
  private final StoreAssembler assembler;
  private final Map<ClassLoader, Map<URI, TwatCacheManager>> managers = new WeakHashMap<>();

  /** Creates the provider; called by the {@link java.util.ServiceLoader}. */
  public TwatCachingProvider() {
    this(Environment.SYSTEM);
  }

  /**
   * Creates a provider that reads system-wide settings from {@code environment}; for tests.
   *
   * @param environment where system properties and environment variables come from
   */
  // Public for tests in other packages; Environment is internal, so no module can call it.
  @SuppressWarnings("exports")
  public TwatCachingProvider(Environment environment) {
    this(environment, new StoreAssembler(environment));
  }

  /**
   * Creates a provider whose stores come from {@code assembler}; for tests of the store wiring.
   *
   * @param environment where system properties and environment variables come from
   * @param assembler turns each manager's settings into its store factory
   */
  TwatCachingProvider(Environment environment, StoreAssembler assembler) {
    this.environment = environment;
    this.assembler = assembler;
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    synchronized (this) {
      Map<URI, TwatCacheManager> byUri = managers.computeIfAbsent(loader, l -> new HashMap<>());
      TwatCacheManager manager = byUri.get(managerUri);
      if (manager == null) {
        Properties copy = new Properties();
        if (properties != null) {
          copy.putAll(properties);
        }
        ManagerSettings settings = ManagerSettings.resolve(managerUri, copy, environment, loader);
        TwatCacheManager[] created = new TwatCacheManager[1];
        // The close hook reads the loader through the manager's weak reference: capturing it
        // here would make the registry's value hold its own weak key, so the loader never goes.
        created[0] = new TwatCacheManager(this, managerUri, loader, copy, settings,
            assembler.storeFactory(settings, loader),
            assembler.heapStoreFactory(),
            () -> release(created[0].getClassLoader(), managerUri, created[0]));
        manager = created[0];
        byUri.put(managerUri, manager);
      }
      return manager;
    }
  }

  private synchronized void release(ClassLoader loader, URI uri, TwatCacheManager manager) {
    Map<URI, TwatCacheManager> byUri = managers.get(loader);
    if (byUri != null && byUri.remove(uri, manager) && byUri.isEmpty()) {
      managers.remove(loader);
    }
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, null);
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), null);
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  /**
   * Returns the system property {@code twat.cache.defaultUri}, else the environment variable
   * {@code TWAT_CACHE_DEFAULT_URI}, else {@code twat:memory}.
   *
   * @throws IllegalArgumentException if the property or variable is not a valid {@code twat:} URI
   */
  @Override
  public URI getDefaultURI() {
    return ManagerSettings.defaultUri(environment);
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  /**
   * Closes every cache manager of this provider, and then, at once, every embedded database that
   * no store of this JVM uses any more: its journal is retired (a checkpoint, then the file
   * goes) before this returns, instead of after the short linger that closing one manager
   * leaves for a reopen. So a process that closes its provider before it exits leaves no
   * journal for the next open to read.
   */
  @Override
  public void close() {
    closeAll(openManagers(null));
  }

  /**
   * Closes the cache managers of {@code classLoader}, then the embedded databases that no store
   * uses any more, as {@link #close()} does.
   */
  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    closeAll(openManagers(loader));
  }

  private static void closeAll(List<TwatCacheManager> managers) {
    for (TwatCacheManager manager : managers) {
      manager.close();
    }
    if (!managers.isEmpty()) {
      StoreAssembler.closeUnusedDatabases();
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    TwatCacheManager manager;
    synchronized (this) {
      Map<URI, TwatCacheManager> byUri = managers.get(loader);
      manager = byUri == null ? null : byUri.get(managerUri);
    }
    if (manager != null) {
      manager.close();
    }
  }

  private synchronized List<TwatCacheManager> openManagers(ClassLoader loader) {
    List<TwatCacheManager> open = new ArrayList<>();
    for (Map.Entry<ClassLoader, Map<URI, TwatCacheManager>> entry : managers.entrySet()) {
      if (loader == null || entry.getKey() == loader) {
        open.addAll(entry.getValue().values());
      }
    }
    return open;
  }

  @Override
  public boolean isSupported(OptionalFeature optionalFeature) {
    return optionalFeature == OptionalFeature.STORE_BY_REFERENCE;
  }
}

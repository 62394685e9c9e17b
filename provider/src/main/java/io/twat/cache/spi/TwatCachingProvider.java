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
 * {@code twat} scheme names a manager on the default URI's store (see {@link #getDefaultURI()}).
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
        ManagerSettings settings = ManagerSettings.resolve(managerUri, copy, environment);
        TwatCacheManager[] created = new TwatCacheManager[1];
        // The close hook reads the loader through the manager's weak reference: capturing it
        // here would make the registry's value hold its own weak key, so the loader never goes.
        created[0] = new TwatCacheManager(this, managerUri, loader, copy, settings,
            assembler.storeFactory(settings),
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

  @Override
  public void close() {
    for (TwatCacheManager manager : openManagers(null)) {
      manager.close();
    }
  }

  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    for (TwatCacheManager manager : openManagers(loader)) {
      manager.close();
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

package io.twat.cache.spi;

import io.twat.cache.config.DiskRoot;
import io.twat.cache.config.Environment;
import io.twat.cache.config.ManagerSettings;
import io.twat.cache.config.StoreKind;
import io.twat.cache.core.TwatCacheManager;
import io.twat.cache.store.PersistedCache;
import io.twat.cache.store.Store;
import io.twat.cache.store.StoreException;
import io.twat.cache.store.StoreFactory;
import io.twat.cache.store.StoreSpec;
import io.twat.cache.store.memory.BuiltInStore;
import io.twat.cache.store.memory.CaffeineStore;
import io.twat.cache.store.tier.Tier;
import io.twat.cache.store.tier.TierFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
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
  private static final Logger LOG = System.getLogger(TwatCachingProvider.class.getName());
  private static final String CAFFEINE_CLASS = "com.github.benmanes.caffeine.cache.Caffeine";
  private static final String H2_CLASS = "org.h2.Driver";

  private final Environment environment;
  private final Map<ClassLoader, Map<URI, TwatCacheManager>> managers = new WeakHashMap<>();
  private final boolean caffeinePresent = isPresent(CAFFEINE_CLASS);
  private final AtomicBoolean caffeineFallbackLogged = new AtomicBoolean();
  private final BiFunction<ManagerSettings, Path, TierFactory> dbTier;
  private final boolean h2Present;
  private final AtomicBoolean dbFallbackLogged = new AtomicBoolean();
  private final AtomicBoolean dbTierFallbackLogged = new AtomicBoolean();

  /** Creates the provider; called by the {@link java.util.ServiceLoader}. */
  public TwatCachingProvider() {
    this(Environment.SYSTEM);
  }

  /**
   * Creates a provider that reads system-wide settings from {@code environment}; for tests.
   *
   * @param environment where system properties and environment variables come from
   */
  public TwatCachingProvider(Environment environment) {
    this(environment, (settings, folder) -> dbTier(environment, settings, folder), isPresent(H2_CLASS));
  }

  /**
   * Creates a provider with a given db tier; for tests of the db tier's wiring and fallback.
   *
   * @param environment where system properties and environment variables come from
   * @param dbTier makes the db tier of twat:universal from a manager's settings and folder
   * @param h2Present whether H2 is on the class path
   */
  TwatCachingProvider(Environment environment, BiFunction<ManagerSettings, Path, TierFactory> dbTier,
      boolean h2Present) {
    this.environment = environment;
    this.dbTier = dbTier;
    this.h2Present = h2Present;
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
            storeFactory(settings),
            memoryStoreFactory(ManagerSettings.MemoryPolicy.TINYLFU),
            () -> release(created[0].getClassLoader(), managerUri, created[0]));
        manager = created[0];
        byUri.put(managerUri, manager);
      }
      return manager;
    }
  }

  private StoreFactory storeFactory(ManagerSettings settings) {
    StoreKind kind = settings.kind();
    return switch (kind) {
      case MEMORY -> memoryStoreFactory(settings.policy());
      case FILE -> new FileStoreFactory(managerFolder(settings), settings);
      case DB -> dbStoreFactory(settings);
      case UNIVERSAL -> new UniversalStoreFactory(settings, managerFolder(settings),
          memoryStoreFactory(settings.policy()), smallValueTier(settings));
    };
  }

  /** Returns the manager's folder: its {@code dir} setting, else the disk root + its kind. */
  private Path managerFolder(ManagerSettings settings) {
    return settings.dir().orElseGet(() -> DiskRoot.resolve(environment).resolve(settings.kind().uriName()));
  }

  /**
   * Returns the db store's factory, or, when the embedded database is asked for and H2 is not on
   * the class path, the file store's in the same folder, with one WARNING. A {@code url} naming
   * another database needs only that database's driver.
   */
  private StoreFactory dbStoreFactory(ManagerSettings settings) {
    if (settings.url().isEmpty() && !h2Present) {
      if (dbFallbackLogged.compareAndSet(false, true)) {
        LOG.log(Level.WARNING, "H2 (" + H2_CLASS + ") is not on the class path: twat:db keeps its caches in the "
            + "file store (one file per entry) in " + managerFolder(settings) + ". Add com.h2database:h2 to use the "
            + "embedded database, or give url= for another database.");
      }
      return new FileStoreFactory(managerFolder(settings), settings);
    }
    return new DbStoreFactory(managerFolder(settings), settings, environment);
  }
  /** The db tier of {@code twat:universal}: the db store, its embedded database in the manager's folder. */
  private static TierFactory dbTier(Environment environment, ManagerSettings settings, Path folder) {
    DbStoreFactory db = new DbStoreFactory(folder, settings, environment);
    Optional<Path> dataFolder = settings.url().isPresent() ? Optional.empty() : Optional.of(folder);
    return new TierFactory() {
      @Override
      public <K> Tier<K> create(StoreSpec spec) throws StoreException {
        return new Tier<>("db", db.create(spec), dataFolder);
      }

      @Override
      public List<PersistedCache> persistedCaches() throws StoreException {
        return db.persistedCaches();
      }

      @Override
      public boolean destroyPersisted(String cacheName) throws StoreException {
        return db.destroyPersisted(cacheName);
      }
    };
  }


  private StoreFactory memoryStoreFactory(ManagerSettings.MemoryPolicy policy) {
    switch (policy) {
      case LRU:
        return builtIn(BuiltInStore.Policy.LRU);
      case FIFO:
        return builtIn(BuiltInStore.Policy.FIFO);
      default:
        if (caffeinePresent) {
          return CaffeineStore::create;
        }
        if (caffeineFallbackLogged.compareAndSet(false, true)) {
          LOG.log(Level.WARNING, "Caffeine (" + CAFFEINE_CLASS + ") is not on the class path: twat:memory (and the "
              + "heap tier of twat:universal) uses the "
              + "built-in LRU store instead of Caffeine's W-TinyLFU. Add com.github.ben-manes.caffeine:caffeine "
              + "to use it, or set policy=lru to choose the built-in store explicitly.");
        }
        return builtIn(BuiltInStore.Policy.LRU);
    }
  }

  /**
   * Returns the db tier of a {@code twat:universal} manager whose {@code tiers} name it, or empty
   * (the file store takes small values too) with one WARNING when the db store or H2 is missing.
   */
  private Optional<TierFactory> smallValueTier(ManagerSettings settings) {
    if (!settings.tiers().db()) {
      return Optional.empty();
    }
    if (h2Present || settings.url().isPresent()) {
      return Optional.of(dbTier.apply(settings, managerFolder(settings)));
    }
    if (dbTierFallbackLogged.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "H2 (" + H2_CLASS + ") is not on the class path: twat:universal with tiers="
          + settings.tiers() + " keeps small values in the file store too. Add com.h2database:h2 to use the db "
          + "store, give url= for another database, or set tiers=memory,file.");
    }
    return Optional.empty();
  }

  private static StoreFactory builtIn(BuiltInStore.Policy policy) {
    return new StoreFactory() {
      @Override
      public <K> Store<K> create(StoreSpec spec) {
        return new BuiltInStore<>(spec, policy);
      }
    };
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, /* initialize= */ false, TwatCachingProvider.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
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

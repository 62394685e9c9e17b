/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.assembly;

import io.twat.cache.internal.config.DiskRoot;
import io.twat.cache.internal.config.Environment;
import io.twat.cache.internal.config.ManagerSettings;
import io.twat.cache.internal.config.StoreKind;
import io.twat.cache.internal.crypto.TrustKeyFile;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreFactory;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.db.DbStore;
import io.twat.cache.internal.store.memory.BuiltInStore;
import io.twat.cache.internal.store.memory.CaffeineStore;
import io.twat.cache.internal.store.tier.Tier;
import io.twat.cache.internal.store.tier.TierFactory;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Turns a manager's settings into the factory of its caches' stores: the one place that knows the
 * store kinds, their fallbacks when an optional library (Caffeine, H2) is missing, and how the
 * tiers of {@code twat:universal} are chained.
 *
 * <p>Thread-safe: its only mutable state are the flags that log each fallback once.
 */
public final class StoreAssembler {
  private static final Logger LOG = System.getLogger(StoreAssembler.class.getName());
  private static final String CAFFEINE_CLASS = "com.github.benmanes.caffeine.cache.Caffeine";
  private static final String H2_CLASS = "org.h2.Driver";
  private static final String NOT_FOUND = "was not found on the ";

  private final Environment environment;
  private final Optional<String> caffeineAbsence = absence(CAFFEINE_CLASS);
  private final AtomicBoolean caffeineFallbackLogged = new AtomicBoolean();
  private final DbTierMaker dbTier;
  private final Optional<String> h2Absence;
  private final AtomicBoolean dbFallbackLogged = new AtomicBoolean();
  private final AtomicBoolean dbTierFallbackLogged = new AtomicBoolean();

  /**
   * An assembler that reads system-wide settings (the disk root) from {@code environment}.
   *
   * @param environment where system properties and environment variables come from
   */
  public StoreAssembler(Environment environment) {
    this(environment,
        (settings, folder, serializers) -> dbTier(environment, settings, folder, serializers),
        absence(H2_CLASS));
  }

  /**
   * An assembler with a given db tier; for tests of the db tier's wiring and fallback.
   *
   * @param environment where system properties and environment variables come from
   * @param dbTier makes the db tier of twat:universal from a manager's settings and folder
   * @param h2Present whether H2 is on the class path
   */
  public StoreAssembler(
      Environment environment,
      BiFunction<ManagerSettings, Path, TierFactory> dbTier,
      boolean h2Present) {
    this(environment, (settings, folder, serializers) -> dbTier.apply(settings, folder),
        h2Present ? Optional.empty() : Optional.of(NOT_FOUND + searchPath()));
  }

  private StoreAssembler(Environment environment, DbTierMaker dbTier, Optional<String> h2Absence) {
    this.environment = environment;
    this.dbTier = dbTier;
    this.h2Absence = h2Absence;
  }

  /**
   * Returns the factory of the stores of a manager with these settings.
   *
   * @param settings the manager's settings
   * @param classLoader the manager's class loader, through which its disk stores resolve the
   *     classes they read (held weakly); null for the thread's context loader
   * @return its store factory
   */
  public StoreFactory storeFactory(ManagerSettings settings, ClassLoader classLoader) {
    StoreKind kind = settings.kind();
    return switch (kind) {
      case MEMORY -> memoryStoreFactory(settings.policy());
      case FILE -> new FileStoreFactory(managerFolder(settings), settings,
          serializers(settings, classLoader));
      case DB -> dbStoreFactory(settings, serializers(settings, classLoader));
      case UNIVERSAL -> {
        StoreSerializers serializers = serializers(settings, classLoader);
        yield new UniversalStoreFactory(settings, managerFolder(settings),
            memoryStoreFactory(settings.policy()), smallValueTier(settings, serializers),
            serializers);
      }
    };
  }

  /**
   * Returns what builds the serializers of a disk manager's stores: its allow-list, its class
   * loader and its trust key file, {@value TrustKeyFile#FILE_NAME} in its folder. When its data
   * lives in a database of its own ({@code url}), other hosts may share it, so generating that
   * file logs a WARNING saying how to make them trust each other.
   */
  private StoreSerializers serializers(ManagerSettings settings, ClassLoader classLoader) {
    Optional<String> sharing = settings.url().map(url -> "This manager keeps its caches in the "
        + "database named by its url setting, which other hosts may share: they refuse the values "
        + "of classes outside the allow-list that this host writes (reading them as misses), and "
        + "this host refuses theirs, until all hold the same trust key. Copy this file (mode 0600) "
        + "into the manager folder of every host, or configure the same encryption key (keyFile or "
        + "keyStore) on all of them: the trust key is then derived from it.");
    return new StoreSerializers(settings.allow(), classLoader,
        new TrustKeyFile(managerFolder(settings), sharing));
  }

  /**
   * Closes at once the embedded databases that no store of this JVM uses any more, instead of
   * after the linger that a store's close leaves for a reopen: for a closed {@code
   * CachingProvider}, so that each database's journal is retired before its close returns.
   */
  public static void closeUnusedDatabases() {
    DbStore.closeUnusedDatabases();
  }

  /**
   * Returns the factory of heap stores with Caffeine's W-TinyLFU policy (or the built-in LRU
   * store where Caffeine is missing): what a manager uses for caches configured on the heap.
   *
   * @return the heap store factory
   */
  public StoreFactory heapStoreFactory() {
    return memoryStoreFactory(ManagerSettings.MemoryPolicy.TINYLFU);
  }

  /**
   * Returns the folder of a manager with these settings: its {@code dir} setting, else the disk
   * root plus its kind's name.
   *
   * @param settings the manager's settings
   * @return its folder
   */
  public Path managerFolder(ManagerSettings settings) {
    return settings
        .dir()
        .orElseGet(() -> DiskRoot.resolve(environment).resolve(settings.kind().uriName()));
  }

  /**
   * Returns the db store's factory, or, when the embedded database is asked for and H2 cannot be
   * loaded, the file store's in the same folder, with one WARNING. A {@code url} naming
   * another database needs only that database's driver.
   */
  private StoreFactory dbStoreFactory(ManagerSettings settings, StoreSerializers serializers) {
    if (settings.url().isEmpty() && h2Absence.isPresent()) {
      if (dbFallbackLogged.compareAndSet(false, true)) {
        LOG.log(
            Level.WARNING,
            "H2 ("
                + H2_CLASS
                + ") "
                + h2Absence.get()
                + ": twat:db keeps its caches in the "
                + "file store (one file per entry) in "
                + managerFolder(settings)
                + ". Add com.h2database:h2 to use the "
                + "embedded database, or give url= for another database.");
      }
      return new FileStoreFactory(managerFolder(settings), settings, serializers);
    }
    return new DbStoreFactory(managerFolder(settings), settings, environment, serializers);
  }

  /**
   * The db tier of {@code twat:universal}: the db store, its embedded database in the manager's
   * folder.
   */
  private static TierFactory dbTier(
      Environment environment,
      ManagerSettings settings,
      Path folder,
      StoreSerializers serializers) {
    return new DbTierFactory(new DbStoreFactory(folder, settings, environment, serializers),
        settings.url().isPresent() ? Optional.empty() : Optional.of(folder));
  }

  private StoreFactory memoryStoreFactory(ManagerSettings.MemoryPolicy policy) {
    return switch (policy) {
      case LRU -> builtIn(BuiltInStore.Policy.LRU);
      case FIFO -> builtIn(BuiltInStore.Policy.FIFO);
      case TINYLFU -> caffeineOrBuiltIn();
    };
  }

  /** Caffeine's store where Caffeine is present, else the built-in LRU store with one WARNING. */
  private StoreFactory caffeineOrBuiltIn() {
    if (caffeineAbsence.isEmpty()) {
      return CaffeineStore::create;
    }
    if (caffeineFallbackLogged.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "Caffeine (" + CAFFEINE_CLASS + ") " + caffeineAbsence.get()
          + ": twat:memory (and the heap tier of twat:universal) uses the built-in LRU store "
          + "instead of Caffeine's W-TinyLFU. Add com.github.ben-manes.caffeine:caffeine to use "
          + "it, or set policy=lru to choose the built-in store explicitly.");
    }
    return builtIn(BuiltInStore.Policy.LRU);
  }

  /**
   * Returns the db tier of a {@code twat:universal} manager whose {@code tiers} name it, or empty
   * (the file store takes small values too) with one WARNING when the db store or H2 is missing.
   */
  private Optional<TierFactory> smallValueTier(ManagerSettings settings,
      StoreSerializers serializers) {
    if (!settings.tiers().db()) {
      return Optional.empty();
    }
    if (h2Absence.isEmpty() || settings.url().isPresent()) {
      return Optional.of(dbTier.make(settings, managerFolder(settings), serializers));
    }
    if (dbTierFallbackLogged.compareAndSet(false, true)) {
      LOG.log(
          Level.WARNING,
          "H2 ("
              + H2_CLASS
              + ") "
              + h2Absence.get()
              + ": twat:universal with tiers="
              + settings.tiers()
              + " keeps small values in the file store too. Add com.h2database:h2 to use the db "
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

  /**
   * Returns why an optional library's class cannot be used, for its fallback's WARNING, or empty
   * when it can. The provider's own loader sees the library wherever the application put it: on
   * the class path, or on the module path, where module-info.java makes sure that a jar there is
   * resolved. A class that is there but cannot be linked (a module it needs is missing) is named
   * with the error, not called missing.
   */
  private static Optional<String> absence(String className) {
    try {
      Class.forName(className, /* initialize= */ false, StoreAssembler.class.getClassLoader());
      return Optional.empty();
    } catch (ClassNotFoundException e) {
      return Optional.of(NOT_FOUND + searchPath());
    } catch (LinkageError e) {
      return Optional.of("was found but could not be loaded (" + e + ")");
    }
  }

  /** Where the provider's loader looked: the module path when the provider is a named module. */
  private static String searchPath() {
    return StoreAssembler.class.getModule().isNamed() ? "module path" : "class path";
  }

  /** Makes the db tier of {@code twat:universal} of a manager. */
  private interface DbTierMaker {
    TierFactory make(ManagerSettings settings, Path managerFolder, StoreSerializers serializers);
  }

  /**
   * The db store as a tier of {@code twat:universal}, with the folder its embedded database lives
   * in.
   */
  private static final class DbTierFactory implements TierFactory {
    private final DbStoreFactory db;
    private final Optional<Path> dataFolder;

    DbTierFactory(DbStoreFactory db, Optional<Path> dataFolder) {
      this.db = db;
      this.dataFolder = dataFolder;
    }

    @Override
    public <K> Tier<K> create(StoreSpec spec) throws StoreException {
      return new Tier<>("db", db.create(spec), dataFolder);
    }

    @Override
    public List<PersistedCache> persistedCaches() throws StoreException {
      return db.persistedCaches();
    }

    @Override
    public boolean recordSettings(String cacheName, Map<String, String> settings)
        throws StoreException {
      return db.recordSettings(cacheName, settings);
    }

    @Override
    public boolean destroyPersisted(String cacheName) throws StoreException {
      return db.destroyPersisted(cacheName);
    }
  }
}

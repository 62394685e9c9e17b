/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.assembly;

import io.twat.cache.internal.config.Environment;
import io.twat.cache.internal.config.ManagerSettings;
import io.twat.cache.internal.config.StoreKind;
import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreFactory;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.db.Credentials;
import io.twat.cache.internal.store.db.DbStore;
import io.twat.cache.internal.store.db.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the {@link DbStore}s of one {@code twat:db} manager: every cache of the manager in one
 * database, the embedded H2 file in the manager's folder unless {@code url} names another.
 *
 * <p>The user and password come from the manager's {@code Properties} ({@code twat.cache.user},
 * {@code twat.cache.password}), else from the environment variables {@value #USER_VARIABLE} and
 * {@value #PASSWORD_VARIABLE}; the embedded database's user is {@code sa} without a password
 * unless one is given. Each store's serializer is built like the file store's
 * ({@link StoreSerializers}).
 *
 * <p>Thread-safe and immutable.
 */
final class DbStoreFactory implements StoreFactory {
  /** The environment variable that gives the database user. */
  static final String USER_VARIABLE = "TWAT_CACHE_USER";
  /** The environment variable that gives the database password. */
  static final String PASSWORD_VARIABLE = "TWAT_CACHE_PASSWORD";

  private final Path managerFolder;
  private final Optional<String> url;
  private final Credentials credentials;
  private final StoreSerializers serializers;
  private final DbStore.Options options;

  DbStoreFactory(Path managerFolder, ManagerSettings settings, Environment environment,
      StoreSerializers serializers) {
    this.managerFolder = managerFolder;
    this.url = settings.url();
    String user = settings.user().orElseGet(() -> orEmpty(environment.variable(USER_VARIABLE)));
    String password =
        settings.password().orElseGet(() -> orEmpty(environment.variable(PASSWORD_VARIABLE)));
    this.credentials =
        url.isEmpty() && user.isEmpty()
            ? new Credentials(Credentials.EMBEDDED_DEFAULT.user(), password)
            : new Credentials(user, password);
    this.serializers = serializers;
    this.options = DbStore.Options.defaults().withDurability(durability(settings.durability()))
        .withMaxBytes(settings.maxBytes())
        .withSealer(StoreKeyrings.of(settings).map(Sealer::new).orElse(null))
        .withChangeFeedMillis(changeFeedMillis(settings));
  }

  /**
   * The db tier of twat:universal logs its changes and follows other JVMs' every
   * maxStaleMillis / 2 (at least 10 ms; a second when heap copies are never served), so that
   * their heap tiers and this one's stay fresh; twat:db has no heap tier and logs nothing.
   */
  private static long changeFeedMillis(ManagerSettings settings) {
    if (settings.kind() != StoreKind.UNIVERSAL) {
      return 0;
    }
    long stale = settings.maxStaleMillis();
    return stale == 0 ? 1_000 : Math.max(10, stale / 2);
  }

  /** Maps the {@code durability} setting to the db store's type. */
  private static Durability durability(io.twat.cache.internal.config.Durability setting) {
    return switch (setting) {
      case PROCESS -> Durability.PROCESS;
      case FSYNC -> Durability.FSYNC;
      case RELAXED -> Durability.RELAXED;
    };
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  @Override
  public <K> Store<K> create(StoreSpec spec) throws StoreException {
    // The spec's byte bound is the cache's: its own, or the manager's when it inherits.
    DbStore.Options bounded = options.withMaxBytes(spec.maxBytes());
    DbStore.Options storeOptions = spec.keyring() == null ? bounded
        : bounded.withSealer(new Sealer(spec.keyring()));
    Serializer serializer = serializers.forStore(spec, storeOptions.sealer());
    if (url.isPresent()) {
      return DbStore.open(url.get(), credentials, serializer, spec, storeOptions);
    }
    return DbStore.openEmbedded(managerFolder, serializer, spec, storeOptions, credentials);
  }

  @Override
  public boolean copiesValues() {
    return true;
  }

  /**
   * Returns the caches recorded in the manager's database; none while an embedded one has no file
   * yet.
   */
  @Override
  public List<PersistedCache> persistedCaches() throws StoreException {
    Optional<String> database = existingDatabase();
    return database.isEmpty() ? List.of() : DbStore.recorded(database.get(), credentials, options);
  }

  @Override
  public boolean keepsCaches() {
    return true;
  }

  /** Records the settings in the manager's database, next to the cache's record. */
  @Override
  public boolean recordSettings(String cacheName, Map<String, String> settings)
      throws StoreException {
    Optional<String> database = existingDatabase();
    return database.isPresent()
        && DbStore.recordSettings(database.get(), credentials, options, cacheName, settings);
  }

  @Override
  public boolean destroyPersisted(String cacheName) throws StoreException {
    Optional<String> database = existingDatabase();
    return database.isPresent()
        && DbStore.destroyRecorded(database.get(), credentials, options, cacheName);
  }

  /**
   * Returns the URL of the manager's database, unless it is an embedded one that was never created.
   */
  private Optional<String> existingDatabase() {
    if (url.isPresent()) {
      return url;
    }
    return Files.exists(managerFolder.resolve(DbStore.EMBEDDED_FILE + ".mv.db"))
        ? Optional.of(DbStore.embeddedUrl(managerFolder)) : Optional.empty();
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import javax.crypto.SecretKey;

/**
 * The settings of one cache manager: typed values, each parsed once, from its URI (or its
 * configuration file), its {@code Properties} and the system properties, in that order of
 * precedence, over the defaults (see {@link SettingLayers}); and what its configuration file says
 * about single caches ({@link #cacheSettings(String)}).
 *
 * <p>A URI with the scheme {@code twat} names its store kind ({@code twat:memory?maxEntries=10})
 * and may carry settings in its query ({@link TwatUri}). A {@code file:}, {@code classpath:} or
 * {@code jar:} URI names a configuration file, a Java properties file ({@link ConfigFile}). Any
 * other URI (the TCK and frameworks name managers with their own URIs) names a manager of the
 * default kind with the default URI's settings.
 *
 * <p>Every key and value is checked: an unknown key, a key that does not apply to the kind or a
 * bad value fails with an {@link IllegalArgumentException} that names the key, the value and what
 * is allowed. {@code Properties} keys outside the {@code twat.cache.} prefix belong to others and
 * are left alone. Secrets follow {@link SecretRules}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ManagerSettings {
  /** The system property naming the default manager URI. */
  public static final String DEFAULT_URI_PROPERTY = TwatUri.DEFAULT_URI_PROPERTY;
  /** The environment variable naming the default manager URI. */
  public static final String DEFAULT_URI_VARIABLE = TwatUri.DEFAULT_URI_VARIABLE;
  /** The default manager URI when neither the property nor the variable is set. */
  public static final URI BUILT_IN_DEFAULT_URI = TwatUri.BUILT_IN_DEFAULT_URI;
  /** The scheme of twat-cache URIs. */
  public static final String SCHEME = TwatUri.SCHEME;
  /** The environment variable that may hold the KeyStore's password. */
  public static final String KEY_STORE_PASSWORD_VARIABLE = SecretRules.KEY_STORE_PASSWORD_VARIABLE;

  private final StoreKind kind;
  private final Map<Setting, String> texts;
  private final long maxEntries;
  private final MemoryPolicy policy;
  private final Optional<Path> dir;
  private final boolean fsync;
  private final Compression compress;
  private final List<String> allow;
  private final Optional<String> url;
  private final Optional<String> user;
  private final Optional<String> password;
  private final Durability durability;
  private final long maxBytes;
  private final Tiers tiers;
  private final long threshold;
  private final long heapEntries;
  private final long maxStaleMillis;
  private final Optional<Path> keyFile;
  private final Optional<Path> keyStore;
  private final List<String> keyAliases;
  private final char[] keyStorePassword;
  private final List<SecretKey> encryptionKeys;
  private final Map<String, CacheSettings> caches;

  private ManagerSettings(StoreKind kind, SettingValues values, Environment environment,
      List<SecretKey> encryptionKeys, Map<String, CacheSettings> caches) {
    this.kind = kind;
    this.texts = values.texts();
    this.maxEntries = values.get(Setting.MAX_ENTRIES, ValueTypes.COUNT);
    this.policy = values.get(Setting.POLICY, ValueTypes.MEMORY_POLICY);
    this.dir = values.find(Setting.DIR, ValueTypes.ABSOLUTE_PATH);
    this.fsync = values.get(Setting.FSYNC, ValueTypes.BOOLEAN);
    this.compress = values.get(Setting.COMPRESS, ValueTypes.COMPRESSION);
    this.allow = values.get(Setting.ALLOW, ValueTypes.CLASS_PATTERNS);
    this.url = values.find(Setting.URL, ValueTypes.JDBC_URL).filter(text -> !text.isEmpty());
    this.user = values.find(Setting.USER, ValueTypes.TEXT).filter(text -> !text.isEmpty());
    this.password = values.find(Setting.PASSWORD, ValueTypes.TEXT);
    this.durability = values.get(Setting.DURABILITY, ValueTypes.DURABILITY);
    this.maxBytes = values.get(Setting.MAX_BYTES, ValueTypes.SIZE);
    this.tiers = values.get(Setting.TIERS, ValueTypes.TIERS);
    this.threshold = values.get(Setting.THRESHOLD, ValueTypes.POSITIVE_SIZE);
    this.heapEntries = values.get(Setting.HEAP_ENTRIES, ValueTypes.POSITIVE_COUNT);
    this.maxStaleMillis = values.get(Setting.MAX_STALE_MILLIS, ValueTypes.COUNT);
    this.keyFile = values.find(Setting.KEY_FILE, ValueTypes.ABSOLUTE_PATH);
    this.keyStore = values.find(Setting.KEY_STORE, ValueTypes.ABSOLUTE_PATH);
    this.keyAliases = values.find(Setting.KEY_ALIAS, ValueTypes.NAMES).orElse(List.of());
    this.keyStorePassword = values.find(Setting.KEY_STORE_PASSWORD, ValueTypes.NON_BLANK_TEXT)
        .or(() -> Optional.ofNullable(environment.variable(KEY_STORE_PASSWORD_VARIABLE)))
        .map(String::toCharArray).orElse(null);
    this.encryptionKeys = encryptionKeys;
    this.caches = Collections.unmodifiableMap(new TreeMap<>(caches));
  }

  /**
   * Returns the default manager URI: the system property {@value #DEFAULT_URI_PROPERTY}, else the
   * environment variable {@value #DEFAULT_URI_VARIABLE}, else {@code twat:memory}.
   *
   * @throws IllegalArgumentException if the configured default is not a valid {@code twat:} URI
   */
  public static URI defaultUri(Environment environment) {
    return TwatUri.defaultUri(environment);
  }

  /** Returns whether {@code uri} has the {@code twat} scheme. */
  public static boolean isTwatUri(URI uri) {
    return TwatUri.isTwatUri(uri);
  }

  /**
   * Resolves the settings of the manager named {@code uri}; a {@code classpath:} configuration
   * file is a resource of this class's class loader.
   *
   * @param uri the manager's URI
   * @param properties the properties given to {@code getCacheManager}
   * @param environment system properties and environment variables
   * @throws IllegalArgumentException if a URI, file, key or value is not valid
   */
  public static ManagerSettings resolve(URI uri, Properties properties, Environment environment) {
    return resolve(uri, properties, environment, ManagerSettings.class.getClassLoader());
  }

  /**
   * Resolves the settings of the manager named {@code uri}.
   *
   * @param uri the manager's URI: a {@code twat:} URI, the URI of a configuration file, or any
   *     other URI (a manager on the default URI's store)
   * @param properties the properties given to {@code getCacheManager}
   * @param environment system properties and environment variables
   * @param loader the manager's class loader, where {@code classpath:} files are found
   * @throws IllegalArgumentException if a URI, file, key or value is not valid
   */
  public static ManagerSettings resolve(URI uri, Properties properties, Environment environment,
      ClassLoader loader) {
    if (ConfigFile.isConfigFileUri(uri)) {
      ConfigFile file = ConfigFile.read(uri, loader);
      Optional<TwatUri> defaults = file.store().isPresent() ? Optional.empty()
          : Optional.of(TwatUri.parse(defaultUri(environment)));
      StoreKind kind = file.store().orElseGet(() -> defaults.orElseThrow().kind());
      SettingLayers layers = new SettingLayers(kind).systemProperties(environment)
          .properties(properties);
      defaults.ifPresent(layers::uriQuery);
      SettingValues values = layers.file(file).values();
      return new ManagerSettings(kind, values, environment, SecretRules.encryptionKeys(properties),
          file.caches(kind));
    }
    TwatUri twatUri = TwatUri.parse(isTwatUri(uri) ? uri : defaultUri(environment));
    SettingValues values = new SettingLayers(twatUri.kind()).systemProperties(environment)
        .properties(properties).uriQuery(twatUri).values();
    return new ManagerSettings(twatUri.kind(), values, environment,
        SecretRules.encryptionKeys(properties), Map.of());
  }

  /** Returns whether {@code uri} names a configuration file: a file:, classpath: or jar: URI. */
  public static boolean isConfigFileUri(URI uri) {
    return ConfigFile.isConfigFileUri(uri);
  }

  /**
   * Parses a count as every count setting is parsed; see {@link ValueTypes#COUNT}.
   *
   * @throws IllegalArgumentException naming the setting, the value and what is allowed
   */
  static long parseCount(Setting setting, String value, String source) {
    return ValueTypes.COUNT.parse(setting, value, source);
  }

  /** The eviction policies of the memory store. */
  public enum MemoryPolicy {
    /** Caffeine's W-TinyLFU. */
    TINYLFU,
    /** Least recently used, built in. */
    LRU,
    /** First in, first out, built in. */
    FIFO
  }

  /**
   * The chain of a {@code twat:universal} manager, from its {@code tiers} setting.
   *
   * @param memory whether a heap tier sits on top
   * @param db whether small values go to the db store
   * @param file whether (large) values go to the file store
   */
  public record Tiers(boolean memory, boolean db, boolean file) {
    @Override
    public String toString() {
      return (memory ? "memory," : "") + (db ? (file ? "db,file" : "db") : "file");
    }
  }

  /** Returns the store kind. */
  public StoreKind kind() {
    return kind;
  }

  /** Returns the most entries per cache, or 0 for unbounded. */
  public long maxEntries() {
    return maxEntries;
  }

  /** Returns the memory store's eviction policy. */
  public MemoryPolicy policy() {
    return policy;
  }

  /** Returns the manager's folder if the {@code dir} setting gives one. */
  public Optional<Path> dir() {
    return dir;
  }

  /** Returns whether disk writes are forced to the device. */
  public boolean fsync() {
    return fsync;
  }

  /** Returns how disk stores compress large values. */
  public Compression compress() {
    return compress;
  }

  /** Returns the class patterns disk stores may deserialize besides the JDK's value types. */
  public List<String> allow() {
    return allow;
  }

  /** Returns the JDBC URL of the database store, if the {@code url} setting gives one. */
  public Optional<String> url() {
    return url;
  }

  /** Returns the database user from the manager's {@code Properties}, if given there. */
  public Optional<String> user() {
    return user;
  }

  /** Returns the database password from the manager's {@code Properties}, if given there. */
  public Optional<String> password() {
    return password;
  }

  /** Returns how durable a database write is when it returns. */
  public Durability durability() {
    return durability;
  }

  /** Returns the most bytes per cache on disk, or 0 for unbounded. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Returns the chain of a {@code twat:universal} manager. */
  public Tiers tiers() {
    return tiers;
  }

  /**
   * Returns the serialized size in bytes from which {@code twat:universal} keeps values in the
   * file store.
   */
  public long threshold() {
    return threshold;
  }

  /** Returns the bound of the heap tier of each {@code twat:universal} cache. */
  public long heapEntries() {
    return heapEntries;
  }

  /** Returns how long a heap-tier copy answers reads before the disk is read again. */
  public long maxStaleMillis() {
    return maxStaleMillis;
  }

  /** Returns the key file, if the {@code keyFile} setting names one. */
  public Optional<Path> keyFile() {
    return keyFile;
  }

  /** Returns the PKCS12 KeyStore of the encryption keys, if {@code keyStore} names one. */
  public Optional<Path> keyStore() {
    return keyStore;
  }

  /** Returns the aliases of the KeyStore's keys to use, the current one first. */
  public List<String> keyAliases() {
    return keyAliases;
  }

  /** Returns a copy of the KeyStore's password (Properties or environment), or null. */
  public char[] keyStorePassword() {
    return keyStorePassword == null ? null : keyStorePassword.clone();
  }

  /** Returns the encryption keys given as objects in the Properties, the current one first. */
  public List<SecretKey> encryptionKeys() {
    return encryptionKeys;
  }

  /**
   * Returns what the manager's configuration file says about the cache {@code cacheName}, to
   * apply to its configuration; {@link CacheSettings#NONE} when it says nothing.
   */
  public CacheSettings cacheSettings(String cacheName) {
    return caches.getOrDefault(cacheName, CacheSettings.NONE);
  }

  /** Returns the kind and the settings sources gave, with the passwords left out. */
  @Override
  public String toString() {
    Map<Setting, String> shown = new EnumMap<>(Setting.class);
    shown.putAll(texts);
    shown.remove(Setting.KEY_STORE_PASSWORD);
    shown.computeIfPresent(Setting.PASSWORD, (setting, hidden) -> "(hidden)");
    return "twat:" + kind.uriName() + shown + (caches.isEmpty() ? "" : " caches" + caches);
  }
}

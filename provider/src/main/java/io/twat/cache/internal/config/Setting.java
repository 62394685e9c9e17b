/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting a cache manager URI query, a configuration file, the manager's
 * {@code Properties} or a system property can carry. This enum is the one list of keys: the
 * parser accepts nothing else, and the README's configuration reference is checked against it by
 * a test.
 *
 * <p>In a URI query a setting is written by its {@link #key()}
 * ({@code twat:memory?maxEntries=1000}); in {@code Properties}, system properties and
 * configuration files by its {@link #propertyName()} ({@code twat.cache.maxEntries}).
 */
public enum Setting implements SettingKey {
  /** The most entries each cache keeps; 0 means unbounded. */
  MAX_ENTRIES(
      "maxEntries",
      "0",
      "a whole number >= 0, e.g. 10000 or 10_000",
      "Bounds every cache of the manager to this many entries (W-TinyLFU eviction on the heap,"
          + " about least recently used on disk); 0 means unbounded. A TwatConfiguration's own"
          + " maxEntries wins for its cache.",
      EnumSet.of(StoreKind.MEMORY, StoreKind.DB, StoreKind.FILE, StoreKind.UNIVERSAL)),

  /** The eviction policy of the memory store. */
  POLICY(
      "policy",
      "tinylfu",
      "tinylfu, lru or fifo",
      "The memory store's eviction order: tinylfu is Caffeine's W-TinyLFU; lru and fifo use the"
          + " built-in store (JDK only). When Caffeine is missing, tinylfu falls back to the"
          + " built-in lru with one WARNING.",
      EnumSet.of(StoreKind.MEMORY, StoreKind.UNIVERSAL)),

  /** The manager's folder on disk. */
  DIR(
      "dir",
      "",
      "an absolute path, e.g. /var/cache/app",
      "The manager's folder; each cache gets a folder inside it. Default: the disk root (system"
          + " property twat.cache.dir, else TWAT_CACHE_DIR, else the platform cache folder +"
          + " /twat-cache) + /<kind>.",
      EnumSet.of(StoreKind.FILE, StoreKind.DB, StoreKind.UNIVERSAL)),

  /** Whether each write is forced to the device. */
  FSYNC(
      "fsync",
      "false",
      "true or false",
      "true forces each write to the device before it returns, so it survives a power loss (about 1"
          + " ms more per write on the test machine); false survives a killed process but not a"
          + " power loss.",
      EnumSet.of(StoreKind.FILE, StoreKind.UNIVERSAL)),

  /** Compression of large values. */
  COMPRESS("compress", "none", "none or deflate",
      "deflate compresses values of 4 KiB and more; none stores them as they are.",
      EnumSet.of(StoreKind.FILE, StoreKind.UNIVERSAL)),

  /** Classes that may be deserialized from disk. */
  ALLOW("allow", "", "comma-separated class names, package.* or package.** (subpackages too)",
      "Classes a disk store may deserialize besides the JDK's value types, the cache's declared "
          + "key and value types, and what the cache itself wrote and signed with its trust key; "
          + "any other class is refused before it is instantiated.",
      EnumSet.of(StoreKind.FILE, StoreKind.DB, StoreKind.UNIVERSAL)),

  /** The JDBC URL of the database store. */
  URL(
      "url",
      "",
      "a JDBC URL without a password, e.g. jdbc:postgresql://db.example/cache",
      "The database of twat:db; empty means an embedded H2 file in the manager's folder (dir),"
          + " shared by the processes of the host in H2's mixed mode. Credentials come from user"
          + " and password.",
      EnumSet.of(StoreKind.DB, StoreKind.UNIVERSAL)),

  /** The database user. */
  USER("user", "", "a user name; only in Properties or the environment variable TWAT_CACHE_USER",
      "The user twat:db connects as (sa for the embedded database when empty). Never in a URI.",
      EnumSet.of(StoreKind.DB, StoreKind.UNIVERSAL)),

  /** The database password. */
  PASSWORD(
      "password",
      "",
      "a password; only in Properties or the environment variable TWAT_CACHE_PASSWORD",
      "The password twat:db connects with. Never in a URI or a system property.",
      EnumSet.of(StoreKind.DB, StoreKind.UNIVERSAL)),

  /** How durable a database write is when it returns. */
  DURABILITY(
      "durability",
      "process",
      "process, fsync or relaxed",
      "process: a write that returned survives a killed process; fsync: it also survives a power"
          + " loss (an fsync per write); relaxed: writes reach the file within half a second, for"
          + " speed. Embedded H2 only; another database's own settings decide.",
      EnumSet.of(StoreKind.DB, StoreKind.UNIVERSAL)),

  /** The tiers of twat:universal, top first. */
  TIERS(
      "tiers",
      "memory,file",
      "memory,file, memory,db,file, memory,db, file, db,file or db",
      "twat:universal's chain, top first: memory is a bounded heap tier (heapEntries) over the disk"
          + " authority; db,file keeps values below threshold in the db store and larger ones in"
          + " the file store; db keeps every value in the database (shared by several hosts over"
          + " a url). Without H2 (and no url), db falls back to file with one WARNING.",
      EnumSet.of(StoreKind.UNIVERSAL)),

  /**
   * The size from which twat:universal keeps a value in the file store rather than the db store.
   */
  THRESHOLD(
      "threshold",
      "64KiB",
      "a size >= 1 byte: bytes, or with a unit KiB, MiB, GiB (or KB, MB, GB), e.g. 64KiB",
      "With tiers db,file: values whose serialized form is smaller go to the db store, the others"
          + " to the file store; a key whose value crosses it moves, keeping one copy.",
      EnumSet.of(StoreKind.UNIVERSAL)),

  /** The bound of twat:universal's heap tier. */
  HEAP_ENTRIES(
      "heapEntries",
      "10000",
      "a whole number >= 1, e.g. 10000 or 10_000",
      "The most entries the heap tier of each twat:universal cache keeps (Caffeine's W-TinyLFU, or"
          + " the built-in LRU without Caffeine); heap evictions lose nothing, the entries stay on"
          + " disk.",
      EnumSet.of(StoreKind.UNIVERSAL)),

  /** How long a heap copy of twat:universal answers reads before the disk is read again. */
  MAX_STALE_MILLIS(
      "maxStaleMillis",
      "1000",
      "a whole number of milliseconds >= 0",
      "How long a heap-tier copy answers a plain get before the disk is read again, i.e. how stale"
          + " a get may be after another process changed the key; 0 reads the disk every time."
          + " Changes (put, replace, invoke, ...) always work on the disk's current value.",
      EnumSet.of(StoreKind.UNIVERSAL)),

  /** The most bytes each cache's entries take on disk. */
  MAX_BYTES(
      "maxBytes",
      "0",
      "a size >= 0: bytes, or with KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB "
          + "(powers of 1024), e.g. 512MiB, 2GiB, 10_000",
      "Bounds the bytes of every cache on disk (entry files, or serialized keys and values in a"
          + " database); past it the least recently used entries are evicted (like maxEntries;"
          + " either bound may trigger). 0 means unbounded. A TwatConfiguration's own maxBytes"
          + " wins.",
      EnumSet.of(StoreKind.FILE, StoreKind.DB, StoreKind.UNIVERSAL)),

  /** A private file holding the encryption key(s). */
  KEY_FILE(
      "keyFile",
      "",
      "an absolute path to a file only its owner can read (0600 or 0400)",
      "Encrypts entries with AES-256-GCM under the key in this file: 32 raw bytes, or one Base64"
          + " key per line (the first encrypts, the others only decrypt, for rotation). A file its"
          + " group or others can read is refused.",
      EnumSet.of(StoreKind.DB, StoreKind.FILE, StoreKind.UNIVERSAL)),

  /** A PKCS12 KeyStore holding the encryption key(s). */
  KEY_STORE(
      "keyStore",
      "",
      "an absolute path to a PKCS12 KeyStore",
      "Encrypts entries with AES-256-GCM under the secret key keyAlias of this KeyStore; its"
          + " password comes from keyStorePassword in the Properties or the environment variable"
          + " TWAT_CACHE_KEYSTORE_PASSWORD.",
      EnumSet.of(StoreKind.DB, StoreKind.FILE, StoreKind.UNIVERSAL)),

  /** The aliases of the encryption keys in the KeyStore. */
  KEY_ALIAS(
      "keyAlias",
      "",
      "comma-separated aliases: the current key first, then older ones",
      "The KeyStore entries to use: the first encrypts, the others only decrypt entries written"
          + " before a rotation.",
      EnumSet.of(StoreKind.DB, StoreKind.FILE, StoreKind.UNIVERSAL)),

  /** The KeyStore's password: a secret, refused in URIs and system properties. */
  KEY_STORE_PASSWORD(
      "keyStorePassword",
      "",
      "text, only in the Properties given to getCacheManager",
      "The password of keyStore (and its keys). A secret: refused in a URI or a system property;"
          + " give it in the Properties or in the environment variable"
          + " TWAT_CACHE_KEYSTORE_PASSWORD.",
      EnumSet.of(StoreKind.DB, StoreKind.FILE, StoreKind.UNIVERSAL)),

  /** Encryption keys given in code: a SecretKey object in the Properties, never text. */
  ENCRYPTION_KEY(
      "encryptionKey",
      "",
      "a javax.crypto.SecretKey object (or a List of them) in the Properties",
      "Encrypts entries under this 256-bit AES key (a List: the first encrypts, the others only"
          + " decrypt). Key material as text is refused everywhere, in URIs above all.",
      EnumSet.of(StoreKind.DB, StoreKind.FILE, StoreKind.UNIVERSAL));

  /** The prefix of the property names of settings. */
  public static final String PROPERTY_PREFIX = "twat.cache.";

  private final String key;
  private final String defaultValue;
  private final String allowed;
  private final String description;
  @SuppressWarnings("ImmutableEnumChecker") // an unmodifiable copy
  private final Set<StoreKind> kinds;

  Setting(
      String key, String defaultValue, String allowed, String description, Set<StoreKind> kinds) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.allowed = allowed;
    this.description = description;
    this.kinds = Set.copyOf(kinds);
  }

  /** Returns the key as written in a URI query. */
  @Override
  public String key() {
    return key;
  }

  /** Returns the name of the setting in {@code Properties} and system properties. */
  public String propertyName() {
    return PROPERTY_PREFIX + key;
  }

  /** Returns the default value, as text. */
  public String defaultValue() {
    return defaultValue;
  }

  /** Returns what values are allowed, for people. */
  @Override
  public String allowed() {
    return allowed;
  }

  /** Returns what the setting does, for people. */
  public String description() {
    return description;
  }

  /** Returns the store kinds the setting applies to. */
  public Set<StoreKind> kinds() {
    return kinds;
  }

  /** Returns the setting with URI key {@code key}, if there is one. */
  public static Optional<Setting> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }

  /** Returns the keys of the settings of {@code kind}, comma-separated, for error messages. */
  static String keysOf(StoreKind kind) {
    return Arrays.stream(values()).filter(s -> s.kinds.contains(kind)).map(Setting::key)
        .collect(Collectors.joining(", "));
  }
}

package io.twat.cache.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting a cache manager URI query, the manager's {@code Properties} or a system property
 * can carry. This enum is the one list of keys: the parser accepts nothing else, and the README's
 * configuration reference is checked against it by a test.
 *
 * <p>In a URI query a setting is written by its {@link #key()} ({@code twat:memory?maxEntries=1000});
 * in {@code Properties} and system properties by its {@link #propertyName()}
 * ({@code twat.cache.maxEntries}).
 */
public enum Setting {
  /** The most entries each cache keeps; 0 means unbounded. */
  MAX_ENTRIES("maxEntries", "0", "a whole number >= 0, e.g. 10000 or 10_000",
      "Bounds every cache of the manager to this many entries (W-TinyLFU eviction); 0 means unbounded. "
          + "A TwatConfiguration's own maxEntries wins for its cache.",
      EnumSet.of(StoreKind.MEMORY, StoreKind.FILE)),

  /** The eviction policy of the memory store. */
  POLICY("policy", "tinylfu", "tinylfu, lru or fifo",
      "The memory store's eviction order: tinylfu is Caffeine's W-TinyLFU; lru and fifo use the built-in "
          + "store (JDK only). When Caffeine is missing, tinylfu falls back to the built-in lru with one WARNING.",
      EnumSet.of(StoreKind.MEMORY)),

  /** The manager's folder on disk. */
  DIR("dir", "", "an absolute path, e.g. /var/cache/app",
      "The manager's folder; each cache gets a folder inside it. Default: the disk root (system property "
          + "twat.cache.dir, else TWAT_CACHE_DIR, else the platform cache folder + /twat-cache) + /<kind>.",
      EnumSet.of(StoreKind.FILE)),

  /** Whether each write is forced to the device. */
  FSYNC("fsync", "false", "true or false",
      "true forces each write to the device before it returns, so it survives a power loss (about 1 ms more "
          + "per write on the test machine); false survives a killed process but not a power loss.",
      EnumSet.of(StoreKind.FILE)),

  /** Compression of large values. */
  COMPRESS("compress", "none", "none or deflate",
      "deflate compresses values of 4 KiB and more; none stores them as they are.",
      EnumSet.of(StoreKind.FILE)),

  /** Classes that may be deserialized from disk. */
  ALLOW("allow", "", "comma-separated class names, package.* or package.** (subpackages too)",
      "Classes a disk store may deserialize, beyond the JDK's value types and the cache's declared key and "
          + "value types. Anything else is refused before it is instantiated.",
      EnumSet.of(StoreKind.FILE)),

  /** The most bytes each cache's entries take on disk. */
  MAX_BYTES("maxBytes", "0", "a size >= 0: bytes, or with KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB "
      + "(powers of 1024), e.g. 512MiB, 2GiB, 10_000",
      "Bounds the bytes of every cache's entry files; past it the least recently used entries are evicted "
          + "(like maxEntries; either bound may trigger). 0 means unbounded. A TwatConfiguration's own maxBytes wins.",
      EnumSet.of(StoreKind.FILE)),

  /** A private file holding the encryption key(s). */
  KEY_FILE("keyFile", "", "an absolute path to a file only its owner can read (0600 or 0400)",
      "Encrypts entries with AES-256-GCM under the key in this file: 32 raw bytes, or one Base64 key per line "
          + "(the first encrypts, the others only decrypt, for rotation). A file its group or others can read is "
          + "refused.",
      EnumSet.of(StoreKind.FILE)),

  /** A PKCS12 KeyStore holding the encryption key(s). */
  KEY_STORE("keyStore", "", "an absolute path to a PKCS12 KeyStore",
      "Encrypts entries with AES-256-GCM under the secret key keyAlias of this KeyStore; its password comes "
          + "from keyStorePassword in the Properties or the environment variable TWAT_CACHE_KEYSTORE_PASSWORD.",
      EnumSet.of(StoreKind.FILE)),

  /** The aliases of the encryption keys in the KeyStore. */
  KEY_ALIAS("keyAlias", "", "comma-separated aliases: the current key first, then older ones",
      "The KeyStore entries to use: the first encrypts, the others only decrypt entries written before a rotation.",
      EnumSet.of(StoreKind.FILE)),

  /** The KeyStore's password: a secret, refused in URIs and system properties. */
  KEY_STORE_PASSWORD("keyStorePassword", "", "text, only in the Properties given to getCacheManager",
      "The password of keyStore (and its keys). A secret: refused in a URI or a system property; give it in the "
          + "Properties or in the environment variable TWAT_CACHE_KEYSTORE_PASSWORD.",
      EnumSet.of(StoreKind.FILE)),

  /** Encryption keys given in code: a SecretKey object in the Properties, never text. */
  ENCRYPTION_KEY("encryptionKey", "", "a javax.crypto.SecretKey object (or a List of them) in the Properties",
      "Encrypts entries under this 256-bit AES key (a List: the first encrypts, the others only decrypt). Key "
          + "material as text is refused everywhere, in URIs above all.",
      EnumSet.of(StoreKind.FILE));

  /** The prefix of the property names of settings. */
  public static final String PROPERTY_PREFIX = "twat.cache.";

  private final String key;
  private final String defaultValue;
  private final String allowed;
  private final String description;
  private final Set<StoreKind> kinds;

  Setting(String key, String defaultValue, String allowed, String description, Set<StoreKind> kinds) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.allowed = allowed;
    this.description = description;
    this.kinds = kinds;
  }

  /** Returns the key as written in a URI query. */
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

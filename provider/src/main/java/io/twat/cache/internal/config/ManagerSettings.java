package io.twat.cache.internal.config;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.serial.AllowList;
import io.twat.cache.internal.store.db.Durability;
import io.twat.cache.internal.store.file.Compression;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.SecretKey;

/**
 * The settings of one cache manager, resolved from its URI, its {@code Properties} and the
 * system properties, in that order of precedence, over the defaults.
 *
 * <p>A URI with the scheme {@code twat} names its store kind ({@code twat:memory?maxEntries=10})
 * and may carry settings in its query. Any other URI (the TCK and frameworks name managers with
 * their own URIs) names a manager of the default kind with the default URI's settings.
 *
 * <p>Every key and value is checked: an unknown key, a key that does not apply to the kind or a
 * bad value fails with an {@link IllegalArgumentException} that names the key, the value and what
 * is allowed. {@code Properties} keys outside the {@code twat.cache.} prefix belong to others and
 * are left alone.
 *
 * <p>Immutable and thread-safe.
 */
public final class ManagerSettings {
  /** The system property naming the default manager URI. */
  public static final String DEFAULT_URI_PROPERTY = "twat.cache.defaultUri";
  /** The environment variable naming the default manager URI. */
  public static final String DEFAULT_URI_VARIABLE = "TWAT_CACHE_DEFAULT_URI";
  /** The default manager URI when neither the property nor the variable is set. */
  public static final URI BUILT_IN_DEFAULT_URI = URI.create("twat:memory");
  /** The scheme of twat-cache URIs. */
  public static final String SCHEME = "twat";
  /** The environment variable that may hold the KeyStore's password. */
  public static final String KEY_STORE_PASSWORD_VARIABLE = "TWAT_CACHE_KEYSTORE_PASSWORD";

  private final StoreKind kind;
  private final Map<Setting, String> values;
  private final long maxEntries;
  private final MemoryPolicy policy;
  private final Optional<Path> dir;
  private final boolean fsync;
  private final Compression compress;
  private final List<String> allow;
  private final Optional<String> url;
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

  private ManagerSettings(StoreKind kind, Map<Setting, String> values, char[] keyStorePassword,
      List<SecretKey> encryptionKeys) {
    this.kind = kind;
    this.values = values;
    String max = values.getOrDefault(Setting.MAX_ENTRIES, Setting.MAX_ENTRIES.defaultValue());
    this.maxEntries = parseCount(Setting.MAX_ENTRIES, max, "settings");
    this.policy = parsePolicy(values.getOrDefault(Setting.POLICY, Setting.POLICY.defaultValue()), "settings");
    String dirValue = values.get(Setting.DIR);
    this.dir = dirValue == null || dirValue.isEmpty() ? Optional.empty() : Optional.of(parseDir(dirValue, "settings"));
    this.fsync = parseBoolean(Setting.FSYNC, values.getOrDefault(Setting.FSYNC, Setting.FSYNC.defaultValue()),
        "settings");
    this.compress = parseCompress(values.getOrDefault(Setting.COMPRESS, Setting.COMPRESS.defaultValue()), "settings");
    this.allow = parseAllow(values.getOrDefault(Setting.ALLOW, Setting.ALLOW.defaultValue()), "settings");
    String urlValue = values.get(Setting.URL);
    this.url = urlValue == null || urlValue.isEmpty() ? Optional.empty() : Optional.of(urlValue);
    this.durability = parseDurability(values.getOrDefault(Setting.DURABILITY, Setting.DURABILITY.defaultValue()),
        "settings");
    this.maxBytes = parseSize(Setting.MAX_BYTES, values.getOrDefault(Setting.MAX_BYTES,
        Setting.MAX_BYTES.defaultValue()), "settings");
    this.tiers = Tiers.parse(values.getOrDefault(Setting.TIERS, Setting.TIERS.defaultValue()), "settings");
    this.threshold = parseByteSize(Setting.THRESHOLD,
        values.getOrDefault(Setting.THRESHOLD, Setting.THRESHOLD.defaultValue()), "settings");
    this.heapEntries = parsePositive(Setting.HEAP_ENTRIES,
        values.getOrDefault(Setting.HEAP_ENTRIES, Setting.HEAP_ENTRIES.defaultValue()), "settings");
    this.maxStaleMillis = parseCount(Setting.MAX_STALE_MILLIS,
        values.getOrDefault(Setting.MAX_STALE_MILLIS, Setting.MAX_STALE_MILLIS.defaultValue()), "settings");
    this.keyFile = Optional.ofNullable(values.get(Setting.KEY_FILE)).map(v -> parsePath(Setting.KEY_FILE, v, "settings"));
    this.keyStore = Optional.ofNullable(values.get(Setting.KEY_STORE))
        .map(v -> parsePath(Setting.KEY_STORE, v, "settings"));
    this.keyAliases = parseList(values.getOrDefault(Setting.KEY_ALIAS, ""));
    this.keyStorePassword = keyStorePassword;
    this.encryptionKeys = encryptionKeys;
  }

  /**
   * Returns the default manager URI: the system property {@value #DEFAULT_URI_PROPERTY}, else the
   * environment variable {@value #DEFAULT_URI_VARIABLE}, else {@code twat:memory}.
   *
   * @throws IllegalArgumentException if the configured default is not a valid {@code twat:} URI
   */
  public static URI defaultUri(Environment environment) {
    String configured = environment.property(DEFAULT_URI_PROPERTY);
    String source = "system property " + DEFAULT_URI_PROPERTY;
    if (configured == null || configured.isBlank()) {
      configured = environment.variable(DEFAULT_URI_VARIABLE);
      source = "environment variable " + DEFAULT_URI_VARIABLE;
    }
    if (configured == null || configured.isBlank()) {
      return BUILT_IN_DEFAULT_URI;
    }
    URI uri;
    try {
      uri = URI.create(configured.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The " + source + " is '" + configured
          + "', which is not a URI; set it to a twat: URI such as twat:memory", e);
    }
    if (!isTwatUri(uri)) {
      throw new IllegalArgumentException("The " + source + " is '" + configured
          + "', which is not a twat: URI; set it to one of twat:" + StoreKind.names().replace(", ", ", twat:"));
    }
    return uri;
  }

  /** Returns whether {@code uri} has the {@code twat} scheme. */
  public static boolean isTwatUri(URI uri) {
    return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals(SCHEME);
  }

  /**
   * Resolves the settings of the manager named {@code uri}.
   *
   * @param uri the manager's URI
   * @param properties the properties given to {@code getCacheManager}
   * @param environment system properties and environment variables
   * @throws IllegalArgumentException if a URI, key or value is not valid
   */
  public static ManagerSettings resolve(URI uri, Properties properties, Environment environment) {
    URI twatUri = isTwatUri(uri) ? uri : defaultUri(environment);
    String specific = twatUri.getSchemeSpecificPart();
    if (specific == null || specific.isEmpty()) {
      throw new IllegalArgumentException("The URI " + twatUri + " names no store kind; use one of twat:"
          + StoreKind.names().replace(", ", ", twat:"));
    }
    int question = specific.indexOf('?');
    String kindName = question < 0 ? specific : specific.substring(0, question);
    StoreKind kind = StoreKind.fromUriName(kindName, twatUri.toString());

    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (String name : environment.propertyNames()) {
      if (name.startsWith(Setting.PROPERTY_PREFIX) && !name.equals(DEFAULT_URI_PROPERTY)
          && !name.equals(DiskRoot.PROPERTY)) {
        put(values, kind, name.substring(Setting.PROPERTY_PREFIX.length()), environment.property(name),
            "system property " + name, Origin.SYSTEM);
      }
    }
    if (properties != null) {
      for (String name : properties.stringPropertyNames()) {
        if (name.startsWith(Setting.PROPERTY_PREFIX) && !name.equals(DEFAULT_URI_PROPERTY)) {
          put(values, kind, name.substring(Setting.PROPERTY_PREFIX.length()), properties.getProperty(name),
              "property " + name + " given to getCacheManager", Origin.PROPERTIES);
        }
      }
    }
    if (question >= 0) {
      // split the raw query, then decode each part, so that an encoded '&' (%26) stays inside its value
      String raw = twatUri.getRawSchemeSpecificPart();
      for (Map.Entry<String, String> entry : parseQuery(raw.substring(raw.indexOf('?') + 1), twatUri).entrySet()) {
        refuseSecret(entry.getKey(), "the URI " + redacted(twatUri));
        put(values, kind, entry.getKey(), entry.getValue(), "URI " + twatUri, Origin.URI);
      }
    }
    String password = values.remove(Setting.KEY_STORE_PASSWORD);
    if (password == null) {
      password = environment.variable(KEY_STORE_PASSWORD_VARIABLE);
    }
    return new ManagerSettings(kind, values, password == null ? null : password.toCharArray(),
        encryptionKeys(properties));
  }

  /** Settings that carry secrets; they never come from a URI, and passwords never from system properties. */
  private static void refuseSecret(String key, String source) {
    String lower = key.toLowerCase(Locale.ROOT);
    boolean looksSecret = Setting.byKey(key).isEmpty() && (lower.contains("key") || lower.contains("secret")
        || lower.contains("pass") || lower.contains("token"));
    if (looksSecret || key.equals(Setting.ENCRYPTION_KEY.key()) || key.equals(Setting.KEY_STORE_PASSWORD.key())
        || key.equals(Setting.PASSWORD.key())) {
      throw new IllegalArgumentException("The setting " + key + " carries key material or a password and is refused in "
          + source
          + ": secrets never go in a URI, which ends up in logs, JMX names and process lists. Give keys as a keyFile, a keyStore, or in code "
          + "(TwatConfiguration.setEncryptionKey, or a SecretKey object in the Properties as "
          + Setting.ENCRYPTION_KEY.propertyName() + "); give a KeyStore password in the Properties or the "
          + "environment variable " + KEY_STORE_PASSWORD_VARIABLE + ", and a database password in the Properties ("
          + Setting.PASSWORD.propertyName() + ") or the environment variable TWAT_CACHE_PASSWORD");
    }
  }

  private static String redacted(URI uri) {
    String text = uri.toString();
    int question = text.indexOf('?');
    return question < 0 ? text : text.substring(0, question) + "?...";
  }

  private static List<SecretKey> encryptionKeys(Properties properties) {
    Object value = properties == null ? null : properties.get(Setting.ENCRYPTION_KEY.propertyName());
    if (value == null) {
      return List.of();
    }
    if (value instanceof SecretKey key) {
      return List.of(key);
    }
    if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(SecretKey.class::isInstance)) {
      return list.stream().map(SecretKey.class::cast).toList();
    }
    throw new IllegalArgumentException("The property " + Setting.ENCRYPTION_KEY.propertyName() + " given to "
        + "getCacheManager must be a javax.crypto.SecretKey object or a non-empty List of them (the first encrypts), "
        + "not a " + value.getClass().getName() + "; key material as text is refused");
  }

  private static Map<String, String> parseQuery(String query, URI uri) {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (query.isEmpty()) {
      return pairs;
    }
    for (String pair : query.split("&", -1)) {
      int equals = pair.indexOf('=');
      if (equals <= 0 || equals == pair.length() - 1) {
        throw new IllegalArgumentException("The query part '" + pair + "' of URI " + uri
            + " is not key=value; write settings as twat:memory?maxEntries=10000&key=value");
      }
      String key = decode(pair.substring(0, equals));
      if (pairs.put(key, decode(pair.substring(equals + 1))) != null) {
        throw new IllegalArgumentException("The setting " + key + " appears twice in URI " + uri + "; give it once");
      }
    }
    return pairs;
  }

  /** Decodes the %XX escapes (UTF-8) of a part of a URI; other characters stay as they are. */
  private static String decode(String part) {
    if (part.indexOf('%') < 0) {
      return part;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(part.length());
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '%' && i + 2 < part.length()) {
        out.write(Integer.parseInt(part.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Where a setting was written. */
  private enum Origin {
    SYSTEM, PROPERTIES, URI
  }

  private static void put(Map<Setting, String> values, StoreKind kind, String key, String value, String source,
      Origin origin) {
    Setting setting = Setting.byKey(key).orElseThrow(() -> new IllegalArgumentException(
        "Unknown setting '" + key + "' in " + source + "; the settings of twat:" + kind.uriName()
            + " are: " + Setting.keysOf(kind)));
    if (!setting.kinds().contains(kind)) {
      throw new IllegalArgumentException("The setting " + key + " in " + source + " does not apply to twat:"
          + kind.uriName() + "; the settings of twat:" + kind.uriName() + " are: " + Setting.keysOf(kind));
    }
    if ((setting == Setting.PASSWORD || setting == Setting.USER) && origin == Origin.URI) {
      throw new IllegalArgumentException("The URI " + source.substring("URI ".length()) + " carries the setting "
          + key + "; credentials never go in a URI: give them in the Properties of getCacheManager ("
          + setting.propertyName() + ") or in the environment variable TWAT_CACHE_" + key.toUpperCase(Locale.ROOT));
    }
    if (setting == Setting.PASSWORD && origin == Origin.SYSTEM) {
      throw new IllegalArgumentException("The password is set by the " + source + ", which every process of the "
          + "user can read; give it in the Properties of getCacheManager (" + setting.propertyName()
          + ") or in the environment variable TWAT_CACHE_PASSWORD");
    }
    if (setting == Setting.ENCRYPTION_KEY) {
      throw new IllegalArgumentException("The setting " + key + " in " + source + " is text; key material as text "
          + "is refused. Put a javax.crypto.SecretKey object into the Properties as "
          + Setting.ENCRYPTION_KEY.propertyName() + ", or use keyFile or keyStore");
    }
    if (setting == Setting.KEY_STORE_PASSWORD && origin == Origin.SYSTEM) {
      throw new IllegalArgumentException("The KeyStore password is refused in " + source + ", which any process "
          + "listing may show; give it in the Properties given to getCacheManager or in the environment variable "
          + KEY_STORE_PASSWORD_VARIABLE);
    }
    validate(setting, value, source);
    values.put(setting, value.trim());
  }

  private static void validate(Setting setting, String value, String source) {
    switch (setting) {
      case MAX_ENTRIES -> parseCount(setting, value, source);
      case POLICY -> parsePolicy(value, source);
      case DIR -> parseDir(value, source);
      case FSYNC -> parseBoolean(setting, value, source);
      case COMPRESS -> parseCompress(value, source);
      case ALLOW -> parseAllow(value, source);
      case URL -> parseUrl(value, source);
      case USER, PASSWORD -> { }
      case DURABILITY -> parseDurability(value, source);
      case MAX_BYTES -> parseSize(setting, value, source);
      case TIERS -> Tiers.parse(value, source);
      case THRESHOLD -> parseByteSize(setting, value, source);
      case HEAP_ENTRIES -> parsePositive(setting, value, source);
      case MAX_STALE_MILLIS -> parseCount(setting, value, source);
      case KEY_FILE, KEY_STORE -> parsePath(setting, value, source);
      case KEY_ALIAS, KEY_STORE_PASSWORD -> {
        if (value.isBlank()) {
          throw new IllegalArgumentException("Empty value for " + setting.key() + " in " + source + "; allowed: "
              + setting.allowed());
        }
      }
      default -> throw new IllegalStateException("No validation for " + setting);
    }
  }

  /**
   * Parses a count: a whole number of at least zero, with optional {@code _} separators.
   *
   * @throws IllegalArgumentException naming the setting, the value and what is allowed
   */
  static long parseCount(Setting setting, String value, String source) {
    String digits = value.trim().replace("_", "");
    try {
      long count = Long.parseLong(digits);
      if (count >= 0 && !digits.startsWith("+")) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + value + " in " + source
        + "; allowed: " + setting.allowed());
  }

  /**
   * Parses a size: a whole number of bytes, with optional {@code _} separators and an optional
   * unit, KB/MB/GB/TB (powers of 1000) or KiB/MiB/GiB/TiB (powers of 1024); {@code B} alone is
   * bytes. Units are case-insensitive.
   *
   * @throws IllegalArgumentException naming the setting, the value and what is allowed
   */
  static long parseSize(Setting setting, String value, String source) {
    String text = value.trim().replace("_", "");
    int split = 0;
    while (split < text.length() && Character.isDigit(text.charAt(split))) {
      split++;
    }
    String unit = text.substring(split).trim().toUpperCase(Locale.ROOT);
    long multiplier = switch (unit) {
      case "", "B" -> 1L;
      case "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      case "TB" -> 1_000_000_000_000L;
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      case "TIB" -> 1L << 40;
      default -> -1L;
    };
    if (split > 0 && multiplier > 0) {
      try {
        return Math.multiplyExact(Long.parseLong(text.substring(0, split)), multiplier);
      } catch (ArithmeticException | NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + value + " in " + source
        + "; allowed: " + setting.allowed());
  }

  static Path parsePath(Setting setting, String value, String source) {
    Path path;
    try {
      path = Path.of(value.trim());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + value + " in " + source
          + "; allowed: " + setting.allowed(), e);
    }
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + value + " in " + source
          + ": the path is relative; allowed: " + setting.allowed());
    }
    return path.normalize();
  }

  private static List<String> parseList(String value) {
    List<String> items = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        items.add(part.trim());
      }
    }
    return List.copyOf(items);
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

  static MemoryPolicy parsePolicy(String value, String source) {
    for (MemoryPolicy policy : MemoryPolicy.values()) {
      if (policy.name().equalsIgnoreCase(value.trim())) {
        return policy;
      }
    }
    throw new IllegalArgumentException("Invalid value " + Setting.POLICY.key() + "=" + value + " in " + source
        + "; allowed: " + Setting.POLICY.allowed());
  }

  static Path parseDir(String value, String source) {
    Path path;
    try {
      path = Path.of(value.trim());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("Invalid value " + Setting.DIR.key() + "=" + value + " in " + source
          + "; allowed: " + Setting.DIR.allowed(), e);
    }
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("Invalid value " + Setting.DIR.key() + "=" + value + " in " + source
          + ": the path is relative; allowed: " + Setting.DIR.allowed());
    }
    return path.normalize();
  }

  static boolean parseBoolean(Setting setting, String value, String source) {
    String trimmed = value.trim();
    if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(trimmed);
    }
    throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + value + " in " + source
        + "; allowed: " + setting.allowed());
  }

  static Compression parseCompress(String value, String source) {
    for (Compression compression : Compression.values()) {
      if (compression.name().equalsIgnoreCase(value.trim())) {
        return compression;
      }
    }
    throw new IllegalArgumentException("Invalid value " + Setting.COMPRESS.key() + "=" + value + " in " + source
        + "; allowed: " + Setting.COMPRESS.allowed());
  }

  static List<String> parseAllow(String value, String source) {
    List<String> patterns = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        patterns.add(part.trim());
      }
    }
    try {
      AllowList.of(patterns);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid value " + Setting.ALLOW.key() + "=" + value + " in " + source
          + ": " + e.getMessage() + "; allowed: " + Setting.ALLOW.allowed(), e);
    }
    return List.copyOf(patterns);
  }

  static String parseUrl(String value, String source) {
    String url = value.trim();
    if (url.isEmpty()) {
      return url;
    }
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("Invalid value " + Setting.URL.key() + "=" + value + " in " + source
          + ": not a JDBC URL; allowed: " + Setting.URL.allowed());
    }
    String lower = url.toLowerCase(Locale.ROOT);
    int authority = lower.indexOf("//");
    int at = authority < 0 ? -1 : lower.indexOf('@', authority);
    int slash = authority < 0 ? -1 : lower.indexOf('/', authority + 2);
    boolean userInfoPassword = at > 0 && (slash < 0 || at < slash) && lower.substring(authority + 2, at).contains(":");
    if (lower.contains("password=") || lower.contains("pwd=") || userInfoPassword) {
      throw new IllegalArgumentException("The JDBC URL in " + source + " carries a password; never put one in a URL: "
          + "give it in the Properties of getCacheManager (" + Setting.PASSWORD.propertyName()
          + ") or in the environment variable TWAT_CACHE_PASSWORD");
    }
    return url;
  }

  static Durability parseDurability(String value, String source) {
    for (Durability durability : Durability.values()) {
      if (durability.name().equalsIgnoreCase(value.trim())) {
        return durability;
      }
    }
    throw new IllegalArgumentException("Invalid value " + Setting.DURABILITY.key() + "=" + value + " in " + source
        + "; allowed: " + Setting.DURABILITY.allowed());
  }



  static long parsePositive(Setting setting, String value, String source) {
    long count = parseCount(setting, value, source);
    if (count < 1) {
      throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + value + " in " + source
          + ": it must be at least 1; allowed: " + setting.allowed());
    }
    return count;
  }

  /** Parses a size as {@link #parseSize} does, that must be at least one byte. */
  static long parseByteSize(Setting setting, String value, String source) {
    long size = parseSize(setting, value, source);
    if (size < 1) {
      throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + value + " in " + source
          + ": it must be at least 1 byte; allowed: " + setting.allowed());
    }
    return size;
  }

  /** Returns the JDBC URL of the database store, if the {@code url} setting gives one. */
  public Optional<String> url() {
    return url;
  }

  /** Returns the database user from the manager's {@code Properties}, if given there. */
  public Optional<String> user() {
    return Optional.ofNullable(values.get(Setting.USER)).filter(user -> !user.isEmpty());
  }

  /** Returns the database password from the manager's {@code Properties}, if given there. */
  public Optional<String> password() {
    return Optional.ofNullable(values.get(Setting.PASSWORD));
  }

  /** Returns how durable a database write is when it returns. */
  public Durability durability() {
    return durability;
  }

  /**
   * The chain of a {@code twat:universal} manager, from its {@code tiers} setting.
   *
   * @param memory whether a heap tier sits on top
   * @param db whether small values go to the db store
   * @param file whether (large) values go to the file store
   */
  public record Tiers(boolean memory, boolean db, boolean file) {
    static Tiers parse(String value, String source) {
      List<String> names = new ArrayList<>();
      for (String part : value.split(",", -1)) {
        names.add(part.trim().toLowerCase(Locale.ROOT));
      }
      boolean memory = !names.isEmpty() && names.get(0).equals("memory");
      List<String> disk = memory ? names.subList(1, names.size()) : names;
      if (disk.equals(List.of("file")) || disk.equals(List.of("db")) || disk.equals(List.of("db", "file"))) {
        return new Tiers(memory, disk.contains("db"), disk.contains("file"));
      }
      throw new IllegalArgumentException("Invalid value " + Setting.TIERS.key() + "=" + value + " in " + source
          + ": name an optional memory tier, then the disk tiers; allowed: " + Setting.TIERS.allowed());
    }

    @Override
    public String toString() {
      return (memory ? "memory," : "") + (db ? (file ? "db,file" : "db") : "file");
    }
  }

  /** Returns the chain of a {@code twat:universal} manager. */
  public Tiers tiers() {
    return tiers;
  }

  /** Returns the serialized size in bytes from which {@code twat:universal} keeps values in the file store. */
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

  /** Returns the most bytes per cache on disk, or 0 for unbounded. */
  public long maxBytes() {
    return maxBytes;
  }

  /** Returns the key file, if the {@code keyFile} setting names one. */
  public Optional<Path> keyFile() {
    return keyFile;
  }

  /** Returns the PKCS12 KeyStore of the encryption keys, if the {@code keyStore} setting names one. */
  public Optional<Path> keyStore() {
    return keyStore;
  }

  /** Returns the aliases of the KeyStore's keys to use, the current one first. */
  public List<String> keyAliases() {
    return keyAliases;
  }

  /** Returns a copy of the KeyStore's password (from the Properties or the environment), or null. */
  public char[] keyStorePassword() {
    return keyStorePassword == null ? null : keyStorePassword.clone();
  }

  /** Returns the encryption keys given as objects in the Properties, the current one first. */
  public List<SecretKey> encryptionKeys() {
    return encryptionKeys;
  }

  /** Returns the memory store's eviction policy. */
  public MemoryPolicy policy() {
    return policy;
  }

  /** Returns the store kind. */
  public StoreKind kind() {
    return kind;
  }

  /** Returns the most entries per cache, or 0 for unbounded. */
  public long maxEntries() {
    return maxEntries;
  }

  @Override
  public String toString() {
    Map<Setting, String> shown = new EnumMap<>(values);
    shown.computeIfPresent(Setting.PASSWORD, (setting, password) -> "(hidden)");
    return "twat:" + kind.uriName() + shown;
  }
}

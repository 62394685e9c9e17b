/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A manager's configuration file: a Java properties file (UTF-8) named by the manager's URI, as
 * {@code file:///etc/app/cache.properties}, {@code classpath:cache.properties} (a resource of the
 * manager's class loader) or {@code jar:file:/opt/app.jar!/cache.properties}. Its keys:
 * <ul>
 *   <li>{@value #STORE_PROPERTY}: {@code memory}, {@code db}, {@code file} or {@code universal},
 *       the store; without it, the default URI's store (and the default URI's query settings,
 *       which the file's own settings override);</li>
 *   <li>{@code twat.cache.<key>} for every {@link Setting}, as in {@code Properties}, e.g.
 *       {@code twat.cache.maxEntries=10000} or {@code twat.cache.dir=/var/cache/app};</li>
 *   <li>{@code twat.cache.caches.<cache name>.<key>} for the {@link CacheSetting}s of one cache,
 *       e.g. {@code twat.cache.caches.books.expireAfterWrite=PT10M}; a name may contain dots
 *       (the key is what follows the last one).</li>
 * </ul>
 * Any other key, a key given twice, a missing or unreadable file, or a file that is not a
 * properties file fails with an {@link IllegalArgumentException} naming the file (and the key).
 *
 * <p>Secrets: a file on the class path or in a jar travels with the application, so it is
 * {@link Origin#SHARED_FILE} and may carry no password, just as a URI. A {@code file:} file that
 * only its owner can read or change (POSIX permissions without any group or other bit, as the
 * {@code keyFile} must have) is {@link Origin#PRIVATE_FILE}: it is as private as the
 * environment variables, and may carry {@code password} and {@code keyStorePassword}. Key
 * material as text is refused everywhere.
 *
 * <p>Immutable and thread-safe once read.
 */
final class ConfigFile {
  /** The key that names the store. */
  static final String STORE_PROPERTY = Setting.PROPERTY_PREFIX + "store";

  private static final Set<String> SCHEMES = Set.of("file", "classpath", "jar");
  private static final Set<PosixFilePermission> NOT_PRIVATE = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
  private static final SettingKey STORE = new Key("store", "memory, db, file or universal");

  private final URI uri;
  private final Origin origin;
  private final Optional<StoreKind> store;
  /** Setting key (after the prefix) to text. */
  private final Map<String, String> settings = new TreeMap<>();
  /** Cache name to (per-cache key to text). */
  private final Map<String, Map<String, String>> caches = new TreeMap<>();

  /**
   * Takes the entries of a file apart.
   *
   * @param uri the file's URI, for messages
   * @param origin how private the file is
   * @param entries its keys and values
   * @throws IllegalArgumentException if a key is unknown or the store is not a store kind
   */
  ConfigFile(URI uri, Origin origin, Map<String, String> entries) {
    this.uri = uri;
    this.origin = origin;
    StoreKind kind = null;
    for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
      String name = entry.getKey();
      if (name.equals(STORE_PROPERTY)) {
        kind = ValueTypes.choice(StoreKind.class).parse(STORE, entry.getValue(), source(name));
      } else if (name.startsWith(CacheSetting.PREFIX)) {
        String rest = name.substring(CacheSetting.PREFIX.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
          throw unknownKey(name);
        }
        caches.computeIfAbsent(rest.substring(0, dot), cache -> new TreeMap<>())
            .put(rest.substring(dot + 1), entry.getValue());
      } else if (name.startsWith(Setting.PROPERTY_PREFIX)
          && Setting.byKey(name.substring(Setting.PROPERTY_PREFIX.length())).isPresent()) {
        settings.put(name.substring(Setting.PROPERTY_PREFIX.length()), entry.getValue());
      } else {
        throw unknownKey(name);
      }
    }
    this.store = Optional.ofNullable(kind);
  }

  /** Returns whether {@code uri} is a {@code file:}, {@code classpath:} or {@code jar:} URI. */
  static boolean isConfigFileUri(URI uri) {
    return uri.getScheme() != null && SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT));
  }

  /**
   * Reads the configuration file {@code uri} names.
   *
   * @param uri a {@code file:}, {@code classpath:} or {@code jar:} URI
   * @param loader the class loader of {@code classpath:} resources
   * @throws IllegalArgumentException if the file is missing, unreadable, not a properties file,
   *     or has an unknown key or a key twice
   */
  static ConfigFile read(URI uri, ClassLoader loader) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      Path path;
      try {
        path = Path.of(uri);
      } catch (IllegalArgumentException | FileSystemNotFoundException e) {
        throw new IllegalArgumentException("The configuration file URI " + uri + " is not an "
            + "absolute file: URI (" + e.getMessage() + "); write file:///path/to/cache.properties,"
            + " or classpath:cache.properties for a resource", e);
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(path);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("The configuration file " + uri + " does not exist: "
            + "there is no file " + path + "; check the path, or name the manager with a twat: "
            + "URI such as twat:memory", e);
      } catch (IOException e) {
        throw couldNotRead(uri, e);
      }
      return new ConfigFile(uri, isPrivate(path) ? Origin.PRIVATE_FILE : Origin.SHARED_FILE,
          parse(uri, bytes));
    }
    URL url;
    if (scheme.equals("classpath")) {
      String name = uri.getSchemeSpecificPart().replaceFirst("^/+", "");
      ClassLoader resources = loader != null ? loader : ConfigFile.class.getClassLoader();
      url = name.isEmpty() ? null : resources.getResource(name);
      if (url == null) {
        throw new IllegalArgumentException("The configuration file " + uri + " does not exist: the "
            + "class loader " + resources + " finds no resource '" + name + "'; put the file in a "
            + "class path root (such as src/main/resources) or fix its name");
      }
    } else {
      if (!uri.getSchemeSpecificPart().toLowerCase(Locale.ROOT).startsWith("file:")) {
        throw new IllegalArgumentException("The configuration file URI " + uri + " does not point "
            + "into a local jar; write jar:file:/path/to/app.jar!/cache.properties");
      }
      try {
        url = uri.toURL();
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("The configuration file URI " + uri + " is not a jar "
            + "URL (" + e.getMessage() + "); write jar:file:/path/to/app.jar!/cache.properties", e);
      }
    }
    return new ConfigFile(uri, Origin.SHARED_FILE, parse(uri, readAll(uri, url)));
  }

  private static byte[] readAll(URI uri, URL url) {
    try {
      URLConnection connection = url.openConnection();
      // no cached JarFile: the jar is closed when the stream is, and may be replaced or deleted
      connection.setUseCaches(false);
      try (InputStream in = connection.getInputStream()) {
        return in.readAllBytes();
      }
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new IllegalArgumentException("The configuration file " + uri + " does not exist ("
          + e.getMessage() + "); check the jar's path and the entry after '!/'", e);
    } catch (IOException e) {
      throw couldNotRead(uri, e);
    }
  }

  private static IllegalArgumentException couldNotRead(URI uri, IOException e) {
    return new IllegalArgumentException("The configuration file " + uri + " could not be read: "
        + e + "; check that it is a readable file", e);
  }

  /** Returns whether the file's POSIX permissions give its group and others nothing. */
  private static boolean isPrivate(Path path) {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return false;
    }
    try {
      Set<PosixFilePermission> open = EnumSet.copyOf(NOT_PRIVATE);
      open.retainAll(view.readAttributes().permissions());
      return open.isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** Decodes a properties file: UTF-8, a key once. */
  private static Map<String, String> parse(URI uri, byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("The configuration file " + uri + " is not UTF-8 text; "
          + "save it as UTF-8", e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.stripLeading().startsWith("<")) {
      throw new IllegalArgumentException("The configuration file " + uri + " looks like XML; "
          + "twat-cache reads a Java properties file of key=value lines, such as "
          + STORE_PROPERTY + "=file and " + Setting.MAX_ENTRIES.propertyName() + "=10000");
    }
    OnceProperties properties = new OnceProperties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("The configuration file " + uri + " is not a valid "
          + "properties file: " + e.getMessage(), e);
    }
    if (!properties.duplicates.isEmpty()) {
      throw new IllegalArgumentException("The configuration file " + uri + " gives "
          + properties.duplicates + " more than once; give each key once");
    }
    Map<String, String> entries = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      entries.put(name, properties.getProperty(name));
    }
    return entries;
  }

  /** Returns the file's URI. */
  URI uri() {
    return uri;
  }

  /** Returns how private the file is, for the secret rules. */
  Origin origin() {
    return origin;
  }

  /** Returns the store the file names, if it names one. */
  Optional<StoreKind> store() {
    return store;
  }

  /** Returns the manager settings of the file, by key (after {@code twat.cache.}), as text. */
  Map<String, String> settings() {
    return Collections.unmodifiableMap(settings);
  }

  /** Returns where the property {@code name} was written, for messages. */
  String source(String name) {
    return "property " + name + " in the configuration file " + uri;
  }

  /**
   * Returns the per-cache settings of the file, by cache name, for a manager of {@code kind}.
   *
   * @throws IllegalArgumentException if a key is unknown or does not apply to {@code kind}, a
   *     value is bad, or a cache has both kinds of expiry
   */
  Map<String, CacheSettings> caches(StoreKind kind) {
    Map<String, CacheSettings> result = new TreeMap<>();
    for (Map.Entry<String, Map<String, String>> cache : caches.entrySet()) {
      Map<CacheSetting, Object> values = new EnumMap<>(CacheSetting.class);
      for (Map.Entry<String, String> entry : cache.getValue().entrySet()) {
        String name = CacheSetting.PREFIX + cache.getKey() + "." + entry.getKey();
        String source = source(name);
        CacheSetting setting = CacheSetting.byKey(entry.getKey()).orElseThrow(() ->
            new IllegalArgumentException("Unknown setting '" + entry.getKey() + "' in " + source
                + "; the per-cache settings of twat:" + kind.uriName() + " are: "
                + CacheSetting.keysOf(kind)));
        if (!setting.kinds().contains(kind)) {
          throw new IllegalArgumentException("The setting " + setting.key() + " in " + source
              + " does not apply to twat:" + kind.uriName() + "; the per-cache settings of twat:"
              + kind.uriName() + " are: " + CacheSetting.keysOf(kind));
        }
        values.put(setting, setting.type().parse(setting, entry.getValue(), source));
      }
      if (values.containsKey(CacheSetting.EXPIRE_AFTER_WRITE)
          && values.containsKey(CacheSetting.EXPIRE_AFTER_ACCESS)) {
        throw new IllegalArgumentException("The configuration file " + uri + " gives the cache "
            + cache.getKey() + " both expireAfterWrite and expireAfterAccess; a JCache expiry "
            + "policy keeps one deadline per entry, so give one of them");
      }
      result.put(cache.getKey(), CacheSettings.of(values));
    }
    return result;
  }

  private IllegalArgumentException unknownKey(String name) {
    return new IllegalArgumentException("Unknown key '" + name + "' in the configuration file "
        + uri + "; it takes " + STORE_PROPERTY + " (" + STORE.allowed() + "), the manager "
        + "settings " + Setting.PROPERTY_PREFIX + "<key> with the keys "
        + Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.joining(", "))
        + ", and per cache " + CacheSetting.PREFIX + "<cache name>.<key> with the keys "
        + Arrays.stream(CacheSetting.values()).map(CacheSetting::key)
            .collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return uri.toString();
  }

  /** A key of the file that is no {@link Setting}, for messages. */
  private record Key(String key, String allowed) implements SettingKey {
  }

  /** Properties that note the keys a file gives more than once (plain Properties keep the last). */
  private static final class OnceProperties extends Properties {
    private static final long serialVersionUID = 1L;
    private final transient Set<String> duplicates = new TreeSet<>();

    @Override
    public synchronized Object put(Object key, Object value) {
      Object previous = super.put(key, value);
      if (previous != null) {
        duplicates.add(String.valueOf(key));
      }
      return previous;
    }
  }
}

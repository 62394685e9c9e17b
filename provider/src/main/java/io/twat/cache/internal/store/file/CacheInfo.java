/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The record a file store keeps in its folder of the cache it serves, so that a new manager can
 * list the caches on disk and reopen them with their types and configuration, and so that data of
 * one key/value type is never read as another. The file {@value #FILE_NAME} is small UTF-8 text:
 * <pre>
 *   format=1                        the entry format version of the folder
 *   cache=users                     the cache's name (escaped like a Properties value)
 *   keyType=java.lang.String        the binary names of the declared types
 *   valueType=com.example.User
 *   config.version=1                the settings the cache manager recorded (see
 *   config.expiry=created           StoreFactory.recordSettings), each as config.NAME=VALUE;
 *   ...                             none in records of earlier versions
 * </pre>
 * It is written to a temporary file and renamed into place, so readers see a whole record. The
 * store opening the folder writes the first four lines (keeping the settings of a record of the
 * same cache and types); the cache manager then records its settings. Readers ignore keys they do
 * not know, and drop settings a store cannot keep ({@link PersistedCache#isValidSetting}), so a
 * record of a later version, or a damaged setting, still opens.
 *
 * <p>Stateless and thread-safe.
 */
final class CacheInfo {
  /** The record's file name in the cache folder. */
  static final String FILE_NAME = ".cache-info";
  /** The prefix of the keys that hold the recorded settings. */
  static final String SETTING_PREFIX = "config.";
  /** Where a damaged record is moved aside to, in the cache folder. */
  static final String DAMAGED_NAME = FILE_NAME + ".damaged";

  // logs as the store it records for
  private static final System.Logger LOG = System.getLogger(FileStore.class.getName());

  private CacheInfo() {
  }

  /**
   * Returns the recorded cache of {@code folder}, if it has a record.
   *
   * @throws StoreException if the record exists but cannot be read or is damaged
   */
  static Optional<PersistedCache> read(FileSystem fileSystem, Path folder) throws StoreException {
    Parsed parsed = parse(fileSystem, folder);
    if (parsed.damage() != null) {
      throw new StoreException("The cache record " + folder.resolve(FILE_NAME) + " is damaged ("
          + parsed.damage() + "); opening the cache moves it aside and records the cache again");
    }
    return Optional.ofNullable(parsed.cache());
  }

  /**
   * Returns the cache name that the record of {@code folder} states, read leniently: a damaged
   * record still names its cache if its {@code cache} line survived.
   */
  static Optional<String> statedName(FileSystem fileSystem, Path folder) {
    Properties properties = new Properties();
    try {
      byte[] bytes = fileSystem.readAllBytes(folder.resolve(FILE_NAME));
      properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(properties.getProperty("cache"));
  }

  /**
   * What a record file holds: nothing (no file), a cache, or damage.
   *
   * @param cache the recorded cache, or null
   * @param damage why the record is unusable, or null
   */
  private record Parsed(PersistedCache cache, String damage) {
    static final Parsed ABSENT = new Parsed(null, null);
  }

  /**
   * Reads the record of {@code folder}. An empty, truncated (every record ends with a line break)
   * or garbled record, one that lacks a line, or something other than a file in its place, is
   * damaged; the entry format of another version is not damage and fails.
   *
   * @throws StoreException if the record cannot be read, or is of another entry format
   */
  private static Parsed parse(FileSystem fileSystem, Path folder) throws StoreException {
    Path file = folder.resolve(FILE_NAME);
    String text;
    try {
      byte[] bytes = fileSystem.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      return Parsed.ABSENT;
    } catch (CharacterCodingException e) {
      return new Parsed(null, "not UTF-8 text");
    } catch (IOException e) {
      if (!isRegularFile(fileSystem, file)) {
        return new Parsed(null, "not a regular file");
      }
      throw new StoreException("Could not read the cache record " + file + ": " + e
          + "; check its permissions", e);
    }
    if (text.isEmpty()) {
      return new Parsed(null, "empty");
    }
    if (!text.endsWith("\n")) {
      return new Parsed(null, "truncated: its last line is incomplete");
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      return new Parsed(null, "malformed: " + e.getMessage());
    }
    String format = properties.getProperty("format");
    String name = properties.getProperty("cache");
    String keyType = properties.getProperty("keyType");
    String valueType = properties.getProperty("valueType");
    if (name == null || keyType == null || valueType == null || format == null) {
      return new Parsed(null, "it lacks format, cache, keyType or valueType");
    }
    if (!format.matches("[0-9]{1,3}")) {
      return new Parsed(null, "its format \"" + format + "\" is not a version number");
    }
    if (!format.equals(Byte.toString(EntryFormat.VERSION))) {
      throw new StoreException("The cache folder " + folder + " holds entry format " + format
          + ", this version of twat-cache reads format " + EntryFormat.VERSION + "; use a matching "
          + "version or delete the folder");
    }
    return new Parsed(new PersistedCache(name, keyType, valueType, settings(properties)), null);
  }

  private static boolean isRegularFile(FileSystem fileSystem, Path file) {
    try {
      return fileSystem.attributes(file).isRegularFile();
    } catch (IOException e) {
      return true;
    }
  }

  /** Returns the settings among {@code properties}, leaving out those a store cannot keep. */
  private static Map<String, String> settings(Properties properties) {
    Map<String, String> settings = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith(SETTING_PREFIX) && settings.size() < PersistedCache.MAX_SETTINGS) {
        String name = key.substring(SETTING_PREFIX.length());
        String value = properties.getProperty(key);
        if (PersistedCache.isValidSetting(name, value)) {
          settings.put(name, value);
        }
      }
    }
    return settings;
  }

  /**
   * Checks the cache recorded in the folder of {@code layout} against {@code wanted}: a record of
   * another cache is refused, as is data of other key or value types; an empty folder, or one
   * without a record, is (re)recorded for {@code wanted}. A damaged record (see {@link #parse}) is
   * moved aside to {@value #DAMAGED_NAME}, with one WARNING, and recorded again for {@code wanted}:
   * entries of other types are then refused or found corrupt as they are read. A record of the
   * same cache and types is kept as it is, with its settings.
   *
   * @throws StoreException if the folder records another cache, or holds entries of other types,
   *     naming both and what to do, or if the record cannot be read, moved aside or written
   * @throws IOException if the folder cannot be listed
   */
  static void attach(FolderLayout layout, PersistedCache wanted, FileAttribute<?>[] fileAttributes)
      throws StoreException, IOException {
    Path folder = layout.folder();
    Parsed parsed = parse(layout.fileSystem(), folder);
    if (parsed.damage() != null) {
      setAside(layout.fileSystem(), folder, parsed.damage(), wanted.cacheName());
    }
    Optional<PersistedCache> recorded = Optional.ofNullable(parsed.cache());
    boolean same = recorded.isPresent() && recorded.get().sameCacheAndTypes(wanted);
    if (recorded.isPresent() && !same) {
      PersistedCache found = recorded.get();
      if (!found.cacheName().equals(wanted.cacheName())) {
        throw new StoreException("The folder " + folder + " holds cache \"" + found.cacheName()
            + "\", not \"" + wanted.cacheName() + "\"; a folder serves one cache only. Open \""
            + wanted.cacheName() + "\" in its own folder, or destroyCache(\""
            + found.cacheName() + "\") first");
      }
      boolean sameTypes = found.keyType().equals(wanted.keyType())
          && found.valueType().equals(wanted.valueType());
      if (!sameTypes && layout.hasEntries()) {
        throw new StoreException("The folder " + folder + " holds entries of cache \""
            + found.cacheName() + "\" with types " + found.keyType() + " -> " + found.valueType()
            + ", but the cache is being created with types " + wanted.keyType() + " -> "
            + wanted.valueType() + ". Create it with setTypes(" + simple(found.keyType())
            + ".class, " + simple(found.valueType()) + ".class) to use that data, or "
            + "destroyCache(\"" + found.cacheName() + "\") first to start over");
      }
    }
    if (!same) {
      write(layout.fileSystem(), folder, wanted, fileAttributes);
    }
  }

  /** Moves a damaged record aside, replacing an earlier damaged one, and logs it once. */
  private static void setAside(FileSystem fileSystem, Path folder, String damage, String cacheName)
      throws StoreException {
    Path file = folder.resolve(FILE_NAME);
    Path aside = folder.resolve(DAMAGED_NAME);
    try {
      if (fileSystem.isDirectory(aside)) {
        aside = folder.resolve(DAMAGED_NAME + "." + UUID.randomUUID());
      }
      fileSystem.moveAtomically(file, aside);
    } catch (NoSuchFileException e) {
      return; // another process set it aside meanwhile
    } catch (IOException e) {
      throw new StoreException("The cache record " + file + " is damaged (" + damage
          + ") and could not be moved aside: " + e + "; delete it by hand to open the cache", e);
    }
    LOG.log(System.Logger.Level.WARNING, "The cache record {0} was damaged ({1}); moved it aside "
        + "to {2} and recorded cache \"{3}\" again (its recorded configuration is lost; entries "
        + "of other types will be refused or found corrupt as they are read)", file, damage,
        aside, cacheName);
  }

  /**
   * Replaces the settings of the cache {@code cacheName} recorded in {@code folder}.
   *
   * @return whether the folder holds a record of that cache (nothing is written if not)
   * @throws StoreException if the record cannot be read or written
   */
  static boolean recordSettings(FileSystem fileSystem, Path folder, String cacheName,
      Map<String, String> settings, FileAttribute<?>[] fileAttributes) throws StoreException {
    Optional<PersistedCache> recorded = read(fileSystem, folder);
    if (recorded.isEmpty() || !recorded.get().cacheName().equals(cacheName)) {
      return false;
    }
    PersistedCache updated = recorded.get().withSettings(settings);
    if (!updated.equals(recorded.get())) {
      write(fileSystem, folder, updated, fileAttributes);
    }
    return true;
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
  }

  /** Records {@code cache} in {@code folder}, replacing any earlier record atomically. */
  static void write(FileSystem fileSystem, Path folder, PersistedCache cache,
      FileAttribute<?>[] fileAttributes) throws StoreException {
    Path file = folder.resolve(FILE_NAME);
    Path temp = folder.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + "."
        + UUID.randomUUID() + ".tmp");
    String text = "# twat-cache: the cache whose entries this folder holds\n"
        + "format=" + EntryFormat.VERSION + "\n"
        + "cache=" + escape(cache.cacheName()) + "\n"
        + "keyType=" + escape(cache.keyType()) + "\n"
        + "valueType=" + escape(cache.valueType()) + "\n"
        + settingLines(cache.settings());
    try {
      fileSystem.deleteIfExists(temp);
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      fileSystem.writeNew(temp, new ByteBuffer[] {bytes}, /* force= */ false, fileAttributes);
      fileSystem.moveAtomically(temp, file);
    } catch (AtomicMoveNotSupportedException e) {
      deleteQuietly(fileSystem, temp);
      throw new StoreException("The file system of " + folder + " cannot rename files atomically; "
          + "choose a folder on a local file system", e);
    } catch (IOException e) {
      deleteQuietly(fileSystem, temp);
      throw new StoreException("Could not write the cache record " + file + ": " + e, e);
    }
  }

  private static String settingLines(Map<String, String> settings) {
    StringBuilder lines = new StringBuilder();
    settings.forEach((name, value) ->
        lines.append(SETTING_PREFIX).append(name).append('=').append(escape(value)).append('\n'));
    return lines.toString();
  }

  /** Deletes the record, so that the folder no longer counts as a cache. */
  static void delete(FileSystem fileSystem, Path folder) throws StoreException {
    try {
      fileSystem.deleteIfExists(folder.resolve(FILE_NAME));
    } catch (IOException e) {
      throw new StoreException("Could not delete the cache record in " + folder + ": " + e, e);
    }
  }

  /** Escapes a value as {@link Properties#load} reads it back. */
  private static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!' || (i == 0 && c == ' ')) {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static void deleteQuietly(FileSystem fileSystem, Path path) {
    try {
      fileSystem.deleteIfExists(path);
    } catch (IOException e) {
      // best effort
    }
  }
}

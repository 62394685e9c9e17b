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
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The record a file store keeps in its folder of the cache it serves, so that a new manager can
 * list the caches on disk and reopen them with their types and configuration, and so that data of
 * one key/value type is never read as another. The file {@value #FILE_NAME} is small UTF-8 text:
 * <pre>
 *   format=3                        the folder format (entry format 2 and slotted files)
 *   generation=9f86d081884c7d65     this creation of the cache: 16 hex digits, random
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
 * <p>The generation is chosen when a store records the cache anew (no record, or one of other
 * types, or a damaged one, or one of format 1, which had none) and kept while the record names
 * the same cache and types. Every entry file a store writes carries it (entry format 2), and a
 * store that finds another generation in the record than the one it opened with knows that its
 * cache was destroyed (and perhaps created again) meanwhile: see {@link #generation}. Callers
 * that write the record hold {@link KeyLocks#RECORD_STRIPE}, so that processes opening one
 * cache at once agree on one generation.
 *
 * <p>Stateless and thread-safe.
 */
final class CacheInfo {
  /** The record's file name in the cache folder. */
  static final String FILE_NAME = ".cache-info";
  /**
   * The folder format this version records: 3, entry files of version 2 and slotted ones (see
   * {@link SlottedFile}); formats 1 and 2 are read, and a record of format 2 is rewritten as 3
   * (same generation) when a store opens the folder.
   */
  static final byte FORMAT = SlottedFile.VERSION;
  /** The prefix of the keys that hold the recorded settings. */
  static final String SETTING_PREFIX = "config.";
  /** Where a damaged record is moved aside to, in the cache folder. */
  static final String DAMAGED_NAME = FILE_NAME + ".damaged";
  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
  /** The line that states the generation, as it starts. */
  private static final String GENERATION_LINE = "\ngeneration=";
  /** How many hex digits a generation has. */
  private static final int GENERATION_DIGITS = 16;

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
   * @param generation the recorded generation, or {@link EntryFormat#NO_GENERATION}
   * @param current whether the record states the folder format this version writes ({@link
   *     #FORMAT})
   */
  private record Parsed(PersistedCache cache, String damage, long generation, boolean current) {
    static final Parsed ABSENT = new Parsed(null, null, EntryFormat.NO_GENERATION, false);

    static Parsed damaged(String damage) {
      return new Parsed(null, damage, EntryFormat.NO_GENERATION, false);
    }
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
      return Parsed.damaged("not UTF-8 text");
    } catch (IOException e) {
      if (!isRegularFile(fileSystem, file)) {
        return Parsed.damaged("not a regular file");
      }
      throw new StoreException("Could not read the cache record " + file + ": " + e
          + "; check its permissions", e);
    }
    if (text.isEmpty()) {
      return Parsed.damaged("empty");
    }
    if (!text.endsWith("\n")) {
      return Parsed.damaged("truncated: its last line is incomplete");
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      return Parsed.damaged("malformed: " + e.getMessage());
    }
    String format = properties.getProperty("format");
    String name = properties.getProperty("cache");
    String keyType = properties.getProperty("keyType");
    String valueType = properties.getProperty("valueType");
    if (name == null || keyType == null || valueType == null || format == null) {
      return Parsed.damaged("it lacks format, cache, keyType or valueType");
    }
    if (!format.matches("[0-9]{1,3}")) {
      return Parsed.damaged("its format \"" + format + "\" is not a version number");
    }
    if (!format.equals(Byte.toString(FORMAT))
        && !format.equals(Byte.toString(EntryFormat.VERSION))
        && !format.equals(Byte.toString(EntryFormat.VERSION_1))) {
      throw new StoreException("The cache folder " + folder + " holds entry format " + format
          + ", this version of twat-cache reads formats " + EntryFormat.VERSION_1 + " to "
          + FORMAT + "; use a matching version or delete the folder");
    }
    String generation = properties.getProperty("generation");
    long parsedGeneration = EntryFormat.NO_GENERATION;
    if (generation != null) {
      parsedGeneration = parseGeneration(generation);
      if (parsedGeneration == EntryFormat.NO_GENERATION) {
        return Parsed.damaged("its generation \"" + generation + "\" is not "
            + GENERATION_DIGITS + " hex digits");
      }
    }
    return new Parsed(new PersistedCache(name, keyType, valueType, settings(properties)), null,
        parsedGeneration, format.equals(Byte.toString(FORMAT)));
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
   * same cache and types is kept as it is, with its settings and generation; any other is written
   * with a new generation. The caller holds {@link KeyLocks#RECORD_STRIPE}.
   *
   * @return the generation the record states afterwards
   * @throws StoreException if the folder records another cache, or holds entries of other types,
   *     naming both and what to do, or if the record cannot be read, moved aside or written
   * @throws IOException if the folder cannot be listed
   */
  static long attach(FolderLayout layout, PersistedCache wanted, FileAttribute<?>[] fileAttributes)
      throws StoreException, IOException {
    Path folder = layout.folder();
    Parsed parsed = parse(layout.fileSystem(), folder);
    long kept = EntryFormat.NO_GENERATION;
    if (parsed.damage() != null) {
      // the entries stay readable: keep their generation, from what survived of the record or
      // from an entry
      kept = generation(layout.fileSystem(), folder);
      if (kept == EntryFormat.NO_GENERATION) {
        kept = entryGeneration(layout);
      }
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
    if (same && parsed.generation() != EntryFormat.NO_GENERATION) {
      if (!parsed.current()) {
        // format 2: its entries stay as they are, and the record now says that slotted files
        // (which versions reading format 2 only would take for corrupt) may be written
        write(layout.fileSystem(), folder, recorded.get(), parsed.generation(), fileAttributes);
      }
      return parsed.generation();
    }
    // a record of the same cache and types written without a generation keeps its settings,
    // and the generation of its entries if some have one
    PersistedCache recording = same ? recorded.get() : wanted;
    if (same) {
      kept = entryGeneration(layout);
    }
    long generation = kept != EntryFormat.NO_GENERATION ? kept : newGeneration();
    write(layout.fileSystem(), folder, recording, generation, fileAttributes);
    return generation;
  }

  /**
   * Returns the generation of the first entry file of format 2 in the folder (its header is
   * plain, encrypted or not; a slotted file's is that of the record in its first slot), or
   * NO_GENERATION if there is none.
   */
  private static long entryGeneration(FolderLayout layout) throws IOException {
    int before = SlottedFile.FILE_HEADER + SlottedFile.SLOT_HEADER;
    ByteBuffer header = ByteBuffer.allocate(before + EntryFormat.HEADER_SIZE);
    for (Path subfolder : layout.subfolders()) {
      for (Path file : layout.entryFiles(subfolder)) {
        header.clear();
        try (FileChannel channel = layout.fileSystem().open(file, READ)) {
          while (header.hasRemaining() && channel.read(header) >= 0) {
            // reads the headers, or the whole of a shorter file
          }
        } catch (IOException e) {
          continue; // gone meanwhile, or unreadable: try the next
        }
        int at = header.position() >= 4 && header.getInt(0) == SlottedFile.MAGIC ? before : 0;
        if (header.position() >= at + EntryFormat.HEADER_SIZE
            && header.getInt(at) == EntryFormat.MAGIC
            && header.get(at + 4) == EntryFormat.VERSION) {
          long generation = header.getLong(at + EntryFormat.HEADER_SIZE_1);
          if (generation != EntryFormat.NO_GENERATION) {
            return generation;
          }
        }
      }
    }
    return EntryFormat.NO_GENERATION;
  }

  /** Returns a random generation, never {@link EntryFormat#NO_GENERATION}. */
  private static long newGeneration() {
    UUID random = UUID.randomUUID(); // from SecureRandom
    long generation = random.getMostSignificantBits() ^ random.getLeastSignificantBits();
    return generation == EntryFormat.NO_GENERATION ? 1L : generation;
  }

  /** Returns the generation that {@code text} states, or NO_GENERATION if it is not one. */
  private static long parseGeneration(String text) {
    if (text.length() != GENERATION_DIGITS) {
      return EntryFormat.NO_GENERATION;
    }
    try {
      return Long.parseUnsignedLong(text, 16);
    } catch (NumberFormatException e) {
      return EntryFormat.NO_GENERATION;
    }
  }

  /**
   * Returns the generation that the record of {@code folder} states, read quickly (the file once,
   * no full parse), or {@link EntryFormat#NO_GENERATION} if there is no record or it states none
   * (destroyed, damaged, or written by an earlier version). A store compares it with its own
   * before and after each change (see {@link FileStore}).
   *
   * @throws StoreException if the record exists but cannot be read
   */
  static long generation(FileSystem fileSystem, Path folder) throws StoreException {
    Path file = folder.resolve(FILE_NAME);
    byte[] bytes;
    try {
      bytes = fileSystem.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return EntryFormat.NO_GENERATION;
    } catch (IOException e) {
      if (!isRegularFile(fileSystem, file)) {
        return EntryFormat.NO_GENERATION;
      }
      throw new StoreException("Could not read the cache record " + file + ": " + e
          + "; check its permissions", e);
    }
    return generationOf(bytes);
  }

  /**
   * Returns the generation that a record's bytes state, or {@link EntryFormat#NO_GENERATION} if
   * they state none.
   */
  static long generationOf(byte[] bytes) {
    // the line is ASCII: a byte-per-char view finds it without decoding the rest
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.indexOf(GENERATION_LINE);
    if (at < 0) {
      return EntryFormat.NO_GENERATION;
    }
    int start = at + GENERATION_LINE.length();
    int end = start + GENERATION_DIGITS;
    if (end >= text.length() || text.charAt(end) != '\n') {
      return EntryFormat.NO_GENERATION;
    }
    return parseGeneration(text.substring(start, end));
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
    Parsed parsed = parse(fileSystem, folder);
    if (parsed.damage() != null) {
      throw new StoreException("The cache record " + folder.resolve(FILE_NAME) + " is damaged ("
          + parsed.damage() + "); opening the cache moves it aside and records the cache again");
    }
    PersistedCache recorded = parsed.cache();
    if (recorded == null || !recorded.cacheName().equals(cacheName)) {
      return false;
    }
    PersistedCache updated = recorded.withSettings(settings);
    if (!updated.equals(recorded)) {
      write(fileSystem, folder, updated, parsed.generation(), fileAttributes);
    }
    return true;
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
  }

  /**
   * Records {@code cache} in {@code folder} as creation {@code generation} (no line for {@link
   * EntryFormat#NO_GENERATION}), replacing any earlier record atomically.
   */
  static void write(FileSystem fileSystem, Path folder, PersistedCache cache, long generation,
      FileAttribute<?>[] fileAttributes) throws StoreException {
    Path file = folder.resolve(FILE_NAME);
    Path temp = folder.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + "."
        + UUID.randomUUID() + ".tmp");
    String text = "# twat-cache: the cache whose entries this folder holds\n"
        + "format=" + FORMAT + "\n"
        + (generation == EntryFormat.NO_GENERATION ? ""
            : "generation=" + String.format("%016x", generation) + "\n")
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

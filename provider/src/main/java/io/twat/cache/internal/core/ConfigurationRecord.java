/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.TwatConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.configuration.Factory;
import javax.cache.expiry.ExpiryPolicy;

/**
 * The configuration a cache was created with, as the plain settings that its persistent store
 * keeps with its data ({@link io.twat.cache.internal.store.StoreFactory#recordSettings}), so that
 * a cache manager of a later JVM reopens the cache ({@code getCache(name)}) as it was created.
 *
 * <h2>Record format, version {@value #VERSION}</h2>
 * Names and values are text; the file store writes them as {@code config.<name>=<value>} lines of
 * its {@code .cache-info}, the db store as rows of {@code twat_cache_setting}.
 * <pre>
 *   version=1                  this format's version
 *   expiry=created             the expiry policy, see {@link ExpiryRecord}:
 *   expiry.duration=5 MINUTES    created|accessed|modified|touched + duration, eternal,
 *   expiry.class=...             class + binary name, or none (could not be recorded)
 *   statistics=true            isStatisticsEnabled() as created
 *   management=true            isManagementEnabled() as created
 *   maxEntries=10000           TwatConfiguration.setMaxEntries, absent for INHERIT
 *   maxBytes=1073741824        TwatConfiguration.setMaxBytes, absent for INHERIT
 *   ownKeys=true               whether the cache had encryption keys of its own (never the keys)
 *   code=loader,writer,listeners   what it had that is code and so not recorded (for the log)
 * </pre>
 * The key and value types are recorded by the store itself, and store-by-value goes without
 * saying: only store-by-value caches are kept on disk.
 *
 * <p>What is not recorded: loaders, writers and listeners (code, not data: a reopened cache has
 * none, and is neither read-through nor write-through), the {@code Ticker} (a reopened cache runs
 * on the system clock) and encryption keys (secrets: a cache with keys of its own is not reopened
 * without them, see {@link Restoration#ownKeys()}). Statistics and management switched on or off
 * at run time ({@code CacheManager.enableStatistics}) are not recorded either: the record is the
 * configuration the cache was created with.
 *
 * <h2>Compatibility</h2>
 * A record without settings (written by an earlier version, or whose settings could not be
 * written) reopens with the JCache defaults, as before: eternal, statistics and management off.
 * Later versions add settings without changing the version, and readers ignore the names they do
 * not know; a version number above {@value #VERSION} means a change of meaning, and such a record
 * reopens with the defaults. A setting that cannot be used (damaged, or an expiry policy class
 * that is missing) falls back to its default, with one warning that names each; a damaged record
 * never keeps a cache from opening.
 *
 * <p>Immutable; thread-safe.
 */
final class ConfigurationRecord {
  /** The version of the record format this class writes and reads. */
  static final int VERSION = 1;

  static final String VERSION_NAME = "version";
  static final String STATISTICS = "statistics";
  static final String MANAGEMENT = "management";
  static final String MAX_ENTRIES = "maxEntries";
  static final String MAX_BYTES = "maxBytes";
  static final String OWN_KEYS = "ownKeys";
  static final String CODE = "code";

  private static final Set<String> CODE_WORDS = Set.of("loader", "writer", "listeners");
  private static final int MAX_SHOWN = 80;

  private final Factory<ExpiryPolicy> expiryPolicyFactory;
  private final boolean statistics;
  private final boolean management;
  private final long maxEntries;
  private final long maxBytes;
  private final boolean ownKeys;
  private final List<String> code;

  private ConfigurationRecord(TwatConfiguration<?, ?> configuration) {
    this.expiryPolicyFactory = configuration.getExpiryPolicyFactory();
    this.statistics = configuration.isStatisticsEnabled();
    this.management = configuration.isManagementEnabled();
    this.maxEntries = configuration.getMaxEntries();
    this.maxBytes = configuration.getMaxBytes();
    this.ownKeys = !configuration.getEncryptionKeys().isEmpty();
    List<String> codeParts = new ArrayList<>();
    if (configuration.getCacheLoaderFactory() != null) {
      codeParts.add("loader");
    }
    if (configuration.getCacheWriterFactory() != null) {
      codeParts.add("writer");
    }
    if (configuration.getCacheEntryListenerConfigurations().iterator().hasNext()) {
      codeParts.add("listeners");
    }
    this.code = List.copyOf(codeParts);
  }

  /**
   * Takes what is to be recorded of {@code configuration} as the application gave it; the expiry
   * policy is looked at only by {@link #settings()}.
   */
  static ConfigurationRecord of(TwatConfiguration<?, ?> configuration) {
    return new ConfigurationRecord(configuration);
  }

  /** Returns the settings of the record, by name, in the format described above. */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(VERSION_NAME, Integer.toString(VERSION));
    settings.putAll(ExpiryRecord.record(expiryPolicyFactory));
    settings.put(STATISTICS, Boolean.toString(statistics));
    settings.put(MANAGEMENT, Boolean.toString(management));
    if (maxEntries != TwatConfiguration.INHERIT) {
      settings.put(MAX_ENTRIES, Long.toString(maxEntries));
    }
    if (maxBytes != TwatConfiguration.INHERIT) {
      settings.put(MAX_BYTES, Long.toString(maxBytes));
    }
    settings.put(OWN_KEYS, Boolean.toString(ownKeys));
    if (!code.isEmpty()) {
      settings.put(CODE, String.join(",", code));
    }
    return settings;
  }

  /**
   * Sets on {@code configuration} (new, with the JCache defaults and the recorded types) what
   * {@code settings} record, leaving the default wherever a setting is missing or cannot be used.
   *
   * @param settings the settings recorded with the cache's data, untrusted
   * @param configuration the configuration of the reopened cache, changed in place
   * @param loader the cache manager's class loader, for an expiry policy recorded by its class
   * @return what was restored, and what could not be
   */
  static Restoration restore(Map<String, String> settings, TwatConfiguration<?, ?> configuration,
      ClassLoader loader) {
    String version = settings.get(VERSION_NAME);
    if (version == null) {
      return new Restoration(/* recorded= */ false, List.of(), List.of(), false, false);
    }
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number != VERSION) {
      String problem = number > VERSION
          ? "it was recorded by a later version of twat-cache (record version " + number
              + ", this version reads " + VERSION + ")"
          : "its record version is malformed: " + shown(version);
      // whatever else a later version means, a cache with keys of its own is not reopened
      // without them
      boolean ownKeys = "true".equals(settings.get(OWN_KEYS));
      return new Restoration(/* recorded= */ true, List.of(problem), List.of(), ownKeys, false);
    }
    List<String> problems = new ArrayList<>();
    ExpiryRecord.Restored expiry = ExpiryRecord.restore(settings, loader);
    if (expiry.factory() != null) {
      configuration.setExpiryPolicyFactory(expiry.factory());
    } else {
      problems.add(expiry.problem() + ", so it is eternal");
    }
    configuration.setStatisticsEnabled(flag(settings, STATISTICS, problems));
    configuration.setManagementEnabled(flag(settings, MANAGEMENT, problems));
    configuration.setMaxEntries(bound(settings, MAX_ENTRIES, problems));
    configuration.setMaxBytes(bound(settings, MAX_BYTES, problems));
    boolean ownKeys = flag(settings, OWN_KEYS, problems);
    List<String> code = new ArrayList<>();
    String recordedCode = settings.get(CODE);
    if (recordedCode != null) {
      for (String word : recordedCode.split(",", -1)) {
        if (CODE_WORDS.contains(word)) {
          code.add(word);
        }
      }
    }
    return new Restoration(/* recorded= */ true, problems, code, ownKeys, expiry.byClass());
  }

  private static boolean flag(Map<String, String> settings, String name, List<String> problems) {
    String value = settings.get(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    problems.add(name + " is not true or false but " + shown(value) + ", so it is off");
    return false;
  }

  private static long bound(Map<String, String> settings, String name, List<String> problems) {
    String value = settings.get(name);
    if (value == null) {
      return TwatConfiguration.INHERIT;
    }
    try {
      long bound = Long.parseLong(value);
      if (bound >= 0) {
        return bound;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + " is not a count but " + shown(value)
        + ", so the cache manager's setting applies");
    return TwatConfiguration.INHERIT;
  }

  /**
   * Returns recorded text as it may be shown in a log line: at most {@value #MAX_SHOWN}
   * characters, control characters replaced, quoted.
   */
  static String shown(String text) {
    if (text == null) {
      return "(none)";
    }
    String cut = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    StringBuilder out = new StringBuilder("\"");
    cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.append('"').toString();
  }

  /**
   * What {@link #restore} did.
   *
   * @param recorded whether the record holds a configuration at all (false for records of
   *     earlier versions)
   * @param problems the settings that could not be used, each with the default taken instead
   * @param code what the cache was created with that is code and so not recorded
   *     ({@code loader}, {@code writer}, {@code listeners})
   * @param ownKeys whether the cache was created with encryption keys of its own, which a
   *     reopening cannot know
   * @param expiryByClass whether the expiry policy is made by a {@code ClassFactory} (it loads
   *     the class through the thread's context class loader)
   */
  record Restoration(boolean recorded, List<String> problems, List<String> code, boolean ownKeys,
      boolean expiryByClass) {
    /** Copies the lists. */
    Restoration {
      problems = List.copyOf(problems);
      code = List.copyOf(code);
    }
  }
}

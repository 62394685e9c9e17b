/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.util.Map;
import java.util.Properties;

/**
 * Gathers a manager's settings from its sources, in rising precedence, so that each source
 * overrides the ones before it: the defaults, then system properties, then the {@code Properties}
 * given to {@code getCacheManager}, then the URI query of a manager named by a {@code twat:} URI,
 * or the configuration file of one named by the file's URI. A cache's own
 * {@code TwatConfiguration} wins over all of them, later, per cache.
 *
 * <p>A configuration file without {@code twat.cache.store} takes the default URI's store, and
 * then the default URI's query settings sit between the {@code Properties} and the file.
 *
 * <p>Every source is checked whole, also where a higher one overrides it: a key must be a known
 * {@link Setting} that applies to the manager's store kind, may come from that source
 * ({@link SecretRules}), and its value must parse. {@code Properties} and system properties
 * outside the {@code twat.cache.} prefix belong to others and are left alone; the two system-wide
 * properties ({@code twat.cache.defaultUri}, and as a system property {@code twat.cache.dir}, the
 * disk root) are not manager settings.
 *
 * <p>Not thread-safe: one resolution builds and drops it.
 */
final class SettingLayers {
  private final StoreKind kind;
  private final SettingValues.Builder values = new SettingValues.Builder();

  /** Starts from the defaults of a manager of {@code kind}. */
  SettingLayers(StoreKind kind) {
    this.kind = kind;
  }

  /** Adds the settings among the system properties. */
  SettingLayers systemProperties(Environment environment) {
    for (String name : environment.propertyNames()) {
      if (name.startsWith(Setting.PROPERTY_PREFIX) && !name.equals(TwatUri.DEFAULT_URI_PROPERTY)
          && !name.equals(DiskRoot.PROPERTY)) {
        put(name.substring(Setting.PROPERTY_PREFIX.length()), environment.property(name),
            "system property " + name, Origin.SYSTEM);
      }
    }
    return this;
  }

  /** Adds the settings among the {@code Properties} given to {@code getCacheManager}, if any. */
  SettingLayers properties(Properties properties) {
    if (properties != null) {
      for (String name : properties.stringPropertyNames()) {
        if (name.startsWith(Setting.PROPERTY_PREFIX)
            && !name.equals(TwatUri.DEFAULT_URI_PROPERTY)) {
          put(name.substring(Setting.PROPERTY_PREFIX.length()), properties.getProperty(name),
              "property " + name + " given to getCacheManager", Origin.PROPERTIES);
        }
      }
    }
    return this;
  }

  /** Adds the settings of a {@code twat:} URI's query. */
  SettingLayers uriQuery(TwatUri uri) {
    for (Map.Entry<String, String> entry : uri.query().entrySet()) {
      SecretRules.refuseInUri(entry.getKey(), "the URI " + uri.redacted());
      put(entry.getKey(), entry.getValue(), "URI " + uri, Origin.URI);
    }
    return this;
  }

  /** Adds the manager settings of a configuration file. */
  SettingLayers file(ConfigFile file) {
    for (Map.Entry<String, String> entry : file.settings().entrySet()) {
      put(entry.getKey(), entry.getValue(),
          file.source(Setting.PROPERTY_PREFIX + entry.getKey()), file.origin());
    }
    return this;
  }

  /** Returns the values gathered so far. */
  SettingValues values() {
    return values.build();
  }

  /**
   * Adds one setting.
   *
   * @param key the setting's key, as in a URI query
   * @param text its value as written
   * @param source where it was written, for messages
   * @param origin where it was written, for the secret rules
   */
  void put(String key, String text, String source, Origin origin) {
    Setting setting = Setting.byKey(key).orElseThrow(() -> new IllegalArgumentException(
        "Unknown setting '" + key + "' in " + source + "; the settings of twat:" + kind.uriName()
            + " are: " + Setting.keysOf(kind)));
    if (!setting.kinds().contains(kind)) {
      throw new IllegalArgumentException("The setting " + key + " in " + source
          + " does not apply to twat:" + kind.uriName() + "; the settings of twat:"
          + kind.uriName() + " are: " + Setting.keysOf(kind));
    }
    SecretRules.check(setting, origin, source);
    values.put(setting, text, source);
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.util.List;
import java.util.Locale;
import java.util.Properties;
import javax.crypto.SecretKey;

/**
 * Where secrets may come from. Key material is never text: keys come from a key file, a
 * KeyStore or {@code SecretKey} objects in code. Passwords (the database's and the KeyStore's)
 * never come from a URI, a system property or a configuration file others can read; they come
 * from the {@code Properties} given to {@code getCacheManager}, their environment variables, or a
 * {@code file:} configuration file only its owner can read. The database user is no secret, but
 * stays out of URIs with the password. No message repeats a secret.
 *
 * <p>Stateless and thread-safe.
 */
final class SecretRules {
  /** The environment variable that may hold the KeyStore's password. */
  static final String KEY_STORE_PASSWORD_VARIABLE = "TWAT_CACHE_KEYSTORE_PASSWORD";
  /** The environment variable that may hold the database password. */
  static final String PASSWORD_VARIABLE = "TWAT_CACHE_PASSWORD";

  private SecretRules() {
  }

  /**
   * Refuses a URI query key that carries a secret, or looks like one without being a known
   * setting, before its value is looked at.
   *
   * @param key the key as written in the query
   * @param source the URI without its query, for the message
   * @throws IllegalArgumentException if the key carries or looks like a secret
   */
  static void refuseInUri(String key, String source) {
    String lower = key.toLowerCase(Locale.ROOT);
    boolean looksSecret = Setting.byKey(key).isEmpty() && (lower.contains("key")
        || lower.contains("secret") || lower.contains("pass") || lower.contains("token"));
    if (looksSecret || key.equals(Setting.ENCRYPTION_KEY.key())
        || key.equals(Setting.KEY_STORE_PASSWORD.key()) || key.equals(Setting.PASSWORD.key())) {
      throw new IllegalArgumentException("The setting " + key + " carries key material or a "
          + "password and is refused in " + source + ": secrets never go in a URI, which ends up "
          + "in logs, JMX names and process lists. Give keys as a keyFile, a keyStore, or in code "
          + "(TwatConfiguration.setEncryptionKey, or a SecretKey object in the Properties as "
          + Setting.ENCRYPTION_KEY.propertyName() + "); give a KeyStore password in the "
          + "Properties or the environment variable " + KEY_STORE_PASSWORD_VARIABLE + ", and a "
          + "database password in the Properties (" + Setting.PASSWORD.propertyName()
          + ") or the environment variable " + PASSWORD_VARIABLE);
    }
  }

  /**
   * Refuses a known setting that may not come from {@code origin}.
   *
   * @param setting the setting
   * @param origin where it was written
   * @param source where it was written, for the message
   * @throws IllegalArgumentException if the setting may not come from there
   */
  static void check(Setting setting, Origin origin, String source) {
    boolean password = setting == Setting.PASSWORD;
    if ((password || setting == Setting.USER) && origin == Origin.URI) {
      throw new IllegalArgumentException("The URI " + source.substring("URI ".length())
          + " carries the setting " + setting.key() + "; credentials never go in a URI: give them "
          + "in the Properties of getCacheManager (" + setting.propertyName() + ") or in the "
          + "environment variable TWAT_CACHE_" + setting.key().toUpperCase(Locale.ROOT));
    }
    if (password && origin == Origin.SYSTEM) {
      throw new IllegalArgumentException("The password is set by the " + source + ", which every "
          + "process of the user can read; give it in the Properties of getCacheManager ("
          + setting.propertyName() + ") or in the environment variable " + PASSWORD_VARIABLE);
    }
    if (setting == Setting.ENCRYPTION_KEY) {
      throw new IllegalArgumentException("The setting " + setting.key() + " in " + source
          + " is text; key material as text is refused. Put a javax.crypto.SecretKey object into "
          + "the Properties as " + Setting.ENCRYPTION_KEY.propertyName()
          + ", or use keyFile or keyStore");
    }
    boolean keyStorePassword = setting == Setting.KEY_STORE_PASSWORD;
    if (keyStorePassword && origin == Origin.SYSTEM) {
      throw new IllegalArgumentException("The KeyStore password is refused in " + source
          + ", which any process listing may show; give it in the Properties given to "
          + "getCacheManager or in the environment variable " + KEY_STORE_PASSWORD_VARIABLE);
    }
    if ((password || keyStorePassword) && origin == Origin.SHARED_FILE) {
      throw new IllegalArgumentException("The setting " + setting.key() + " in " + source
          + " is a password, refused in a configuration file that others may read (one on the "
          + "class path or in a jar, which travels with the application, or a file its group or "
          + "others have permissions on). Give it in a file: configuration file only its owner "
          + "can read (chmod 600), in the Properties given to getCacheManager ("
          + setting.propertyName() + ") or in the environment variable "
          + (password ? PASSWORD_VARIABLE : KEY_STORE_PASSWORD_VARIABLE));
    }
  }

  /**
   * Refuses a JDBC URL that carries a password ({@code password=}, {@code pwd=} or
   * {@code user:password@}), without repeating it.
   *
   * @throws IllegalArgumentException if it carries one
   */
  static void refuseJdbcPassword(String url, String source) {
    String lower = url.toLowerCase(Locale.ROOT);
    int authority = lower.indexOf("//");
    int at = authority < 0 ? -1 : lower.indexOf('@', authority);
    int slash = authority < 0 ? -1 : lower.indexOf('/', authority + 2);
    boolean userInfoPassword = at > 0 && (slash < 0 || at < slash)
        && lower.substring(authority + 2, at).contains(":");
    if (lower.contains("password=") || lower.contains("pwd=") || userInfoPassword) {
      throw new IllegalArgumentException("The JDBC URL in " + source + " carries a password; "
          + "never put one in a URL: give it in the Properties of getCacheManager ("
          + Setting.PASSWORD.propertyName() + ") or in the environment variable "
          + PASSWORD_VARIABLE);
    }
  }

  /**
   * Returns the encryption keys given as objects in the {@code Properties}, the current one first.
   *
   * @throws IllegalArgumentException if the property holds anything but a SecretKey or a
   *     non-empty list of them
   */
  static List<SecretKey> encryptionKeys(Properties properties) {
    String name = Setting.ENCRYPTION_KEY.propertyName();
    Object value = properties == null ? null : properties.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof SecretKey key) {
      return List.of(key);
    }
    if (value instanceof List<?> list && !list.isEmpty()
        && list.stream().allMatch(SecretKey.class::isInstance)) {
      return list.stream().map(SecretKey.class::cast).toList();
    }
    throw new IllegalArgumentException("The property " + name + " given to getCacheManager must "
        + "be a javax.crypto.SecretKey object or a non-empty List of them (the first encrypts), "
        + "not a " + value.getClass().getName() + "; key material as text is refused");
  }
}

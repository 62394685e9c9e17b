/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import java.beans.PropertyDescriptor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.util.unit.DataSize;

/**
 * The manager URI and {@code Properties} that {@link TwatCacheProperties} stand for: {@code
 * twat:<store>?key=value&...} with every manager setting that is set, under its own name (the
 * properties' names are the query keys), and the secrets, which a URI must not carry, as {@code
 * twat.cache.<key>} in the {@code Properties}. The provider checks and applies them all, so this
 * class knows no setting but the secrets, and {@code dir}, which {@code twat:memory} leaves out:
 * the provider's disk-root system property {@code twat.cache.dir} reaches Boot's environment too.
 * Immutable and thread-safe.
 *
 * @param uri the manager's URI
 * @param properties the secrets, for {@code getCacheManager(uri, loader, properties)}
 */
record ManagerUri(URI uri, Properties properties) {
  /** Properties of {@link TwatCacheProperties} that are not settings of the manager. */
  private static final Set<String> NOT_SETTINGS =
      Set.of("class", "enabled", "store", "statistics", "settings", "caches");

  /** Settings the provider refuses in a URI: they travel in the Properties. */
  private static final Set<String> SECRETS = Set.of("user", "password", "keyStorePassword");

  private static final String PREFIX = "twat.cache.";

  /** Returns the URI and secrets of the properties. */
  static ManagerUri of(TwatCacheProperties properties) {
    StringJoiner query = new StringJoiner("&");
    Properties secrets = new Properties();
    BeanWrapper bean = PropertyAccessorFactory.forBeanPropertyAccess(properties);
    // The system property twat.cache.dir (the disk root) reaches Boot's environment too; a heap
    // store has no folder, so it must not fail on it.
    boolean heapOnly = properties.getStore() == TwatCacheProperties.Store.MEMORY;
    for (PropertyDescriptor descriptor : bean.getPropertyDescriptors()) {
      String key = descriptor.getName();
      Object value = bean.getPropertyValue(key);
      if (!NOT_SETTINGS.contains(key) && value != null && !(key.equals("dir") && heapOnly)) {
        add(key, text(value), query, secrets);
      }
    }
    for (Map.Entry<String, String> setting : properties.getSettings().entrySet()) {
      add(setting.getKey(), setting.getValue(), query, secrets);
    }
    String store = properties.getStore().name().toLowerCase(Locale.ROOT);
    String text = "twat:" + store + (query.length() == 0 ? "" : "?" + query);
    return new ManagerUri(URI.create(text), secrets);
  }

  private static void add(String key, String value, StringJoiner query, Properties secrets) {
    if (SECRETS.contains(key)) {
      secrets.setProperty(PREFIX + key, value);
    } else {
      query.add(encode(key) + "=" + encode(value));
    }
  }

  private static String text(Object value) {
    if (value instanceof DataSize size) {
      return Long.toString(size.toBytes());
    }
    if (value instanceof Collection<?> values) {
      StringJoiner joined = new StringJoiner(",");
      values.forEach(one -> joined.add(String.valueOf(one)));
      return joined.toString();
    }
    return value.toString();
  }

  /** Escapes what a URI query part cannot hold as it is (and & = % +), as UTF-8 %XX. */
  private static String encode(String part) {
    StringBuilder out = new StringBuilder(part.length());
    for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~/:,*@".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}

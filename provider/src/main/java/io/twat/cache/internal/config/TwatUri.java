/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code twat:} URI taken apart: the store kind it names ({@code twat:memory}) and the settings
 * in its query ({@code ?maxEntries=10&dir=/var/cache/app}), undecoded until asked for. Also finds
 * the default manager URI.
 *
 * <p>The query is split at the raw {@code &} and {@code =} first and each part decoded after, so
 * that an encoded {@code &} ({@code %26}) stays inside its value.
 *
 * <p>Immutable and thread-safe.
 */
final class TwatUri {
  /** The scheme of twat-cache URIs. */
  static final String SCHEME = "twat";
  /** The system property naming the default manager URI. */
  static final String DEFAULT_URI_PROPERTY = "twat.cache.defaultUri";
  /** The environment variable naming the default manager URI. */
  static final String DEFAULT_URI_VARIABLE = "TWAT_CACHE_DEFAULT_URI";
  /** The default manager URI when neither the property nor the variable is set. */
  static final URI BUILT_IN_DEFAULT_URI = URI.create("twat:memory");

  private final URI uri;
  private final StoreKind kind;
  /** The raw query after the {@code ?}, or null when there is no {@code ?}. */
  private final String rawQuery;

  private TwatUri(URI uri, StoreKind kind, String rawQuery) {
    this.uri = uri;
    this.kind = kind;
    this.rawQuery = rawQuery;
  }

  /** Returns whether {@code uri} has the {@code twat} scheme, in any case. */
  static boolean isTwatUri(URI uri) {
    return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals(SCHEME);
  }

  /**
   * Returns the default manager URI: the system property {@value #DEFAULT_URI_PROPERTY}, else the
   * environment variable {@value #DEFAULT_URI_VARIABLE}, else {@code twat:memory}.
   *
   * @throws IllegalArgumentException if the configured default is not a valid {@code twat:} URI
   */
  static URI defaultUri(Environment environment) {
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
          + "', which is not a twat: URI; set it to one of " + kindUris());
    }
    return uri;
  }

  /**
   * Takes a {@code twat:} URI apart.
   *
   * @param uri a URI with the {@code twat} scheme
   * @throws IllegalArgumentException if it names no store kind, or an unknown one
   */
  static TwatUri parse(URI uri) {
    String specific = uri.getSchemeSpecificPart();
    if (specific == null || specific.isEmpty()) {
      throw new IllegalArgumentException("The URI " + uri + " names no store kind; use one of "
          + kindUris());
    }
    int question = specific.indexOf('?');
    String kindName = question < 0 ? specific : specific.substring(0, question);
    StoreKind kind = StoreKind.fromUriName(kindName, uri.toString());
    String raw = uri.getRawSchemeSpecificPart();
    return new TwatUri(uri, kind, question < 0 ? null : raw.substring(raw.indexOf('?') + 1));
  }

  /** Returns the URI. */
  URI uri() {
    return uri;
  }

  /** Returns the store kind the URI names. */
  StoreKind kind() {
    return kind;
  }

  /**
   * Returns the settings of the query, decoded, in the order written.
   *
   * @throws IllegalArgumentException if a part is not {@code key=value} or a key appears twice
   */
  Map<String, String> query() {
    Map<String, String> pairs = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return pairs;
    }
    for (String pair : rawQuery.split("&", -1)) {
      int equals = pair.indexOf('=');
      if (equals <= 0 || equals == pair.length() - 1) {
        throw new IllegalArgumentException("The query part '" + pair + "' of URI " + uri
            + " is not key=value; write settings as twat:memory?maxEntries=10000&key=value");
      }
      String key = decode(pair.substring(0, equals));
      if (pairs.put(key, decode(pair.substring(equals + 1))) != null) {
        throw new IllegalArgumentException("The setting " + key + " appears twice in URI " + uri
            + "; give it once");
      }
    }
    return pairs;
  }

  /** Returns the URI without its query, for messages that must not repeat a secret. */
  String redacted() {
    String text = uri.toString();
    int question = text.indexOf('?');
    return question < 0 ? text : text.substring(0, question) + "?...";
  }

  /** Returns the URIs of the kinds, for messages: {@code twat:memory, twat:db, ...}. */
  static String kindUris() {
    return "twat:" + StoreKind.names().replace(", ", ", twat:");
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

  @Override
  public String toString() {
    return uri.toString();
  }
}

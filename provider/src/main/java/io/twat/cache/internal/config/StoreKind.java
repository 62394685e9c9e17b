/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of store a {@code twat:} URI can name. */
public enum StoreKind {
  /** On-heap, Caffeine: {@code twat:memory}. */
  MEMORY("memory"),
  /** A database on disk: {@code twat:db}. */
  DB("db"),
  /** One file per entry: {@code twat:file}. */
  FILE("file"),
  /** A heap tier over disk tiers: {@code twat:universal}. */
  UNIVERSAL("universal");

  private final String uriName;

  StoreKind(String uriName) {
    this.uriName = uriName;
  }

  /** Returns the name of the kind in a URI, e.g. {@code memory}. */
  public String uriName() {
    return uriName;
  }

  /**
   * Returns the kind named {@code name} in a URI.
   *
   * @param name the kind's name, in any case
   * @param uri the URI, for the message
   * @return the kind
   * @throws IllegalArgumentException if there is no such kind
   */
  public static StoreKind fromUriName(String name, String uri) {
    for (StoreKind kind : values()) {
      if (kind.uriName.equals(name.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("Unknown store kind '" + name + "' in URI " + uri
        + "; a twat: URI names one of: " + names() + " (e.g. twat:memory)");
  }

  /** Returns the URI names of the kinds, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(StoreKind::uriName).collect(Collectors.joining(", "));
  }
}

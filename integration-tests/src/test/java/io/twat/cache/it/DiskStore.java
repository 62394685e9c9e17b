/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stores that keep a cache across a restart, as an application names them: by a {@code twat:}
 * URI, or by a configuration file ({@code twat.cache.store=...}) for frameworks that take the URI
 * of one. Every method takes the folder the caches live in, a test's own temporary folder.
 *
 * <p>Immutable and thread-safe.
 */
public enum DiskStore {
  /** {@code twat:file}: a file per entry. */
  FILE,
  /** {@code twat:db}: an embedded H2 database. */
  DB,
  /** {@code twat:universal}: a heap tier over the database and the files. */
  UNIVERSAL;

  /** Returns the store's name in a URI or a configuration file: {@code file}, {@code db}, ... */
  public String kind() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the URI of a manager of this store in {@code folder}: {@code twat:file?dir=...}. */
  public URI uri(Path folder) {
    return URI.create("twat:" + kind() + "?dir=" + folder.toAbsolutePath());
  }

  /**
   * Returns the lines of a configuration file for a manager of this store in {@code folder}.
   *
   * @param folder the manager's folder
   * @param more further lines, such as per-cache settings
   */
  public List<String> configLines(Path folder, String... more) {
    List<String> lines = new ArrayList<>();
    lines.add("# a " + kind() + " store, written by a test");
    lines.add("twat.cache.store=" + kind());
    lines.add("twat.cache.dir=" + folder.toAbsolutePath());
    lines.addAll(List.of(more));
    return lines;
  }

  /**
   * Writes a configuration file for a manager of this store in {@code folder} and returns its
   * {@code file:} URI.
   *
   * @param file where to write it
   * @param folder the manager's folder
   * @param more further lines, such as per-cache settings
   */
  public URI writeConfig(Path file, Path folder, String... more) {
    try {
      Files.write(file, configLines(folder, more), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the configuration file " + file, e);
    }
    return file.toUri();
  }
}

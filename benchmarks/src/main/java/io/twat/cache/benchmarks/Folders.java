/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where disk subjects keep their data. */
final class Folders {
  /** The system property naming the folder under which the disk workloads keep their data sets. */
  static final String ROOT_PROPERTY = "twat.bench.dir";

  private Folders() {
  }

  /**
   * Returns the root of kept data sets: {@value #ROOT_PROPERTY}, else a folder in java.io.tmpdir.
   */
  static Path root() {
    String configured = System.getProperty(ROOT_PROPERTY);
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("java.io.tmpdir"), "twat-cache-bench");
  }

  /** Returns the folder a spec asks for, creating it, or a new temporary one if it names none. */
  static Path of(Spec<?> spec) {
    try {
      if (spec.folder() != null) {
        return Files.createDirectories(spec.folder());
      }
      return Files.createTempDirectory("twat-bench-" + spec.name());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not make a data folder for " + spec, e);
    }
  }

  /** Deletes a temporary folder made by {@link #of} for {@code spec}; kept folders stay. */
  static void deleteIfTemporary(Spec<?> spec, Path folder) {
    if (spec.folder() == null) {
      delete(folder);
    }
  }

  /** Deletes a folder and everything in it. */
  static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + folder, e);
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Measures what a cache's folder takes on disk. Stateless and thread-safe. */
public final class DiskUsage {
  private DiskUsage() {
  }

  /**
   * Returns the sizes of the regular files under {@code folder} added up: 0 if it does not
   * exist, -1 if it cannot be read.
   *
   * @param folder the folder to measure
   * @return its bytes, 0 or -1
   */
  public static long bytesUnder(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.mapToLong(path -> {
        try {
          return Files.isRegularFile(path) ? Files.size(path) : 0L;
        } catch (NoSuchFileException e) {
          return 0L;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (NoSuchFileException e) {
      return 0L;
    } catch (IOException | UncheckedIOException e) {
      return -1L;
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Finds the folder under which the disk stores keep their managers' and caches' folders: the
 * system property {@value #PROPERTY}, else the environment variable {@value #VARIABLE}, else the
 * platform's cache folder followed by {@code twat-cache}:
 * <ul>
 *   <li>Linux and other Unix: {@code $XDG_CACHE_HOME}, else {@code ~/.cache};</li>
 *   <li>macOS: {@code ~/Library/Caches};</li>
 *   <li>Windows: {@code %LOCALAPPDATA%}, else {@code ~/AppData/Local}.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class DiskRoot {
  /** The system property naming the disk root. */
  public static final String PROPERTY = "twat.cache.dir";
  /** The environment variable naming the disk root. */
  public static final String VARIABLE = "TWAT_CACHE_DIR";
  /** The name of twat-cache's folder inside the platform's cache folder. */
  public static final String FOLDER_NAME = "twat-cache";

  private DiskRoot() {
  }

  /**
   * Returns the disk root as configured for this environment.
   *
   * @throws IllegalArgumentException if the configured value is not an absolute path
   */
  public static Path resolve(Environment environment) {
    String configured = environment.property(PROPERTY);
    String source = "system property " + PROPERTY;
    if (isBlank(configured)) {
      configured = environment.variable(VARIABLE);
      source = "environment variable " + VARIABLE;
    }
    if (!isBlank(configured)) {
      Path path = Path.of(configured.trim());
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(
            "The "
                + source
                + " is '"
                + configured
                + "', which is not an absolute path; give the full path of the folder for"
                + " twat-cache's data");
      }
      return path.normalize();
    }
    return platformCacheFolder(environment).resolve(FOLDER_NAME);
  }

  private static Path platformCacheFolder(Environment environment) {
    String os = String.valueOf(environment.property("os.name")).toLowerCase(Locale.ROOT);
    Path home = Path.of(String.valueOf(environment.property("user.home")));
    if (os.startsWith("windows")) {
      String local = environment.variable("LOCALAPPDATA");
      return isBlank(local) ? home.resolve("AppData").resolve("Local") : Path.of(local);
    }
    if (os.startsWith("mac")) {
      return home.resolve("Library").resolve("Caches");
    }
    String xdg = environment.variable("XDG_CACHE_HOME");
    return isBlank(xdg) || !Path.of(xdg).isAbsolute() ? home.resolve(".cache") : Path.of(xdg);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import io.twat.cache.internal.assembly.StoreAssembler;
import io.twat.cache.testing.LogCapture;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a scenario class in a fresh class loader whose class path lacks every entry naming a
 * library, as an application without that jar would, and collects the provider's warnings.
 * The scenario has a {@code public static String run(String)} method and reports as text, since
 * no object of the hidden loader's classes can come back to the test's.
 */
final class HiddenLibrary {
  /** What a scenario reported, and the provider's WARNINGs while it ran. */
  record Outcome(String report, List<String> warnings) {
  }

  private HiddenLibrary() {
  }

  /**
   * Runs {@code scenario.run(argument)} without the class path entries that contain {@code
   * pathPart}.
   *
   * @param pathPart e.g. {@code caffeine} or {@code h2database}
   */
  static Outcome run(String pathPart, Class<?> scenario, String argument) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
      if (!entry.contains(pathPart)) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (LogCapture log = LogCapture.of(StoreAssembler.class.getName());
        URLClassLoader without =
            new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      Object report =
          without
              .loadClass(scenario.getName())
              .getMethod("run", String.class)
              .invoke(null, argument);
      return new Outcome((String) report, log.warnings());
    }
  }
}

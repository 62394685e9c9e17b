/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.integration;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Closes the user's loaders, writers, listeners and policies that are {@link AutoCloseable}. */
public final class Closeables {
  private static final Logger LOG = System.getLogger(Closeables.class.getName());

  private Closeables() {
  }

  /** Closes {@code resource} if it is closeable, logging rather than throwing a failure. */
  public static void closeQuietly(Object resource) {
    if (resource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Closing " + resource.getClass().getName() + " failed", e);
      }
    }
  }
}

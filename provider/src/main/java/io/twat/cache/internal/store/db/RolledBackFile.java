/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Tells whether H2 would open a database file at an older state than one its own header says
 * was written: the file lost the newest part of its content (it was truncated, or part of it
 * overwritten), and H2, which then falls back to the newest set of complete chunks it finds,
 * would open it without an error and serve older values.
 *
 * <p><b>How.</b> An H2 file ({@code MVStore}) keeps its data in chunks, each of one commit, with
 * a version; its two header blocks (checksummed) name a chunk and its version, rewritten at
 * least every 20 versions and at every clean close (then naming the last chunk). A header is
 * written only after the chunk it names, so in a healthy file, and in one left by a killed
 * process (whose writes up to the one in flight are whole), the newest complete state is at
 * least as new as the header's version. This opens the file read-only through H2's own
 * {@code MVStore} (by reflection: the provider reaches H2 only through JDBC, so that H2 stays
 * optional, see {@code module-info}), asks which version it opened and compares it with the
 * version of the header it chose.
 *
 * <p><b>Limits.</b> After a clean close every lost chunk is found; after a killed process, only
 * chunks up to the header's (at most about 20 commits old): newer ones lost cannot be told from
 * the write the kill tore. A file H2 cannot read here (encrypted, another format, damaged so that
 * H2's own open fails) yields no answer: H2's open decides. Call it only while no process, this
 * one included, has the file open (closing the probe's file channel would drop this process's
 * locks on the file).
 *
 * <p>Stateless and thread-safe.
 */
final class RolledBackFile {
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  private static final String BUILDER = "org.h2.mvstore.MVStore$Builder";

  private RolledBackFile() {
  }

  /**
   * Returns why H2 would open {@code file} at an older state than its header records (the two
   * versions), or empty if it would not, or if that cannot be told.
   */
  static Optional<String> check(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) == 0) {
        return Optional.empty();
      }
      ClassLoader loader = RolledBackFile.class.getClassLoader();
      Class<?> builderClass = Class.forName(BUILDER, /* initialize= */ true, loader);
      Object builder = builderClass.getConstructor().newInstance();
      builder = builderClass.getMethod("fileName", String.class).invoke(builder, file.toString());
      builder = builderClass.getMethod("readOnly").invoke(builder);
      Object store = builderClass.getMethod("open").invoke(builder);
      Class<?> storeClass = store.getClass();
      try {
        long opened = (Long) storeClass.getMethod("getCurrentVersion").invoke(store);
        Object fileStore = storeClass.getMethod("getFileStore").invoke(store);
        Method header = fileStore.getClass().getMethod("getStoreHeader");
        long recorded = version(((Map<?, ?>) header.invoke(fileStore)).get("version"));
        if (opened >= recorded) {
          return Optional.empty();
        }
        return Optional.of("H2 would open it at version " + opened + ", older than version "
            + recorded + " that its header records: the file lost its newest content"
            + " (truncated or overwritten)");
      } finally {
        storeClass.getMethod("close").invoke(store);
      }
    } catch (InvocationTargetException e) {
      LOG.log(Level.DEBUG, "Could not check the database file {0} before opening it: {1}", file,
          String.valueOf(e.getCause()));
      return Optional.empty();
    } catch (ReflectiveOperationException | java.io.IOException | RuntimeException
        | LinkageError e) {
      LOG.log(Level.DEBUG, "Could not check the database file {0} before opening it: {1}", file,
          e.toString());
      return Optional.empty();
    }
  }

  /** Returns a header's version: a hexadecimal string as read from the file, or a number. */
  private static long version(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    return value == null ? 0 : Long.parseLong(value.toString(), 16);
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.db.Credentials;
import io.twat.cache.internal.store.db.DbStore;
import io.twat.cache.internal.store.file.EntryCheck;
import io.twat.cache.internal.store.file.FileStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the caches a manager folder holds: the {@code twat:file} cache folders (those with a
 * readable {@code .cache-info} record, read by the file store's own code) and the caches of the
 * embedded {@code twat:db} database in the folder or its {@code db} subfolder (read through JDBC
 * with the db store's own URL, in H2's mixed mode, so it works while applications hold the
 * database). Reads only; changes nothing.
 *
 * <p>Stateless and thread-safe.
 */
final class DiskCaches {
  /** The name of the embedded database's file in its folder. */
  static final String DB_FILE = DbStore.EMBEDDED_FILE + ".mv.db";
  private static final String BIND_PROPERTY = "h2.bindAddress";
  /** How long a connect waits for another process that is opening the database file. */
  private static final long CONNECT_TIMEOUT_MILLIS = 30_000L;

  private DiskCaches() {
  }

  /**
   * A cache found on disk.
   *
   * @param store {@code file} or {@code db}
   * @param name the cache's name
   * @param keyType the recorded key type
   * @param valueType the recorded value type
   * @param entries the number of entry files or rows
   * @param bytes the bytes of the entry files, or of the rows' entries
   * @param location the cache's folder, or the database file; null for a database at a URL
   */
  record Found(String store, String name, String keyType, String valueType, long entries,
      long bytes, Path location) {
  }

  /** Returns the file store's cache folders in {@code dir}, by cache name. */
  static List<Found> fileCaches(Path dir) throws IOException {
    return fileCaches(dir, /* counted= */ true);
  }

  /**
   * Returns the file store's cache folders in {@code dir}, by cache name, with their entry files
   * counted and summed, or (not {@code counted}) without: entries and bytes are then -1, and the
   * folders are not listed (for a command that reads them afterwards anyway).
   */
  static List<Found> fileCaches(Path dir, boolean counted) throws IOException {
    List<Found> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(dir)) {
      for (Path folder : folders) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Optional<PersistedCache> record;
        try {
          record = FileStore.persisted(folder);
        } catch (StoreException e) {
          continue; // a damaged record: the store lists no cache there either
        }
        if (record.isEmpty()) {
          continue;
        }
        long[] entriesAndBytes = {counted ? 0 : -1, counted ? 0 : -1};
        if (counted) {
          forEachEntryFile(folder, file -> {
            entriesAndBytes[0]++;
            entriesAndBytes[1] += sizeOrZero(file);
          });
        }
        PersistedCache cache = record.get();
        found.add(new Found("file", cache.cacheName(), cache.keyType(), cache.valueType(),
            entriesAndBytes[0], entriesAndBytes[1], folder));
      }
    }
    found.sort(Comparator.comparing(Found::name));
    return found;
  }

  /** Returns the entry files of a cache folder (not temporary or quarantined files). */
  static List<Path> entryFiles(Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    forEachEntryFile(folder, files::add);
    files.sort(Comparator.naturalOrder());
    return files;
  }

  /**
   * Calls {@code visit} with each entry file of a cache folder (not temporary or quarantined
   * files), one subfolder at a time, without holding the whole listing: for caches of millions of
   * entries.
   */
  static void forEachEntryFile(Path folder, EntryVisitor visit) throws IOException {
    try (DirectoryStream<Path> subfolders = Files.newDirectoryStream(folder)) {
      for (Path subfolder : subfolders) {
        if (subfolder.getFileName().toString().length() != 2
            || !Files.isDirectory(subfolder, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(subfolder)) {
          for (Path entry : entries) {
            if (EntryCheck.isEntryName(entry.getFileName().toString())) {
              visit.visit(entry);
            }
          }
        } catch (NoSuchFileException goneMeanwhile) {
          // another process cleared the cache while we listed it
        }
      }
    }
  }

  /** What {@link #forEachEntryFile} calls with each entry file. */
  interface EntryVisitor {
    /** Visits one entry file. */
    void visit(Path file) throws IOException;
  }

  /** Returns the size of {@code file}, or 0 if another process deleted it meanwhile. */
  static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException goneMeanwhile) {
      return 0;
    }
  }

  /** Returns the folder of the embedded database for {@code dir}: {@code dir} or its db folder. */
  static Optional<Path> dbFolder(Path dir) {
    if (Files.isRegularFile(dir.resolve(DB_FILE))) {
      return Optional.of(dir);
    }
    Path db = dir.resolve("db");
    return Files.isRegularFile(db.resolve(DB_FILE)) ? Optional.of(db) : Optional.empty();
  }

  /**
   * Connects to the embedded database in {@code folder} with the db store's own URL: to the
   * process that serves it, or, if none does, to the file itself, serving it meanwhile to the
   * processes that come (on loopback, as the db store does).
   */
  static Connection connectEmbedded(Path folder) throws SQLException {
    serveOnLoopbackOnly();
    // through the store's own open: it redoes the journal of a killed process that served it
    return DbStore.connectEmbedded(folder, Credentials.EMBEDDED_DEFAULT, CONNECT_TIMEOUT_MILLIS);
  }

  /**
   * Makes H2 bind the server of a database file this JVM opens in mixed mode (and serves to the
   * processes that come meanwhile) to the loopback interface, as the db store does, unless the
   * user set H2's bind address; call it before the first H2 connection, as H2 reads it when it
   * loads.
   */
  static void serveOnLoopbackOnly() {
    synchronized (DiskCaches.class) {
      if (System.getProperty(BIND_PROPERTY) == null) {
        System.setProperty(BIND_PROPERTY, "127.0.0.1");
      }
    }
  }

  /**
   * Returns the caches of the embedded database in {@code folder}, with their row counts and the
   * bytes of their entries.
   *
   * @throws SQLException if the database cannot be opened or read
   */
  static List<Found> dbCaches(Path folder) throws SQLException {
    try (Connection connection = connectEmbedded(folder)) {
      return dbCaches(connection, folder.toAbsolutePath().normalize().resolve(DB_FILE));
    }
  }

  /**
   * Returns the caches of the database {@code connection} reads, with their row counts and the
   * bytes of their entries; their location is {@code file} (null for a database at a URL).
   *
   * @throws SQLException if the database cannot be read
   */
  static List<Found> dbCaches(Connection connection, Path file) throws SQLException {
    List<Found> found = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT c.name, c.key_type, c.value_type, COUNT(r.key_hash),"
                + " COALESCE(SUM(r.entry_size), 0) FROM twat_cache c"
                + " LEFT JOIN twat_row r ON r.cache_id = c.id"
                + " GROUP BY c.name, c.key_type, c.value_type ORDER BY c.name")) {
      while (rows.next()) {
        found.add(new Found("db", rows.getString(1), rows.getString(2), rows.getString(3),
            rows.getLong(4), rows.getLong(5), file));
      }
    }
    return found;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.store.file.EntryCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stats CACHE}: the figures of one cache without the encryption key: entries, bytes, size
 * distribution, oldest and newest entry (last write), expired entries not yet removed,
 * encryption, damaged entries. Of a {@code twat:file} cache from its entry files' headers and
 * file times; of a {@code twat:db} cache from its rows ({@code entry_size}, {@code accessed_at},
 * {@code expires_at}, and the db store's row checks); of a {@code twat:universal} cache (entry
 * files and rows of one manager folder) both, added up, and each part on its own. Exit 1 when the
 * cache is not found, its database cannot be read, or it has damaged entries.
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Shows the figures of one twat:file, twat:db or twat:universal cache "
        + "(needs no encryption key).")
final class StatsCommand implements Callable<Integer> {
  /** What the db part's encryption is when the rows cannot tell. */
  static final String NOT_RECORDED = "not recorded";

  @ParentCommand
  TwatCacheCli cli;

  @Parameters(index = "0", paramLabel = "CACHE", description = "The cache's name.")
  String cacheName;

  @Option(names = "--dir", paramLabel = "D",
      description = "A manager folder (the dir= of a twat: URI); default: the disk root's folders.")
  Path dir;

  @Option(names = "--json", description = "Machine output: one JSON object.")
  boolean json;

  @Mixin
  DbUrl db;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = cli.spec.commandLine().getErr();
    db.checkAgainst(spec, dir);
    if (db.given()) {
      return atUrl(err);
    }
    List<Path> folders = cli.folders(dir);
    for (Path folder : folders) {
      DiskCaches.Found file = null;
      for (DiskCaches.Found cache : DiskCaches.fileCaches(folder, /* counted= */ false)) {
        if (cache.name().equals(cacheName)) {
          file = cache;
        }
      }
      DiskCaches.Found db = null;
      Optional<Path> dbFolder = DiskCaches.dbFolder(folder);
      if (dbFolder.isPresent()) {
        try {
          for (DiskCaches.Found cache : DiskCaches.dbCaches(dbFolder.get())) {
            if (cache.name().equals(cacheName)) {
              db = cache;
            }
          }
        } catch (SQLException e) {
          err.println("twat-cache stats: cannot read the database in " + dbFolder.get() + ": "
              + e.getMessage());
          if (file == null) {
            return TwatCacheCli.PROBLEMS;
          }
        }
      }
      if (file == null && db == null) {
        continue;
      }
      Map<String, Object> fileStats = file == null ? null : fileStats(file);
      Map<String, Object> dbStats;
      try {
        dbStats = db == null ? null : dbStats(db);
      } catch (SQLException e) {
        err.println("twat-cache stats: cannot read the rows of cache \"" + cacheName + "\" in "
            + db.location() + ": " + e.getMessage());
        return TwatCacheCli.PROBLEMS;
      }
      return show(fileStats, dbStats);
    }
    err.println("twat-cache: no cache named \"" + cacheName + "\" in " + folders
        + "; see twat-cache ls");
    return TwatCacheCli.PROBLEMS;
  }

  private int atUrl(PrintWriter err) {
    try (Connection connection = db.connect(cli.environment)) {
      for (DiskCaches.Found cache : DiskCaches.dbCaches(connection, /* file= */ null)) {
        if (cache.name().equals(cacheName)) {
          return show(null, dbStats(connection, cache, db.url()));
        }
      }
    } catch (SQLException e) {
      err.println("twat-cache stats: cannot read the database at " + db.url() + ": "
          + e.getMessage());
      return TwatCacheCli.PROBLEMS;
    }
    err.println("twat-cache: no cache named \"" + cacheName + "\" in the database at "
        + db.url() + "; see twat-cache ls --url");
    return TwatCacheCli.PROBLEMS;
  }

  private int show(Map<String, Object> fileStats, Map<String, Object> dbStats) {
    Map<String, Object> stats;
    if (fileStats != null && dbStats != null) {
      stats = universal(fileStats, dbStats);
    } else {
      stats = fileStats != null ? fileStats : dbStats;
      stats.remove("figures");
    }
    long damaged = ((Number) stats.get("damaged")).longValue();
    if (json) {
      cli.print(Json.write(stats));
    } else {
      print(stats, "");
    }
    return damaged == 0 ? TwatCacheCli.OK : TwatCacheCli.PROBLEMS;
  }

  private void print(Map<String, Object> stats, String indent) {
    for (Map.Entry<String, Object> line : stats.entrySet()) {
      if (line.getValue() instanceof List<?> parts) {
        for (Object part : parts) {
          Map<?, ?> fields = (Map<?, ?>) part;
          cli.print(indent + fields.get("store") + " part:");
          @SuppressWarnings("unchecked") // the parts are the maps this class made
          Map<String, Object> typed = (Map<String, Object>) fields;
          print(typed, indent + "  ");
        }
      } else {
        cli.print(String.format("%s%-12s %s", indent, line.getKey(),
            line.getValue() == null ? "-" : line.getValue()));
      }
    }
  }

  private Map<String, Object> fileStats(DiskCaches.Found cache) throws IOException {
    long now = cli.clock.millis();
    Figures figures = new Figures();
    for (Path file : DiskCaches.entryFiles(cache.location())) {
      long modified;
      long size;
      EntryCheck.Result result;
      try {
        modified = Files.getLastModifiedTime(file).toMillis();
        result = EntryCheck.check(file);
        size = Files.size(file);
      } catch (NoSuchFileException goneMeanwhile) {
        continue;
      }
      figures.add(size, modified, result.whole() && result.expiresAt() <= now,
          result.encrypted(), !result.whole());
    }
    Map<String, Object> stats = head(cache, "folder", cache.location().toString());
    figures.putInto(stats);
    stats.put("encryption", encryption(figures.encrypted(), figures.entries()));
    stats.put("damaged", figures.damaged());
    stats.put("figures", figures);
    return stats;
  }

  private Map<String, Object> dbStats(DiskCaches.Found cache) throws SQLException {
    try (Connection connection = DiskCaches.connectEmbedded(cache.location().getParent())) {
      return dbStats(connection, cache, cache.location().toString());
    }
  }

  private Map<String, Object> dbStats(Connection connection, DiskCaches.Found cache,
      String where) throws SQLException {
    long now = cli.clock.millis();
    Figures figures = DbRows.figures(connection, cache.name(), expiresAt -> expiresAt <= now);
    Map<String, Object> stats = head(cache, "database", where);
    figures.putInto(stats);
    stats.put("encryption", figures.encrypted() > 0 ? "on" : NOT_RECORDED);
    stats.put("damaged", figures.damaged());
    stats.put("figures", figures);
    return stats;
  }

  private static Map<String, Object> head(DiskCaches.Found cache, String whereName,
      String where) {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("cache", cache.name());
    stats.put("store", cache.store());
    stats.put(whereName, where);
    stats.put("keyType", cache.keyType());
    stats.put("valueType", cache.valueType());
    return stats;
  }

  /**
   * The figures of a twat:universal cache: both parts added up, then each part. Its encryption is
   * the file part's when the rows do not record it (a manager's keys seal both parts).
   */
  private static Map<String, Object> universal(Map<String, Object> file, Map<String, Object> db) {
    Figures fileFigures = (Figures) file.remove("figures");
    Figures dbFigures = (Figures) db.remove("figures");
    Figures all = new Figures();
    all.addAll(fileFigures);
    all.addAll(dbFigures);
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("cache", file.get("cache"));
    stats.put("store", "universal");
    stats.put("keyType", file.get("keyType"));
    stats.put("valueType", file.get("valueType"));
    all.putInto(stats);
    stats.put("encryption", NOT_RECORDED.equals(db.get("encryption"))
        ? file.get("encryption") : encryption(all.encrypted(), all.entries()));
    stats.put("damaged", all.damaged());
    List<Object> parts = new ArrayList<>();
    parts.add(file);
    parts.add(db);
    stats.put("parts", parts);
    return stats;
  }

  private static String encryption(int encrypted, int entries) {
    if (encrypted == 0) {
      return "off";
    }
    return encrypted == entries ? "on" : "mixed (" + encrypted + " of " + entries + ")";
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import java.io.IOException;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ls}: the caches in a manager folder (or the disk root's default folders), file and db,
 * with entry counts, bytes, types and where they are. A database that cannot be read is a
 * problem (exit 1) after the caches that could be listed.
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "Lists the caches on disk.")
final class LsCommand implements Callable<Integer> {
  @ParentCommand
  TwatCacheCli cli;

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
    List<DiskCaches.Found> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    db.checkAgainst(spec, dir);
    if (db.given()) {
      try (Connection connection = db.connect(cli.environment)) {
        found.addAll(DiskCaches.dbCaches(connection, /* file= */ null));
      } catch (SQLException e) {
        problems.add("cannot read the database at " + db.url() + ": " + e.getMessage());
      }
    }
    for (Path folder : db.given() ? List.<Path>of() : cli.folders(dir)) {
      found.addAll(DiskCaches.fileCaches(folder));
      Optional<Path> db = DiskCaches.dbFolder(folder);
      if (db.isPresent()) {
        try {
          found.addAll(DiskCaches.dbCaches(db.get()));
        } catch (SQLException e) {
          problems.add("cannot read the database in " + db.get() + ": " + e.getMessage());
        }
      }
    }
    if (json) {
      List<Object> caches = new ArrayList<>();
      for (DiskCaches.Found cache : found) {
        caches.add(describe(cache));
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("caches", caches);
      result.put("problems", new ArrayList<Object>(problems));
      cli.print(Json.write(result));
    } else {
      cli.print(String.format("%-5s %-24s %9s %12s  %-20s %-20s %s", "STORE", "CACHE", "ENTRIES",
          "BYTES", "KEY", "VALUE", "WHERE"));
      for (DiskCaches.Found cache : found) {
        cli.print(String.format("%-5s %-24s %9d %12d  %-20s %-20s %s", cache.store(),
            cache.name(), cache.entries(), cache.bytes(), cache.keyType(), cache.valueType(),
            where(cache)));
      }
      for (String problem : problems) {
        cli.print("problem: " + problem);
      }
    }
    return problems.isEmpty() ? TwatCacheCli.OK : TwatCacheCli.PROBLEMS;
  }

  private String where(DiskCaches.Found cache) {
    return cache.location() == null ? db.url() : cache.location().toString();
  }

  private Map<String, Object> describe(DiskCaches.Found cache) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("store", cache.store());
    entry.put("name", cache.name());
    entry.put("entries", cache.entries());
    entry.put("bytes", cache.bytes());
    entry.put("keyType", cache.keyType());
    entry.put("valueType", cache.valueType());
    entry.put("location", where(cache));
    return entry;
  }
}

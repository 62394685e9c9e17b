/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.store.db.DbStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code compact}: shrinks the embedded {@code twat:db} database file of each folder back to
 * about its live size with H2's {@code SHUTDOWN COMPACT}, which rewrites the file and needs it
 * alone. The command connects as the db store does (H2's mixed mode): if another process holds
 * the database, the command is its server's client and sees that process's sessions, so it
 * refuses, naming the server that H2's lock file announces, and changes nothing; if it is the
 * only session, it compacts. An application that connects in the moment between that check and
 * the compaction loses its connection and opens the database again, as in any handover between
 * processes. Shows the file's size before and after. Exit 1 if a database was in use or could
 * not be compacted.
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
    description = "Shrinks the embedded twat:db database file back to about its live size "
        + "(needs it alone: refused while another process holds it).")
final class CompactCommand implements Callable<Integer> {
  @ParentCommand
  TwatCacheCli cli;

  @Option(names = "--dir", paramLabel = "D",
      description = "A manager folder (the dir= of a twat: URI); default: the disk root's folders.")
  Path dir;

  @Option(names = "--json", description = "Machine output: one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter err = cli.spec.commandLine().getErr();
    List<Object> databases = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path folder : cli.folders(dir)) {
      Optional<Path> db = DiskCaches.dbFolder(folder);
      if (db.isEmpty()) {
        continue;
      }
      Path file = db.get().toAbsolutePath().normalize().resolve(DiskCaches.DB_FILE);
      long before = DiskCaches.sizeOrZero(file);
      try {
        int others = compact(db.get());
        if (others > 0) {
          problems.add("not compacted: " + file + " is in use by another process (" + others
              + " other sessions" + server(db.get()) + "); SHUTDOWN COMPACT needs the database "
              + "alone: run compact when the applications that use it are stopped");
          continue;
        }
        long after = DiskCaches.sizeOrZero(file);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("database", file.toString());
        result.put("bytesBefore", before);
        result.put("bytesAfter", after);
        databases.add(result);
      } catch (SQLException e) {
        problems.add("could not compact " + file + ": " + e.getMessage());
      }
    }
    if (databases.isEmpty() && problems.isEmpty()) {
      problems.add("no embedded twat:db database (" + DiskCaches.DB_FILE + ") in "
          + cli.folders(dir));
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("databases", databases);
      result.put("problems", new ArrayList<Object>(problems));
      cli.print(Json.write(result));
    } else {
      for (Object database : databases) {
        Map<?, ?> fields = (Map<?, ?>) database;
        cli.print(String.format("compacted %s: %,d bytes before, %,d after",
            fields.get("database"), (Long) fields.get("bytesBefore"),
            (Long) fields.get("bytesAfter")));
      }
      problems.forEach(problem -> err.println("twat-cache compact: " + problem));
    }
    return problems.isEmpty() ? TwatCacheCli.OK : TwatCacheCli.PROBLEMS;
  }

  /**
   * Connects to the database in {@code folder} and compacts it if this is its only session;
   * returns the number of other sessions (0 once compacted).
   */
  private static int compact(Path folder) throws SQLException {
    try (Connection connection = DiskCaches.connectEmbedded(folder);
        Statement statement = connection.createStatement()) {
      int others;
      try (ResultSet sessions =
          statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
        sessions.next();
        others = sessions.getInt(1) - 1;
      }
      if (others == 0) {
        statement.execute("SHUTDOWN COMPACT");
      }
      return others;
    }
  }

  /** Returns ", served at host:port ..." from H2's lock file, or nothing. */
  private static String server(Path folder) {
    Path lock = folder.resolve(DbStore.EMBEDDED_FILE + ".lock.db");
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(lock)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException unreadable) {
      return "";
    }
    String server = properties.getProperty("server");
    return server == null ? "" : ", served at " + server + " says " + lock.getFileName();
  }
}

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
 * <p>With {@code --url}: an embedded H2 file ({@code jdbc:h2:PATH} or {@code jdbc:h2:file:PATH},
 * not a server or in-memory database) is compacted as above, through that URL. PostgreSQL runs
 * {@code VACUUM} of {@code twat_row} (plain, not {@code FULL}: it takes no lock that stops the
 * applications' reads and writes), which makes the space of removed rows reusable and gives
 * back the empty pages at the table's end; the sizes shown are the table's with its indexes and
 * TOAST data. Any other database (or an H2 server) is refused with a message naming its own
 * tool, and nothing is changed.
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
    description = "Shrinks the embedded twat:db database file back to about its live size "
        + "(needs it alone: refused while another process holds it); with --url of "
        + "PostgreSQL, VACUUM of twat_row.")
final class CompactCommand implements Callable<Integer> {
  /** H2's error code of a database file held by another process (opened without mixed mode). */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;
  /** The way an H2 file is compacted. */
  private static final String SHUTDOWN_COMPACT = "SHUTDOWN COMPACT";
  /** The way a PostgreSQL table is compacted while others use it. */
  private static final String VACUUM = "VACUUM twat_row";

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
  public Integer call() {
    PrintWriter err = cli.spec.commandLine().getErr();
    List<Object> databases = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    db.checkAgainst(spec, dir);
    if (db.given()) {
      compactAtUrl(databases, problems);
    }
    for (Path folder : db.given() ? List.<Path>of() : cli.folders(dir)) {
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
        databases.add(compacted(file.toString(), before, after, SHUTDOWN_COMPACT));
      } catch (SQLException e) {
        problems.add("could not compact " + file + ": " + e.getMessage());
      }
    }
    if (databases.isEmpty() && problems.isEmpty() && !db.given()) {
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
        cli.print(String.format("compacted %s (%s): %,d bytes before, %,d after",
            fields.get("database"), fields.get("method"), (Long) fields.get("bytesBefore"),
            (Long) fields.get("bytesAfter")));
      }
      problems.forEach(problem -> err.println("twat-cache compact: " + problem));
    }
    return problems.isEmpty() ? TwatCacheCli.OK : TwatCacheCli.PROBLEMS;
  }

  private static Map<String, Object> compacted(String database, long before, long after,
      String method) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("database", database);
    result.put("method", method);
    result.put("bytesBefore", before);
    result.put("bytesAfter", after);
    return result;
  }

  /** Compacts the database at {@code --url}, or refuses, by its kind. */
  private void compactAtUrl(List<Object> databases, List<String> problems) {
    String url = db.url();
    Optional<Path> h2File = DbUrl.h2File(url);
    if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:") && h2File.isEmpty()) {
      problems.add("not compacted: " + url + " is not an embedded H2 file (a server or an "
          + "in-memory database): compact it where it is served, with H2's SHUTDOWN COMPACT "
          + "when no one uses it (org.h2.tools.Shell)");
      return;
    }
    if (h2File.isPresent()) {
      Path file = h2File.get();
      long before = DiskCaches.sizeOrZero(file);
      try {
        int others;
        try (Connection connection = db.connect(cli.environment)) {
          others = compact(connection);
        }
        if (others > 0) {
          problems.add("not compacted: " + file + " is in use by another process (" + others
              + " other sessions); SHUTDOWN COMPACT needs the database alone: run compact "
              + "when the applications that use it are stopped");
          return;
        }
        databases.add(compacted(file.toString(), before, DiskCaches.sizeOrZero(file),
            SHUTDOWN_COMPACT));
      } catch (SQLException e) {
        problems.add(e.getErrorCode() == H2_DATABASE_ALREADY_OPEN
            ? "not compacted: " + file + " is in use by another process (H2: " + e.getMessage()
                + "); SHUTDOWN COMPACT needs the database alone: run compact when the "
                + "applications that use it are stopped"
            : "could not compact " + url + ": " + e.getMessage());
      }
      return;
    }
    try (Connection connection = db.connect(cli.environment)) {
      String product = connection.getMetaData().getDatabaseProductName();
      if (!product.toLowerCase(Locale.ROOT).contains("postgres")) {
        problems.add("not compacted: compact knows how to compact H2 files and PostgreSQL "
            + "safely, not " + product + " at " + url + ": use " + product + "'s own tool to "
            + "reclaim the space of twat_row");
        return;
      }
      connection.setAutoCommit(true); // VACUUM cannot run in a transaction
      long before = relationSize(connection);
      try (Statement statement = connection.createStatement()) {
        statement.execute(VACUUM);
      }
      databases.add(compacted(url, before, relationSize(connection), VACUUM));
    } catch (SQLException e) {
      problems.add("could not compact " + url + ": " + e.getMessage() + "; VACUUM twat_row "
          + "needs the owner of the table (or run it, or vacuumdb, as that user)");
    }
  }

  /** Returns the bytes of {@code twat_row} with its indexes and TOAST data (PostgreSQL). */
  private static long relationSize(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet size = statement.executeQuery("SELECT pg_total_relation_size('twat_row')")) {
      size.next();
      return size.getLong(1);
    }
  }

  /** Connects to the database in {@code folder} and compacts it if this is its only session. */
  private static int compact(Path folder) throws SQLException {
    try (Connection connection = DiskCaches.connectEmbedded(folder)) {
      return compact(connection);
    }
  }

  /**
   * Compacts the H2 database {@code connection} reads if this is its only session; returns the
   * number of other sessions (0 once compacted).
   */
  private static int compact(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
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

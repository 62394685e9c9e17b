/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.config.Environment;
import io.twat.cache.internal.store.db.DbStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that name a database other than the embedded one: {@code --url} (a JDBC URL, e.g.
 * {@code jdbc:postgresql://host/db}), {@code --user}, and {@code --password-env NAME}, the
 * environment variable that holds the password (default {@value #PASSWORD_VARIABLE}); a password
 * is never taken on the command line, where process lists and shell histories would show it.
 *
 * <p>One instance per run (a picocli mixin); not thread-safe.
 */
final class DbUrl {
  /** The environment variable that holds the password unless {@code --password-env} names one. */
  static final String PASSWORD_VARIABLE = "TWAT_CACHE_DB_PASSWORD";

  @Option(names = "--url", paramLabel = "U", description = "A JDBC URL of the database of "
      + "twat:db / twat:universal caches (e.g. jdbc:postgresql://host/db), instead of folders.")
  String url;

  @Option(names = "--user", paramLabel = "NAME", description = "The database user (with --url).")
  String user;

  @Option(names = "--password-env", paramLabel = "NAME", description = "The environment "
      + "variable that holds the password (with --url); default: " + PASSWORD_VARIABLE + ".")
  String passwordVariable;

  /** Returns whether {@code --url} was given. */
  boolean given() {
    return url != null;
  }

  /** Returns the user, or null when none was given. */
  String user() {
    return user;
  }

  /**
   * Returns the password from the environment variable, or null when it is not set.
   *
   * @throws IllegalArgumentException if {@code --password-env} names a variable that is not set
   */
  String password(Environment environment) {
    String variable = passwordVariable != null ? passwordVariable : PASSWORD_VARIABLE;
    String password = environment.variable(variable);
    if (password == null && passwordVariable != null) {
      throw new IllegalArgumentException("--password-env names the environment variable "
          + passwordVariable + ", which is not set: export it with the database password");
    }
    return password;
  }

  /**
   * Connects to the database of {@code --url} ({@link #effectiveUrl}); an H2 file this opens
   * itself is served on the loopback interface only ({@link DiskCaches#serveOnLoopbackOnly}).
   */
  Connection connect(Environment environment) throws SQLException {
    if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
      DiskCaches.serveOnLoopbackOnly();
    }
    return DriverManager.getConnection(effectiveUrl(), user, password(environment));
  }

  /**
   * Returns the URL the command connects to: {@code --url}, except that an embedded H2 file is
   * always reached in H2's mixed mode, as the db store reaches its own ({@code ;AUTO_SERVER=TRUE}
   * is added if the URL lacks it), so that the command is a client of the process that holds
   * the file, if one does, instead of opening the file beside it (which H2 did not refuse: it
   * read a held file as corrupted).
   */
  String effectiveUrl() {
    if (h2File(url).isPresent() && !url.toLowerCase(Locale.ROOT).contains(";auto_server=true")) {
      return url + ";AUTO_SERVER=TRUE";
    }
    return url;
  }

  /**
   * Refuses {@code --url} with {@code --dir} (which name different places), and
   * {@code --user} or {@code --password-env} without {@code --url}.
   */
  void checkAgainst(CommandSpec spec, Object dir) {
    if (url != null && dir != null) {
      throw new ParameterException(spec.commandLine(),
          "--url and --dir name different places: give one of them");
    }
    if (url == null && (user != null || passwordVariable != null)) {
      throw new ParameterException(spec.commandLine(),
          "--user and --password-env are for a database at --url: add --url");
    }
  }

  /**
   * Returns the properties of a cache manager on this database: its user and password as the
   * provider's {@code twat.cache.user} and {@code twat.cache.password};
   * empty without {@code --url}.
   */
  Properties managerProperties(Environment environment) {
    Properties properties = new Properties();
    if (url != null) {
      if (user != null) {
        properties.setProperty("twat.cache.user", user);
      }
      String password = password(environment);
      if (password != null) {
        properties.setProperty("twat.cache.password", password);
      }
    }
    return properties;
  }

  /** Returns the URL. */
  String url() {
    return url;
  }

  /**
   * Returns the database file of an embedded H2 URL ({@code jdbc:h2:[file:|retry:|nio:]PATH}),
   * or empty for any other URL (an H2 server or in-memory database, another database).
   */
  static Optional<Path> h2File(String url) {
    return DbStore.embeddedBase(url).map(name -> name.startsWith("~")
        ? System.getProperty("user.home") + name.substring(1) : name)
        .map(name -> Path.of(name + ".mv.db").toAbsolutePath().normalize());
  }

}

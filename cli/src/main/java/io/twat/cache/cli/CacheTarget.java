/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.store.db.DbStore;
import io.twat.cache.spi.TwatCachingProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;

/**
 * A cache found on disk together with the {@code twat:} URI of a cache manager that reaches it,
 * so that a command changes it through the provider itself, with the locks and rules an
 * application's manager uses. The kind comes from what the folder holds: a cache with both a
 * folder of entry files and rows in the embedded database there is {@code twat:universal}, one
 * with only entry files {@code twat:file}, one with only rows {@code twat:db}; a cache in the
 * disk root's {@code universal} folder is always {@code twat:universal}. {@code --uri} replaces
 * the guess (for settings such as {@code keyFile}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the cache's name
 * @param uri the manager's URI
 * @param found what the folders hold of it: its folder of entry files, its rows, or both
 */
record CacheTarget(String name, URI uri, List<DiskCaches.Found> found) {
  CacheTarget {
    found = List.copyOf(found);
  }

  /** Returns the entries the cache holds on disk (files and rows), as last counted. */
  long entries() {
    return found.stream().mapToLong(DiskCaches.Found::entries).sum();
  }

  /**
   * Returns the caches named {@code name} (or all, if null) in the folders, each with its
   * manager's URI; {@code problems} receives what could not be read.
   *
   * @param uri a manager URI given on the command line, or null to work it out from the folders
   */
  static List<CacheTarget> find(TwatCacheCli cli, Path dir, String uri, String name,
      List<String> problems) throws IOException {
    List<CacheTarget> targets = new ArrayList<>();
    Path root = cli.diskRoot().toAbsolutePath().normalize();
    for (Path folder : cli.folders(dir)) {
      List<DiskCaches.Found> files = DiskCaches.fileCaches(folder);
      List<DiskCaches.Found> rows = new ArrayList<>();
      Optional<Path> db = DiskCaches.dbFolder(folder);
      if (db.isPresent()) {
        try {
          rows = DiskCaches.dbCaches(db.get());
        } catch (SQLException e) {
          problems.add("cannot read the database in " + db.get() + ": " + e.getMessage());
        }
      }
      boolean universalFolder = dir == null && folder.equals(root.resolve("universal"));
      List<String> names = new ArrayList<>();
      files.forEach(f -> names.add(f.name()));
      rows.stream().map(DiskCaches.Found::name).filter(n -> !names.contains(n))
          .forEach(names::add);
      for (String cacheName : names) {
        if (name != null && !name.equals(cacheName)) {
          continue;
        }
        Optional<DiskCaches.Found> file = named(files, cacheName);
        Optional<DiskCaches.Found> row = named(rows, cacheName);
        List<DiskCaches.Found> found = new ArrayList<>();
        file.ifPresent(found::add);
        row.ifPresent(found::add);
        URI managerUri;
        if (uri != null) {
          managerUri = URI.create(uri);
        } else if (universalFolder || (file.isPresent() && row.isPresent())) {
          managerUri = managerUri("universal", folder);
        } else if (file.isPresent()) {
          managerUri = managerUri("file", folder);
        } else {
          managerUri = managerUri("db", db.orElseThrow());
        }
        targets.add(new CacheTarget(cacheName, managerUri, found));
      }
    }
    return targets;
  }

  /**
   * Returns the cache named {@code name} (or all, if null) of the database at {@code --url}, each
   * with its manager's URI: {@code twat:db?url=...}, or {@code uri} if given.
   */
  static List<CacheTarget> findAtUrl(TwatCacheCli cli, DbUrl db, String uri, String name,
      List<String> problems) {
    List<CacheTarget> targets = new ArrayList<>();
    try (Connection connection = db.connect(cli.environment)) {
      for (DiskCaches.Found cache : DiskCaches.dbCaches(connection, /* file= */ null)) {
        if (name == null || name.equals(cache.name())) {
          URI managerUri = uri != null ? URI.create(uri)
              : URI.create("twat:db?url="
                  + URLEncoder.encode(db.effectiveUrl(), StandardCharsets.UTF_8));
          targets.add(new CacheTarget(cache.name(), managerUri, List.of(cache)));
        }
      }
    } catch (SQLException e) {
      problems.add("cannot read the database at " + db.url() + ": " + e.getMessage());
    }
    return targets;
  }

  private static Optional<DiskCaches.Found> named(List<DiskCaches.Found> caches, String name) {
    return caches.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static URI managerUri(String kind, Path folder) {
    String path = folder.toAbsolutePath().normalize().toString();
    return URI.create("twat:" + kind + "?dir="
        + URLEncoder.encode(path, StandardCharsets.UTF_8).replace("%2F", "/"));
  }

  /**
   * Opens the provider, runs {@code work} with the manager of {@code uri}, and closes the
   * provider (and so the manager and its caches) again.
   *
   * @param classPath jars or folders holding the application's key and value classes, which
   *     reopening a cache needs; may be empty
   */
  static <T> T withManager(URI uri, List<Path> classPath, Function<CacheManager, T> work) {
    return withManager(uri, classPath, new Properties(), work);
  }

  /**
   * As {@link #withManager(URI, List, Function)}, with the manager's {@code properties} (the
   * credentials of a database at a URL).
   */
  static <T> T withManager(URI uri, List<Path> classPath, Properties properties,
      Function<CacheManager, T> work) {
    URL[] urls = new URL[classPath.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = classPath.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("--class-path " + classPath.get(i) + " is not a "
            + "usable path: " + e.getMessage(), e);
      }
    }
    ClassLoader own = CacheTarget.class.getClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls, own)) {
      try (CachingProvider provider = new TwatCachingProvider()) {
        CacheManager manager =
            provider.getCacheManager(uri, urls.length == 0 ? own : loader, properties);
        return work.apply(manager);
      } finally {
        // let go of the embedded database now: a closed store's database lingers a little,
        // and the command must neither keep it nor serve it once the applications are gone
        DbStore.closeUnusedDatabases();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.store.file.EntryCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code verify [CACHE]}: reads every entry file of one {@code twat:file} cache, or of all in the
 * folders, through the file store's own decoder, and reports the damaged ones (length, header,
 * checksum, inflation). Sealed (encrypted) entries are checked as far as possible without the
 * key: header, length and checksum. Changes nothing. Exit 1 when damage is found or the cache is
 * not found.
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Checks every entry file of twat:file caches; lists the damaged ones.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand
  TwatCacheCli cli;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CACHE",
      description = "The cache's name; default: every twat:file cache in the folders.")
  String cacheName;

  @Option(names = "--dir", paramLabel = "D",
      description = "A manager folder (the dir= of a twat: URI); default: the disk root's folders.")
  Path dir;

  @Option(names = "--json", description = "Machine output: one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    List<DiskCaches.Found> caches = new ArrayList<>();
    if (cacheName != null) {
      DiskCaches.Found cache = findFileCache(cli, dir, cacheName);
      if (cache == null) {
        return TwatCacheCli.PROBLEMS;
      }
      caches.add(cache);
    } else {
      for (Path folder : cli.folders(dir)) {
        caches.addAll(DiskCaches.fileCaches(folder));
      }
    }
    long started = System.nanoTime();
    long whole = 0;
    long sealed = 0;
    List<Object> damaged = new ArrayList<>();
    for (DiskCaches.Found cache : caches) {
      for (Path file : DiskCaches.entryFiles(cache.location())) {
        EntryCheck.Result result;
        try {
          result = EntryCheck.check(file);
        } catch (NoSuchFileException goneMeanwhile) {
          continue; // replaced or removed by a writer since the listing: not damage
        }
        if (result.whole()) {
          whole++;
          sealed += result.encrypted() ? 1 : 0;
        } else {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("cache", cache.name());
          entry.put("file", file.toString());
          entry.put("damage", result.damage().orElseThrow());
          damaged.add(entry);
        }
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String summary = String.format("%d caches, %d entries: %d whole, %d damaged%s, %.1f s",
        caches.size(), whole + damaged.size(), whole, damaged.size(),
        sealed == 0 ? "" : " (" + sealed + " sealed: header and checksum only, no key)",
        took.toMillis() / 1000.0);
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("caches", caches.size());
      result.put("entries", whole + damaged.size());
      result.put("whole", whole);
      result.put("sealedCheckedWithoutKey", sealed);
      result.put("damaged", damaged);
      result.put("millis", took.toMillis());
      cli.print(Json.write(result));
    } else {
      for (Object entry : damaged) {
        Map<?, ?> fields = (Map<?, ?>) entry;
        cli.print("damaged: " + fields.get("file") + " (" + fields.get("cache") + "): "
            + fields.get("damage"));
      }
      cli.print(summary);
    }
    return damaged.isEmpty() ? TwatCacheCli.OK : TwatCacheCli.PROBLEMS;
  }

  /**
   * Returns the {@code twat:file} cache {@code name} in the folders, or null after printing why
   * not to the error stream.
   */
  static DiskCaches.Found findFileCache(TwatCacheCli cli, Path dir, String name)
      throws IOException {
    List<Path> folders = cli.folders(dir);
    for (Path folder : folders) {
      for (DiskCaches.Found cache : DiskCaches.fileCaches(folder)) {
        if (cache.name().equals(name)) {
          return cache;
        }
      }
    }
    PrintWriter err = cli.spec.commandLine().getErr();
    err.println("twat-cache: no twat:file cache named \"" + name + "\" in " + folders
        + "; see twat-cache ls (db caches are listed there; stats and verify read twat:file"
        + " folders only in this version)");
    return null;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code clear} and {@code destroy} share: the options that find one cache and its manager
 * ({@code --dir}, {@code --uri}, {@code --class-path}), the confirmation ({@code --yes}, else a
 * question on the terminal, else a refusal), and the change itself, made through the provider's
 * own cache manager so that it takes the locks applications take.
 *
 * <p>One instance per run; not thread-safe.
 */
final class Confirmed {
  @Option(names = "--dir", paramLabel = "D",
      description = "A manager folder (the dir= of a twat: URI); default: the disk root's folders.")
  Path dir;

  @Option(names = "--uri", paramLabel = "U",
      description = "The application's manager URI (twat:file?dir=...&keyFile=...), if the "
          + "kind and folder guessed from what is on disk are not enough.")
  String uri;

  @Option(names = "--class-path", paramLabel = "PATH", split = ":",
      description = "Jars or folders with the cache's key and value classes (clear reopens the "
          + "cache, which needs them).")
  List<Path> classPath = new ArrayList<>();

  @Option(names = {"-y", "--yes"}, description = "Do it without asking.")
  boolean yes;

  @Option(names = "--json", description = "Machine output: one JSON object.")
  boolean json;

  @Mixin
  DbUrl db;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** The change made to the cache once confirmed. */
  interface Change {
    /** Makes the change through {@code manager}; a failure is a {@link CacheException}. */
    void apply(CacheManager manager, String cacheName);
  }

  /**
   * Finds the cache, asks for confirmation unless {@code --yes}, makes the change and reports it.
   *
   * @param verb what the change is called in messages ({@code clear}, {@code destroy})
   * @param done the JSON field that says it was made ({@code cleared}, {@code destroyed})
   * @param effect what the change does, for the question
   * @return the exit code
   */
  int run(TwatCacheCli cli, String cacheName, String verb, String done, String effect,
      Change change) throws IOException {
    PrintWriter err = cli.spec.commandLine().getErr();
    List<String> problems = new ArrayList<>();
    db.checkAgainst(spec, dir);
    List<CacheTarget> targets = db.given()
        ? CacheTarget.findAtUrl(cli, db, uri, cacheName, problems)
        : CacheTarget.find(cli, dir, uri, cacheName, problems);
    problems.forEach(problem -> err.println("twat-cache " + verb + ": " + problem));
    if (targets.isEmpty()) {
      err.println("twat-cache " + verb + ": no cache named \"" + cacheName + "\" in "
          + (db.given() ? "the database at " + db.url() : cli.folders(dir))
          + "; see twat-cache ls");
      return TwatCacheCli.PROBLEMS;
    }
    if (targets.size() > 1) {
      List<URI> where = targets.stream().map(CacheTarget::uri).toList();
      err.println("twat-cache " + verb + ": \"" + cacheName + "\" names " + targets.size()
          + " caches, in " + where + "; name one folder with --dir");
      return TwatCacheCli.PROBLEMS;
    }
    CacheTarget target = targets.get(0);
    String what = "cache \"" + cacheName + "\" of " + target.uri() + " (" + target.entries()
        + " entries)";
    if (!yes) {
      Optional<String> answer = cli.prompt.ask(Character.toUpperCase(verb.charAt(0))
          + verb.substring(1) + " " + what + "? " + effect + " [y/N] ");
      if (answer.isEmpty()) {
        err.println("twat-cache " + verb + ": not done: there is no terminal to confirm on; "
            + "add --yes to " + verb + " " + what + " without asking");
        return TwatCacheCli.PROBLEMS;
      }
      if (!Prompt.isYes(answer.get())) {
        err.println("twat-cache " + verb + ": not done (answered \"" + answer.get().trim()
            + "\")");
        return TwatCacheCli.PROBLEMS;
      }
    }
    try {
      CacheTarget.withManager(target.uri(), classPath, db.managerProperties(cli.environment),
          manager -> {
        change.apply(manager, cacheName);
        return null;
      });
    } catch (CacheException | IllegalArgumentException | IllegalStateException e) {
      err.println("twat-cache " + verb + ": could not " + verb + " " + what + ": "
          + e.getMessage() + (classPath.isEmpty() && verb.equals("clear")
              ? " (--class-path gives the command the application's classes)" : ""));
      return TwatCacheCli.PROBLEMS;
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("cache", cacheName);
      result.put("uri", target.uri().toString());
      result.put("entriesBefore", target.entries());
      result.put(done, true);
      cli.print(Json.write(result));
    } else {
      cli.print(done + " " + what);
    }
    return TwatCacheCli.OK;
  }
}

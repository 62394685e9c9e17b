/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code purge-expired [CACHE]}: removes the entries whose deadline has passed from one cache, or
 * from every cache in the folders, through the provider's own manager: it walks the cache with
 * the JCache iterator, which removes each expired entry it meets under that key's lock (checking
 * the deadline again, so an entry rewritten meanwhile stays) and fires its expired event, which
 * the command counts. Entries that are not expired are left as they are. With {@code --url}, the
 * caches of that database, through a manager of {@code twat:db?url=...} (or {@code --uri}) with
 * the credentials of {@link DbUrl}. Exit 1 if a cache could not be purged (the message says
 * why).
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "purge-expired", mixinStandardHelpOptions = true,
    description = "Removes the expired entries of one cache, or of every cache in the folders.")
final class PurgeExpiredCommand implements Callable<Integer> {
  @ParentCommand
  TwatCacheCli cli;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CACHE",
      description = "The cache's name; default: every cache in the folders.")
  String cacheName;

  @Option(names = "--dir", paramLabel = "D",
      description = "A manager folder (the dir= of a twat: URI); default: the disk root's folders.")
  Path dir;

  @Option(names = "--uri", paramLabel = "U",
      description = "The application's manager URI, if the kind and folder guessed from what is "
          + "on disk are not enough.")
  String uri;

  @Option(names = "--class-path", paramLabel = "PATH", split = ":",
      description = "Jars or folders with the caches' key and value classes (reopening a cache "
          + "needs them).")
  List<Path> classPath = new ArrayList<>();

  @Option(names = "--json", description = "Machine output: one JSON object.")
  boolean json;

  @Mixin
  DbUrl db;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = cli.spec.commandLine().getErr();
    List<String> problems = new ArrayList<>();
    db.checkAgainst(spec, dir);
    List<CacheTarget> targets = db.given()
        ? CacheTarget.findAtUrl(cli, db, uri, cacheName, problems)
        : CacheTarget.find(cli, dir, uri, cacheName, problems);
    if (cacheName != null && targets.isEmpty()) {
      problems.add("no cache named \"" + cacheName + "\" in "
          + (db.given() ? "the database at " + db.url() : cli.folders(dir))
          + "; see twat-cache ls");
    }
    List<Object> purged = new ArrayList<>();
    long total = 0;
    for (CacheTarget target : targets) {
      try {
        long expired = CacheTarget.withManager(target.uri(), classPath,
            db.managerProperties(cli.environment),
            manager -> purge(manager.getCache(target.name())));
        total += expired;
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("cache", target.name());
        cache.put("uri", target.uri().toString());
        cache.put("expired", expired);
        purged.add(cache);
      } catch (CacheException | IllegalArgumentException | IllegalStateException e) {
        problems.add("could not purge cache \"" + target.name() + "\" of " + target.uri() + ": "
            + e.getMessage());
      }
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("caches", purged);
      result.put("expired", total);
      result.put("problems", new ArrayList<Object>(problems));
      cli.print(Json.write(result));
    } else {
      for (Object cache : purged) {
        Map<?, ?> fields = (Map<?, ?>) cache;
        cli.print(fields.get("cache") + ": " + fields.get("expired") + " expired entries removed");
      }
      problems.forEach(problem -> err.println("twat-cache purge-expired: " + problem));
      cli.print(purged.size() + " caches, " + total + " expired entries removed");
    }
    return problems.isEmpty() ? TwatCacheCli.OK : TwatCacheCli.PROBLEMS;
  }

  /** Walks {@code cache}, which removes the expired entries, and returns how many it removed. */
  private static long purge(Cache<Object, Object> cache) {
    if (cache == null) {
      throw new CacheException("the manager does not find it (destroyed meanwhile?)");
    }
    ExpiredCounter counter = new ExpiredCounter();
    MutableCacheEntryListenerConfiguration<Object, Object> listener =
        new MutableCacheEntryListenerConfiguration<>(FactoryBuilder.factoryOf(counter),
            /* filterFactory= */ null, /* isOldValueRequired= */ false,
            /* isSynchronous= */ true);
    cache.registerCacheEntryListener(listener);
    try {
      for (Iterator<Cache.Entry<Object, Object>> it = cache.iterator(); it.hasNext(); ) {
        it.next();
      }
    } finally {
      cache.deregisterCacheEntryListener(listener);
    }
    return counter.expired.sum();
  }

  /** Counts the expired events; the factory hands out this one instance. */
  private static final class ExpiredCounter
      implements CacheEntryExpiredListener<Object, Object>, Serializable {
    private static final long serialVersionUID = 1L;
    private final transient LongAdder expired = new LongAdder();

    @Override
    public void onExpired(Iterable<CacheEntryEvent<?, ?>> events) {
      for (CacheEntryEvent<?, ?> unused : events) {
        expired.increment();
      }
    }
  }
}

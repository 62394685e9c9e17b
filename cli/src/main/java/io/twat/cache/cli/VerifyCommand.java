/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.crypto.KeySources;
import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.store.file.EntryCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code verify [CACHE]}: reads every entry file of one {@code twat:file} cache, or of all in the
 * folders, through the file store's own decoder, and reports the damaged ones (length, header,
 * checksum, inflation). Sealed (encrypted) entries are checked as far as possible without the
 * key (header, length and checksum), unless {@code --key-file} gives it. It streams the folders
 * (memory does not grow with the entry count, but for the files and rows of a cache that do not
 * open with {@code --key-file} while none of it has) and, on a terminal, draws a progress bar
 * with the rate and the time left on the error stream. It also checks every row of the caches
 * of the folders' embedded database, or of the database at {@code --url}, with the db store's
 * row checks ({@link DbRows}). Changes nothing,
 * unless {@code --repair}: then each damaged file is quarantined as the store quarantines what it
 * cannot use ({@link EntryCheck#quarantine}: renamed beside itself to
 * {@code NAME.PID.N.quarantined}, under the key's lock, after a second check), and each damaged
 * row is moved into the table {@code twat_quarantine} of its database ({@link DbRows#quarantine}:
 * in one transaction that holds the row's lock, after a second check); nothing is deleted.
 * {@code --key-file} opens each whole row's sealed value ({@link DbRows}) and each whole entry
 * file ({@link EntryCheck#check(Path, Sealer)}) with those keys, and a repair checks with them
 * again under the lock; a cache of which no row or no entry file opens is reported as not sealed
 * with them (a problem), not as damage. Exit 1 when damage or a problem is found or the cache is
 * not found.
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Checks every entry file and db row of the caches; lists the damaged ones "
        + "(--repair quarantines them).")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand
  TwatCacheCli cli;

  @Parameters(index = "0", arity = "0..1", paramLabel = "CACHE",
      description = "The cache's name; default: every cache in the folders or database.")
  String cacheName;

  @Option(names = "--dir", paramLabel = "D",
      description = "A manager folder (the dir= of a twat: URI); default: the disk root's folders.")
  Path dir;

  @Option(names = "--json", description = "Machine output: one JSON object.")
  boolean json;

  @Option(names = "--repair", description = "Quarantine the damaged entry files (renamed to "
      + "NAME.PID.N.quarantined beside them) and rows (moved to the table twat_quarantine), which "
      + "the store never reads: never deleted.")
  boolean repair;

  @Option(names = "--progress", negatable = true, description = "Draw a progress bar on the "
      + "error stream; default: on a terminal, unless --json.")
  Boolean progress;

  @Option(names = "--key-file", paramLabel = "F", description = "The caches' key file (the "
      + "keyFile= of their URI): each entry file and each db row's sealed value is opened with "
      + "it (AES-GCM authentication).")
  Path keyFile;

  @Mixin
  DbUrl url;

  /** The keys of {@code --key-file}, or null. */
  private Sealer sealer;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<DiskCaches.Found> caches = new ArrayList<>();
    List<DiskCaches.Found> dbCaches = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    url.checkAgainst(spec, dir);
    if (keyFile != null) {
      sealer = new Sealer(KeySources.fromKeyFile(keyFile));
    }
    if (url.given()) {
      try (Connection connection = url.connect(cli.environment)) {
        for (DiskCaches.Found cache : DiskCaches.dbCaches(connection, /* file= */ null)) {
          if (cacheName == null || cache.name().equals(cacheName)) {
            dbCaches.add(cache);
          }
        }
      } catch (SQLException e) {
        problems.add("cannot read the database at " + url.url() + ": " + e.getMessage());
      }
    }
    for (Path folder : url.given() ? List.<Path>of() : cli.folders(dir)) {
      for (DiskCaches.Found cache : DiskCaches.fileCaches(folder, /* counted= */ false)) {
        if (cacheName == null || cache.name().equals(cacheName)) {
          caches.add(cache);
        }
      }
      Optional<Path> db = DiskCaches.dbFolder(folder);
      if (db.isPresent()) {
        try {
          for (DiskCaches.Found cache : DiskCaches.dbCaches(db.get())) {
            if (cacheName == null || cache.name().equals(cacheName)) {
              dbCaches.add(cache);
            }
          }
        } catch (SQLException e) {
          problems.add("cannot read the database in " + db.get() + ": " + e.getMessage());
        }
      }
    }
    PrintWriter err = cli.spec.commandLine().getErr();
    problems.forEach(problem -> err.println("twat-cache verify: " + problem));
    if (cacheName != null && caches.isEmpty() && dbCaches.isEmpty()) {
      err.println("twat-cache: no cache named \"" + cacheName + "\" in "
          + (url.given() ? "the database at " + url.url() : cli.folders(dir))
          + "; see twat-cache ls");
      return TwatCacheCli.PROBLEMS;
    }
    long started = System.nanoTime();
    Progress bar = Progress.OFF;
    if (progress != null ? progress : cli.prompt != Prompt.NONE && !json) {
      long[] total = {0};
      for (DiskCaches.Found cache : caches) {
        DiskCaches.forEachEntryFile(cache.location(), file -> total[0]++);
      }
      for (DiskCaches.Found cache : dbCaches) {
        total[0] += cache.entries();
      }
      bar = new Progress(cli.spec.commandLine().getErr(), total[0], System::nanoTime);
    }
    // whole, sealed files checked without the key, quarantined, entries opened with the key,
    // entries not sealed with it
    long[] counts = new long[5];
    List<Object> damaged = new ArrayList<>();
    Progress shown = bar;
    for (DiskCaches.Found cache : caches) {
      // whole files that do not open with the key, while none of the cache has opened yet
      List<DamagedFile> unopened = new ArrayList<>();
      long[] opened = {0};
      DiskCaches.forEachEntryFile(cache.location(), file -> {
        EntryCheck.Result result;
        try {
          result = EntryCheck.check(file, sealer);
        } catch (NoSuchFileException goneMeanwhile) {
          return; // replaced or removed by a writer since the listing: not damage
        }
        if (result.opens()) {
          counts[0]++;
          if (sealer == null) {
            counts[1] += result.encrypted() ? 1 : 0;
          } else if (++opened[0] == 1) {
            // the cache is sealed with these keys: what did not open before is damage
            for (DamagedFile earlier : unopened) {
              damaged(earlier, damaged, counts);
            }
            unopened.clear();
          }
        } else {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("cache", cache.name());
          entry.put("file", file.toString());
          entry.put("damage", result.damage().orElseGet(result.sealDamage()::orElseThrow));
          if (result.whole() && opened[0] == 0) {
            unopened.add(new DamagedFile(file, entry));
          } else {
            damaged(new DamagedFile(file, entry), damaged, counts);
          }
        }
        shown.step(counts[0] + damaged.size() + unopened.size());
      });
      if (!unopened.isEmpty()) {
        // not one entry file opens: the cache is not sealed with these keys, which says nothing
        // of its files' health
        counts[0] += unopened.size();
        counts[4] += unopened.size();
        problems.add("no entry file of cache \"" + cache.name() + "\" in " + cache.location()
            + " opens with the keys of " + keyFile + " (" + unopened.get(0).entry().get("damage")
            + "): it is not sealed with them (another key file, or a cache without encryption); "
            + "its " + unopened.size() + " entry files were checked without the key, and none of "
            + "them is taken for damage");
        err.println("twat-cache verify: " + problems.get(problems.size() - 1));
      }
      counts[3] += opened[0];
    }
    for (DiskCaches.Found cache : dbCaches) {
      String where = where(cache);
      List<Damaged> rows = new ArrayList<>();
      List<Damaged> unopened = new ArrayList<>();
      long[] opened = {0};
      try (Connection connection = cache.location() == null ? url.connect(cli.environment)
          : DiskCaches.connectEmbedded(cache.location().getParent())) {
        DbRows.check(connection, cache.name(), sealer, (cacheId, keyHash, damage, sealDamage) -> {
          if (damage.isEmpty() && sealDamage.isEmpty()) {
            counts[0]++;
            opened[0] += sealer != null ? 1 : 0;
          } else {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("cache", cache.name());
            entry.put("row", "twat_row key_hash " + keyHash + " in " + where);
            entry.put("damage", damage.orElseGet(sealDamage::orElseThrow));
            if (damage.isPresent()) {
              damaged.add(entry);
              rows.add(new Damaged(cacheId, keyHash, entry));
            } else {
              unopened.add(new Damaged(cacheId, keyHash, entry));
            }
          }
          shown.step(counts[0] + damaged.size() + unopened.size());
        });
        if (!unopened.isEmpty() && opened[0] == 0) {
          // not one row opens: the cache is not sealed with these keys, which says nothing of
          // its rows' health
          counts[0] += unopened.size();
          counts[4] += unopened.size();
          problems.add("no row of cache \"" + cache.name() + "\" in " + where + " opens with "
              + "the keys of " + keyFile + " (" + unopened.get(0).entry().get("damage") + "): "
              + "it is not sealed with them (another key file, or a cache without encryption); "
              + "its " + unopened.size() + " rows were checked without the key, and none of "
              + "them is taken for damage");
          err.println("twat-cache verify: " + problems.get(problems.size() - 1));
        } else {
          for (Damaged row : unopened) {
            damaged.add(row.entry());
            rows.add(row);
          }
        }
        counts[3] += opened[0];
        if (repair && !rows.isEmpty()) {
          DbRows.createQuarantine(connection);
          for (Damaged row : rows) {
            OptionalLong id = DbRows.quarantine(connection, row.cacheId(), row.keyHash(),
                cli.clock.millis(), cache.name(), sealer);
            row.entry().put("quarantined", id.isPresent()
                ? "twat_quarantine id " + id.getAsLong() + " in " + where : null);
            counts[2] += id.isPresent() ? 1 : 0;
          }
        }
      } catch (SQLException e) {
        problems.add("cannot " + (rows.isEmpty() || !repair ? "read" : "quarantine")
            + " the rows of cache \"" + cache.name() + "\" in " + where + ": " + e.getMessage());
        err.println("twat-cache verify: " + problems.get(problems.size() - 1));
        if (repair) {
          for (Damaged row : rows) {
            if (!row.entry().containsKey("quarantined")) {
              row.entry().put("quarantined", null);
              row.entry().put("notQuarantined", e.getMessage());
            }
          }
        }
      }
    }
    caches.addAll(dbCaches);
    bar.finish();
    long whole = counts[0];
    long sealed = counts[1];
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String keyed = sealer == null ? ""
        : " (" + counts[3] + " opened with the key"
            + (counts[4] == 0 ? "" : ", " + counts[4] + " not sealed with it") + ")";
    String summary = String.format("%d caches, %d entries: %d whole, %d damaged%s%s%s, %.1f s",
        caches.size(), whole + damaged.size(), whole, damaged.size(),
        repair ? " (" + counts[2] + " quarantined)" : "", keyed,
        sealed == 0 ? "" : " (" + sealed + " sealed: header and checksum only, no key)",
        took.toMillis() / 1000.0);
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("caches", caches.size());
      result.put("entries", whole + damaged.size());
      result.put("whole", whole);
      result.put("sealedCheckedWithoutKey", sealed);
      if (sealer != null) {
        result.put("openedWithKey", counts[3]);
        result.put("notSealedWithKey", counts[4]);
      }
      result.put("damaged", damaged);
      if (repair) {
        result.put("quarantined", counts[2]);
      }
      result.put("millis", took.toMillis());
      cli.print(Json.write(result));
    } else {
      for (Object entry : damaged) {
        Map<?, ?> fields = (Map<?, ?>) entry;
        boolean row = fields.containsKey("row");
        cli.print("damaged: " + (row ? fields.get("row") : fields.get("file")) + " ("
            + fields.get("cache") + "): " + fields.get("damage")
            + (fields.get("quarantined") != null
                ? "; quarantined to " + fields.get("quarantined")
                : !repair ? ""
                : fields.containsKey("notQuarantined")
                    ? "; not quarantined: " + fields.get("notQuarantined")
                    : "; not quarantined: whole or gone by the time its lock was held"));
      }
      cli.print(summary);
    }
    return damaged.isEmpty() && problems.isEmpty() ? TwatCacheCli.OK : TwatCacheCli.PROBLEMS;
  }

  /**
   * Lists a damaged entry file in {@code damaged}, and with {@code --repair} quarantines it
   * ({@link EntryCheck#quarantine(Path, Sealer)}: checked again, with the keys if given, under the
   * key's lock), counting it in {@code counts[2]}.
   */
  private void damaged(DamagedFile file, List<Object> damaged, long[] counts) throws IOException {
    if (repair) {
      Optional<Path> aside = EntryCheck.quarantine(file.file(), sealer);
      file.entry().put("quarantined", aside.map(Path::toString).orElse(null));
      counts[2] += aside.isPresent() ? 1 : 0;
    }
    damaged.add(file.entry());
  }

  /** A damaged entry file found by the check, and its entry of the output. */
  private record DamagedFile(Path file, Map<String, Object> entry) {
  }

  /** A damaged row found by the check, and its entry of the output. */
  private record Damaged(int cacheId, long keyHash, Map<String, Object> entry) {
  }

  private String where(DiskCaches.Found cache) {
    return cache.location() == null ? url.url() : cache.location().toString();
  }
}

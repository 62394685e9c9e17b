/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.store.file.EntryCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stats CACHE}: the figures of a {@code twat:file} cache from its entry files' headers and
 * file times, without the encryption key: entries, bytes, size distribution, oldest and newest
 * entry (file modification time), expired entries not yet removed, encryption, damaged files.
 * Exit 1 when the cache is not found or has damaged files.
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Shows the figures of one twat:file cache (needs no encryption key).")
final class StatsCommand implements Callable<Integer> {
  @ParentCommand
  TwatCacheCli cli;

  @Parameters(index = "0", paramLabel = "CACHE", description = "The cache's name.")
  String cacheName;

  @Option(names = "--dir", paramLabel = "D",
      description = "A manager folder (the dir= of a twat: URI); default: the disk root's folders.")
  Path dir;

  @Option(names = "--json", description = "Machine output: one JSON object.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    DiskCaches.Found cache = VerifyCommand.findFileCache(cli, dir, cacheName);
    if (cache == null) {
      return TwatCacheCli.PROBLEMS;
    }
    long now = cli.clock.millis();
    List<Long> sizes = new ArrayList<>();
    long oldest = Long.MAX_VALUE;
    long newest = Long.MIN_VALUE;
    int encrypted = 0;
    int expired = 0;
    int damaged = 0;
    for (Path file : DiskCaches.entryFiles(cache.location())) {
      long modified;
      EntryCheck.Result result;
      try {
        modified = Files.getLastModifiedTime(file).toMillis();
        result = EntryCheck.check(file);
        sizes.add(Files.size(file));
      } catch (NoSuchFileException goneMeanwhile) {
        continue;
      }
      oldest = Math.min(oldest, modified);
      newest = Math.max(newest, modified);
      encrypted += result.encrypted() ? 1 : 0;
      damaged += result.whole() ? 0 : 1;
      expired += result.whole() && result.expiresAt() <= now ? 1 : 0;
    }
    long[] sorted = sizes.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("cache", cache.name());
    stats.put("store", cache.store());
    stats.put("folder", cache.location().toString());
    stats.put("keyType", cache.keyType());
    stats.put("valueType", cache.valueType());
    stats.put("entries", sorted.length);
    stats.put("bytes", Arrays.stream(sorted).sum());
    stats.put("minBytes", sorted.length == 0 ? null : sorted[0]);
    stats.put("medianBytes", sorted.length == 0 ? null : sorted[sorted.length / 2]);
    stats.put("maxBytes", sorted.length == 0 ? null : sorted[sorted.length - 1]);
    stats.put("oldest", sorted.length == 0 ? null : Instant.ofEpochMilli(oldest).toString());
    stats.put("newest", sorted.length == 0 ? null : Instant.ofEpochMilli(newest).toString());
    stats.put("expired", expired);
    stats.put("encryption", encryption(encrypted, sorted.length));
    stats.put("damaged", damaged);
    if (json) {
      cli.print(Json.write(stats));
    } else {
      for (Map.Entry<String, Object> line : stats.entrySet()) {
        cli.print(String.format("%-12s %s", line.getKey(),
            line.getValue() == null ? "-" : line.getValue()));
      }
    }
    return damaged == 0 ? TwatCacheCli.OK : TwatCacheCli.PROBLEMS;
  }

  private static String encryption(int encrypted, int entries) {
    if (encrypted == 0) {
      return "off";
    }
    return encrypted == entries ? "on" : "mixed (" + encrypted + " of " + entries + ")";
  }
}

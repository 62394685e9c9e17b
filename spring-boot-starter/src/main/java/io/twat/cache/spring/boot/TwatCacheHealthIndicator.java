/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import io.twat.cache.CacheStats;
import io.twat.cache.TwatCaches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.cache.Cache;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of the auto-configured manager's open caches: each one must answer for its figures
 * (which reads its store: the database, or the folder of a file store) and, when it keeps its data
 * on disk, have a folder that exists and is writable. Up with each cache's backend, folder,
 * entries and bytes on disk; down, naming the cache and what failed, when one does not.
 * Thread-safe.
 */
final class TwatCacheHealthIndicator extends AbstractHealthIndicator {
  private final ObservedCacheManager manager;

  TwatCacheHealthIndicator(ObservedCacheManager manager) {
    super("twat-cache health check failed");
    this.manager = manager;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.up().withDetail("manager", manager.getURI().toString());
    List<Cache<?, ?>> caches = manager.openCaches();
    for (Cache<?, ?> cache : caches) {
      Map<String, Object> details = new LinkedHashMap<>();
      String problem = check(cache, details);
      if (problem != null) {
        details.put("error", problem);
        builder.down();
      }
      builder.withDetail(cache.getName(), details);
    }
  }

  /** Fills the details of one cache; returns what is wrong with it, or null. */
  private static String check(Cache<?, ?> cache, Map<String, Object> details) {
    CacheStats stats;
    try {
      stats = TwatCaches.stats(cache);
    } catch (RuntimeException e) {
      return "its store did not answer: " + e;
    }
    details.put("backend", stats.backend());
    details.put("entries", stats.entries());
    details.put("bytesOnDisk", stats.bytesOnDisk());
    Optional<Path> folder = stats.folder();
    if (folder.isEmpty()) {
      return null;
    }
    details.put("folder", folder.get().toString());
    if (!Files.isDirectory(folder.get())) {
      return "its folder " + folder.get() + " is missing; it was deleted under the running cache";
    }
    if (!Files.isWritable(folder.get())) {
      return "its folder " + folder.get() + " is not writable; check its owner and permissions";
    }
    return null;
  }
}

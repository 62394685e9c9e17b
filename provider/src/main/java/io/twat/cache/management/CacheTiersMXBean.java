/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.management;

import java.util.List;

/**
 * The backend chain of one cache and what each tier did: registered as
 * {@code io.twat.cache:type=CacheTiers,CacheManager=<manager URI>,Cache=<cache name>} while the
 * cache's management or statistics is enabled. A cache on one store has one tier.
 */
public interface CacheTiersMXBean {
  /** Returns the chain, e.g. {@code heap(caffeine, 10000 entries) -> file(/path, unbounded)}. */
  String getBackend();

  /** Returns the folder the cache keeps its data in, or an empty string for a heap-only cache. */
  String getFolder();

  /** Returns each tier's figures, top first. */
  List<TierFigures> getTiers();
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

/**
 * Decides whether an exception matches an annotation's include and exclude lists
 * ({@code cachedExceptions}/{@code nonCachedExceptions}, {@code cacheFor}/{@code noCacheFor},
 * {@code evictFor}/{@code noEvictFor}).
 *
 * <p>With both lists empty the answer is the annotation's default. Otherwise an exception matches
 * when it is a subtype of an included class (or the include list is empty) and of no excluded
 * class. Stateless and thread-safe.
 */
final class ExceptionFilter {
  private ExceptionFilter() {
  }

  static boolean matches(
      Throwable thrown, Class<?>[] include, Class<?>[] exclude, boolean whenBothEmpty) {
    if (include.length == 0 && exclude.length == 0) {
      return whenBothEmpty;
    }
    return (include.length == 0 || isSubtypeOfAny(thrown, include))
        && !isSubtypeOfAny(thrown, exclude);
  }

  private static boolean isSubtypeOfAny(Throwable thrown, Class<?>[] types) {
    for (Class<?> type : types) {
      if (type.isInstance(thrown)) {
        return true;
      }
    }
    return false;
  }
}

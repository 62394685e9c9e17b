/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import io.twat.cache.internal.serial.ClassNotAllowedException;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reads of a disk store that met a key or value its serializer refused to deserialize (a
 * {@link ClassNotAllowedException}: a class neither the allow-list nor the cache's signature
 * admits, or a stream past a safety limit). Every disk store treats such an entry the same way:
 * the read is a miss, counted here, and the entry is left where it is, since it is not damaged:
 * allowing the class (the {@code allow} setting) makes it readable, and a write of its key, an
 * eviction, {@code clear} or {@code destroyCache} removes it.
 *
 * <p>Each refused entry is logged once at WARNING, naming where it lies and, through the
 * serializer's message, the class and the fix; later reads of it log at DEBUG only, so a hot key
 * does not flood the log. The entries already logged are remembered up to
 * {@value #REMEMBERED}; past that the memory starts afresh, so an entry may be logged again.
 *
 * <p>Thread-safe.
 */
public final class RefusedReads {
  /** How many refused entries are remembered as logged. */
  static final int REMEMBERED = 1024;

  private final System.Logger log;
  private final AtomicLong count = new AtomicLong();
  private final Set<Object> logged = ConcurrentHashMap.newKeySet();

  /**
   * Creates the count of one store.
   *
   * @param log the store's logger
   */
  public RefusedReads(System.Logger log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Returns how many reads met a refused key or value since the store opened. */
  public long count() {
    return count.get();
  }

  /**
   * Counts a read that met a refused key or value, and logs it unless this entry was logged.
   *
   * @param entry identifies the entry (its file, its row), for logging it once
   * @param where names the entry for people, e.g. {@code the cache entry file /x/ab/abcd...}
   * @param refusal what the serializer refused, and why
   */
  public void refused(Object entry, String where, ClassNotAllowedException refusal) {
    count.incrementAndGet();
    if (logged.size() >= REMEMBERED) {
      logged.clear();
    }
    Level level = logged.add(entry) ? Level.WARNING : Level.DEBUG;
    if (log.isLoggable(level)) {
      log.log(level, where + " holds data this cache refuses to read; the read is a miss, and "
          + "the entry stays until its key is written, it is evicted or the cache is cleared. "
          + refusal.getMessage());
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A store that passes everything to another one and can simulate the death of its process just
 * after a change has committed: once the shared {@link Countdown} reaches zero, the compute that
 * returned last throws {@link Crash} instead of returning. The change stays committed (as a real
 * store's commit survives a kill -9), and an enclosing compute of another store, whose function
 * the crash leaves, keeps its key unchanged, as an uncommitted transaction of a killed process.
 *
 * <p>Not thread-safe: for single-threaded tests.
 *
 * @param <K> the type of keys
 */
final class CrashingStore<K> implements Store<K> {
  /** Counts the commits, of every store that shares it, left before the simulated death. */
  static final class Countdown {
    private int left = -1;

    /** Makes the {@code commits}-th commit from now the last one. */
    void arm(int commits) {
      left = commits;
    }

    /** Returns whether the simulated death came and went (the countdown reached zero). */
    boolean fired() {
      return left == 0;
    }

    void disarm() {
      left = -1;
    }

    void committed() {
      if (left > 0 && --left == 0) {
        throw new Crash();
      }
    }
  }

  /** The simulated death of the process. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("simulated kill -9 just after a commit");
    }
  }

  private final Store<K> delegate;
  private final Countdown countdown;

  CrashingStore(Store<K> delegate, Countdown countdown) {
    this.delegate = delegate;
    this.countdown = countdown;
  }

  @Override
  public StoreEntry get(K key) throws StoreException {
    return delegate.get(key);
  }

  @Override
  public StoreEntry compute(
      K key, BiFunction<? super K, ? super StoreEntry, ? extends StoreEntry> function)
      throws StoreException {
    StoreEntry result = delegate.compute(key, function);
    countdown.committed();
    return result;
  }

  @Override
  public Iterator<Map.Entry<K, StoreEntry>> iterator() throws StoreException {
    return delegate.iterator();
  }

  @Override
  public long size() throws StoreException {
    return delegate.size();
  }

  @Override
  public void clear() throws StoreException {
    delegate.clear();
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public Optional<Path> folder() {
    return delegate.folder();
  }

  @Override
  public void close() {
    delegate.close();
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code @CacheResult} calls now computing a value, by cache and key, so that concurrent
 * callers that miss the same key wait for the one computation instead of starting their own.
 *
 * <p>Thread-safe. A flight is removed once its value is in the cache (or its computation failed),
 * so a caller that comes later finds the value in the cache or starts a new flight.
 */
final class Flights {
  private final ConcurrentMap<Key, Flight> running = new ConcurrentHashMap<>();

  /**
   * Starts a flight for this cache and key, or returns the one another thread runs. The caller
   * leads the flight when {@link Flight#isLedByCurrentThread()}; it must then {@link #land} it.
   * Returns {@code null} when the calling thread is inside the method of this key's flight (the
   * method calls itself with the same key): it must compute without a flight, as waiting would
   * never end.
   */
  Flight join(Object cache, Object key) {
    Key flightKey = new Key(cache, key);
    Flight mine = new Flight(flightKey, Thread.currentThread());
    Flight existing = running.putIfAbsent(flightKey, mine);
    if (existing == null) {
      return mine;
    }
    return existing.isLedByCurrentThread() ? null : existing;
  }

  /** Removes the flight, so later callers no longer join it; its outcome is set after this. */
  void land(Flight flight) {
    running.remove(flight.key, flight);
  }

  /** One computation, its owner thread, and the outcome its followers wait for. */
  static final class Flight {
    private final Key key;
    private volatile Thread owner;
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();

    private Flight(Key key, Thread owner) {
      this.key = key;
      this.owner = owner;
    }

    /** Whether the calling thread started this flight and is still inside the method. */
    boolean isLedByCurrentThread() {
      return owner == Thread.currentThread();
    }

    /**
     * Notes that the leader has left the method. An asynchronous method's flight stays open until
     * its future completes; a call the same thread makes meanwhile is then a follower, not a
     * reentrant call.
     */
    void leaderReturned() {
      owner = null;
    }

    CompletableFuture<Object> outcome() {
      return outcome;
    }
  }

  /** A cache (by identity) and a key (by equality). */
  private record Key(Object cache, Object key) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key that && cache == that.cache && key.equals(that.key);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(cache) * 31 + key.hashCode();
    }
  }
}

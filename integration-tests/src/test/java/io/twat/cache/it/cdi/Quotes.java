/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * Quotes from a slow backend, cached in "quotes" of the default cache manager (which the CDI
 * module creates untyped); the keys are the module's {@code DefaultCacheKey}s. Records each call
 * that reached it.
 *
 * <p>Thread-safe.
 */
@ApplicationScoped
public class Quotes {
  private final List<String> calls = new CopyOnWriteArrayList<>();

  /** Looks a quote up. */
  @CacheResult(cacheName = "quotes")
  public Quote quote(String symbol) {
    calls.add("quote(" + symbol + ")");
    return new Quote(symbol, 4200);
  }

  /** Looks a quote up on one exchange: a key of two parameters. */
  @CacheResult(cacheName = "quotes")
  public Quote quote(String symbol, String exchange) {
    calls.add("quote(" + symbol + ", " + exchange + ")");
    return new Quote(symbol + "@" + exchange, 4300);
  }

  /** Replaces a cached quote without asking the backend. */
  @CachePut(cacheName = "quotes")
  public void correct(@CacheKey String symbol, @CacheValue Quote quote) {
    calls.add("correct(" + symbol + ")");
  }

  /** Drops a cached quote. */
  @CacheRemove(cacheName = "quotes")
  public void forget(String symbol) {
    calls.add("forget(" + symbol + ")");
  }

  /** Returns the calls that reached the method bodies, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }
}

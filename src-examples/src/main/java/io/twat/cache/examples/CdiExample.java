/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import io.twat.cache.cdi.CacheAnnotationsExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Caching;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheValue;

/**
 * The JSR-107 annotations on a CDI bean, run by Weld SE 6 with the {@code twat-cache-cdi} module:
 * repeated look-ups are answered from the cache, a put replaces the cached value and a remove
 * drops it.
 */
public final class CdiExample {
  private CdiExample() {
  }

  /**
   * Runs the example and prints how often the slow look-up really ran.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("look-ups that reached the backend: " + run());
  }

  // snippet:cdiBean
  /** Quotes from a slow backend, cached in the cache "quotes" of the default cache manager. */
  @ApplicationScoped
  public static class Quotes {
    private final AtomicInteger backendCalls = new AtomicInteger();

    @CacheResult(cacheName = "quotes")
    public String quote(String symbol) {
      backendCalls.incrementAndGet();
      return symbol + " @ 42.00";
    }

    @CachePut(cacheName = "quotes")
    public void correct(@CacheKey String symbol, @CacheValue String quote) {
    }

    @CacheRemove(cacheName = "quotes")
    public void forget(String symbol) {
    }

    public int backendCalls() {
      return backendCalls.get();
    }
  }
  // end:cdiBean

  /**
   * Asks for a quote three times, corrects it, forgets it and asks again.
   *
   * @return how often the backend was called (2: the first look-up and the one after the remove)
   */
  public static int run() {
    try {
      // snippet:cdiContainer
      // With bean discovery (a beans.xml in the application), the extension registers itself from
      // META-INF/services; here the container gets its beans listed instead of scanning for them.
      try (SeContainer container = SeContainerInitializer.newInstance()
          .disableDiscovery()
          .addExtensions(new CacheAnnotationsExtension())
          .addBeanClasses(Quotes.class)
          .initialize()) {
        Quotes quotes = container.select(Quotes.class).get();
        quotes.quote("ACME");                      // computed and cached
        quotes.quote("ACME");                      // from the cache
        quotes.correct("ACME", "ACME @ 41.50");    // @CachePut replaces the cached quote
        quotes.quote("ACME");                      // "ACME @ 41.50", from the cache
        quotes.forget("ACME");                     // @CacheRemove drops it
        quotes.quote("ACME");                      // computed again
        return quotes.backendCalls();              // 2
      }
      // end:cdiContainer
    } finally {
      Caching.getCachingProvider().getCacheManager().destroyCache("quotes");
    }
  }
}

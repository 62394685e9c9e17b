/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's cache abstraction over twat-cache: a {@link JCacheCacheManager} wraps our
 * {@code CacheManager}, and {@code @Cacheable} methods cache in it.
 */
public final class SpringExample {
  private SpringExample() {
  }

  /**
   * Runs the example and prints how often the slow method really ran.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("price computations: " + run());
  }

  // snippet:springConfig
  /** The Spring configuration: caching on, backed by twat-cache. */
  @Configuration
  @EnableCaching
  public static class CachingConfig {
    @Bean(destroyMethod = "close")
    public CacheManager jcacheManager() {
      CacheManager manager = Caching.getCachingProvider()
          .getCacheManager(URI.create("twat:memory"), getClass().getClassLoader());
      // Spring looks caches up by name; create them, with any JCache or twat-cache settings.
      manager.createCache("prices", new MutableConfiguration<>());
      return manager;
    }

    @Bean
    public org.springframework.cache.CacheManager cacheManager(CacheManager jcacheManager) {
      return new JCacheCacheManager(jcacheManager);
    }

    @Bean
    public Prices prices() {
      return new Prices();
    }
  }

  /** A slow price look-up; values must be Serializable, as twat-cache stores by value. */
  public static class Prices {
    private final AtomicInteger computations = new AtomicInteger();

    @Cacheable("prices")
    public String price(String product) {
      computations.incrementAndGet();
      return product + ": 9.99 EUR";
    }

    public int computations() {
      return computations.get();
    }
  }
  // end:springConfig

  /**
   * Asks for two prices, each twice.
   *
   * @return how often the price was computed (2)
   */
  public static int run() {
    try (AnnotationConfigApplicationContext context =
        new AnnotationConfigApplicationContext(CachingConfig.class)) {
      Prices prices = context.getBean(Prices.class);
      prices.price("tea");
      prices.price("tea");
      prices.price("coffee");
      prices.price("coffee");
      return prices.computations();
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import io.twat.cache.TwatConfiguration;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.expiry.Duration;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * A Spring Boot 4 application with {@code twat-cache-spring-boot-starter} and no cache code: the
 * store and each cache's bound and expiry come from {@code application.properties}
 * ({@code src/main/resources}), e.g. {@code twat.cache.store=universal} and
 * {@code twat.cache.caches.books.expire-after-write=10m}. Any property can be overridden as usual,
 * e.g. {@code --twat.cache.store=file} on the command line.
 *
 * <p>{@link SpringBootExample} shows Boot's own JCache support without the starter; an application
 * uses one or the other (with the starter on the class path, its manager is the one Boot uses).
 */
public final class StarterExample {
  private StarterExample() {
  }

  /**
   * Runs the example and prints what it saw.
   *
   * @param args Spring Boot arguments, e.g. {@code --twat.cache.store=db}
   */
  public static void main(String[] args) {
    System.out.println(run(args));
  }

  // snippet:starterApp
  /** The application: caching on; the store and the caches come from application.properties. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching
  @Import(Books.class)
  public static class LibraryApp {
  }

  /** A slow look-up; values must be Serializable, as twat-cache stores by value. */
  public static class Books {
    private final AtomicInteger lookups = new AtomicInteger();

    @Cacheable("books")
    public String title(String isbn) {
      lookups.incrementAndGet();
      return "Title of " + isbn;
    }

    public int lookups() {
      return lookups.get();
    }
  }
  // end:starterApp

  /**
   * What one run saw.
   *
   * @param manager the URI of the cache manager the starter made
   * @param lookups how often {@link Books#title} really ran (2 for 3 calls, one repeated)
   * @param booksExpiry the expiry of the cache {@code books} after a write
   * @param booksMaxEntries the bound of the cache {@code books}
   * @param caches the names of the manager's caches
   */
  public record Outcome(
      URI manager, int lookups, Duration booksExpiry, long booksMaxEntries, Set<String> caches) {
  }

  /**
   * Starts the application, looks three titles up (one twice) and stops it.
   *
   * @param args Spring Boot arguments; they override application.properties
   * @return what the run saw
   */
  public static Outcome run(String... args) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LibraryApp.class)
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .run(args)) {
      Books books = context.getBean(Books.class);
      books.title("978-0");
      books.title("978-0");
      books.title("978-1");
      CacheManager manager = context.getBean(CacheManager.class);
      Cache<Object, Object> cache = manager.getCache("books");
      @SuppressWarnings("unchecked") // only read; the starter creates its caches with one
      TwatConfiguration<Object, Object> configuration =
          cache.getConfiguration(TwatConfiguration.class);
      Set<String> caches = new TreeSet<>();
      manager.getCacheNames().forEach(caches::add);
      return new Outcome(
          manager.getURI(),
          books.lookups(),
          configuration.getExpiryPolicyFactory().create().getExpiryForUpdate(),
          configuration.getMaxEntries(),
          caches);
    }
  }
}

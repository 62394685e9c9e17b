/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;

/**
 * Hibernate's second-level cache on twat-cache, through {@code hibernate-jcache}: an entity read
 * in a second session comes from the cache, not from the database (an in-memory H2 here).
 */
public final class HibernateExample {
  private HibernateExample() {
  }

  /**
   * Runs the example and prints the second-level cache hits.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("second-level cache hits: " + run());
  }

  // snippet:hibernateEntity
  /** A book, cached in the second-level cache. */
  @Entity
  @Cacheable
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
  public static class Book {
    @Id
    private long isbn;
    private String title;

    protected Book() {
    }

    public Book(long isbn, String title) {
      this.isbn = isbn;
      this.title = title;
    }

    public String getTitle() {
      return title;
    }
  }
  // end:hibernateEntity

  /**
   * Stores a book, then reads it in a new session.
   *
   * @return the second-level cache hits (1) after the read
   */
  public static long run() {
    // snippet:hibernateConfig
    Configuration configuration = new Configuration()
        .addAnnotatedClass(Book.class)
        .setProperty("hibernate.connection.url", "jdbc:h2:mem:library;DB_CLOSE_DELAY=-1")
        .setProperty("hibernate.hbm2ddl.auto", "create-drop")
        .setProperty("hibernate.cache.use_second_level_cache", "true")
        .setProperty("hibernate.cache.region.factory_class", "jcache")
        .setProperty("hibernate.javax.cache.provider", "io.twat.cache.spi.TwatCachingProvider")
        // Regions are caches Hibernate creates itself (without this line it warns that it does).
        .setProperty("hibernate.javax.cache.missing_cache_strategy", "create")
        .setProperty("hibernate.generate_statistics", "true");
    // end:hibernateConfig
    try (SessionFactory sessions = configuration.buildSessionFactory()) {
      sessions.inTransaction(
          session -> session.persist(new Book(9780134685991L, "Effective Java")));
      Statistics statistics = sessions.getStatistics();
      statistics.clear();
      String title =
          sessions.fromTransaction(session -> session.find(Book.class, 9780134685991L).getTitle());
      if (!title.equals("Effective Java") || statistics.getPrepareStatementCount() != 0) {
        throw new IllegalStateException(
            "the book was read from the database, not the cache: " + title);
      }
      return statistics.getSecondLevelCacheHitCount();
    }
  }
}

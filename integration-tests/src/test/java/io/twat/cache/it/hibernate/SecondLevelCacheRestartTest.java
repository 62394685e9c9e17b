/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.it.DiskStore;
import io.twat.cache.testing.LogCapture;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hibernate's second-level cache on each disk store, configured by nothing but Hibernate
 * properties ({@code hibernate.javax.cache.uri} names a twat-cache configuration file; Hibernate
 * creates its regions untyped): a second {@code SessionFactory} on the first one's cache folder
 * reads the entities, the collection, the natural id and the results of an entity query and of a
 * scalar query from the cache, with no statement sent to the database and no cache miss. What
 * Hibernate caches (its cache entries, cache keys and query results) is signed by the store and
 * read back with no allow setting.
 * The application's database is an in-memory H2 database of its own.
 */
class SecondLevelCacheRestartTest {
  private static final String BY_AUTHOR =
      "select b from Book b where b.author.name = :name order by b.id";
  private static final String TITLES = "select b.title, b.isbn from Book b order by b.id";

  private LogCapture log;
  private String appDatabase;

  @BeforeEach
  void captureLogAndNameTheDatabase() {
    log = LogCapture.of("io.twat.cache");
    appDatabase = "jdbc:h2:mem:library-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  @AfterEach
  void dropTheDatabase() throws SQLException {
    log.close();
    try (Connection connection = DriverManager.getConnection(appDatabase);
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    }
  }

  @ParameterizedTest
  @EnumSource(DiskStore.class)
  void entitiesCollectionsNaturalIdsAndQueries_areServedAfterARestart(DiskStore store,
      @TempDir Path dir) {
    Path folder = dir.resolve("cache");
    URI cacheUri = store.writeConfig(dir.resolve("twat-cache.properties"), folder);

    try (SessionFactory sessions = build(cacheUri, /* schema= */ "create")) {
      sessions.inTransaction(session -> {
        Author bloch = new Author(1, "Bloch");
        session.persist(bloch);
        session.persist(bloch.write(10, "978-0134685991", "Effective Java"));
        session.persist(bloch.write(11, "978-0321349606", "Java Concurrency in Practice"));
      });
      // the inserts cached the entities and the natural ids; reading caches the rest
      sessions.inTransaction(session -> {
        assertEquals(2, session.find(Author.class, 1L).getBooks().size());
        assertEquals(List.of(10L, 11L), byAuthor(session, "Bloch"));
        assertEquals(List.of("Effective Java", "Java Concurrency in Practice"), titles(session));
      });
    }
    assertTrue(Files.isRegularFile(folder.resolve("trust.key")), "Hibernate's entries were signed");

    try (SessionFactory sessions = build(cacheUri, /* schema= */ "none")) {
      Statistics statistics = sessions.getStatistics();
      statistics.clear();
      sessions.inTransaction(session -> {
        Book book = session.find(Book.class, 10L);
        assertEquals("Effective Java", book.getTitle());
        assertEquals("Bloch", book.getAuthor().getName());
      });
      sessions.inTransaction(session -> assertEquals(List.of("Effective Java",
              "Java Concurrency in Practice"),
          session.find(Author.class, 1L).getBooks().stream().map(Book::getTitle).toList()));
      sessions.inTransaction(session -> assertEquals("Java Concurrency in Practice",
          byIsbn(session, "978-0321349606").getTitle()));
      sessions.inTransaction(session ->
          assertEquals(List.of(10L, 11L), byAuthor(session, "Bloch")));
      sessions.inTransaction(session -> assertEquals(List.of("Effective Java",
          "Java Concurrency in Practice"), titles(session)));

      assertEquals(0, statistics.getPrepareStatementCount(), "statements sent to the database");
      assertEquals(0, statistics.getSecondLevelCacheMissCount(), "second-level cache misses");
      assertEquals(0, statistics.getNaturalIdCacheMissCount(), "natural id cache misses");
      assertEquals(0, statistics.getQueryCacheMissCount(), "query cache misses");
      assertTrue(statistics.getEntityStatistics(Book.class.getName()).getCacheHitCount() > 0);
      assertTrue(statistics.getEntityStatistics(Author.class.getName()).getCacheHitCount() > 0);
      assertEquals(1, statistics.getCollectionStatistics(Author.class.getName() + ".books")
          .getCacheHitCount());
      assertEquals(1, statistics.getNaturalIdCacheHitCount());
      assertEquals(2, statistics.getQueryCacheHitCount(), "an entity query and a scalar one");
      assertTrue(statistics.getSecondLevelCacheHitCount() >= 5,
          "hits: " + statistics.getSecondLevelCacheHitCount());
    }
    assertEquals(List.of(), log.warnings());
  }

  private static List<Long> byAuthor(Session session, String name) {
    return session.createSelectionQuery(BY_AUTHOR, Book.class).setParameter("name", name)
        .setCacheable(true).getResultList().stream().map(Book::getId).toList();
  }

  private static List<String> titles(Session session) {
    return session.createSelectionQuery(TITLES, Object[].class).setCacheable(true)
        .getResultList().stream().map(row -> (String) row[0]).toList();
  }

  // Hibernate 7.4 deprecates bySimpleNaturalId for find(..., KeyType.NATURAL), which 6 lacks.
  @SuppressWarnings("deprecation")
  private static Book byIsbn(Session session, String isbn) {
    return session.bySimpleNaturalId(Book.class).load(isbn);
  }

  private SessionFactory build(URI cacheUri, String schema) {
    return new Configuration()
        .addAnnotatedClass(Author.class)
        .addAnnotatedClass(Book.class)
        .setProperty("hibernate.connection.url", appDatabase)
        .setProperty("hibernate.hbm2ddl.auto", schema)
        .setProperty("hibernate.cache.use_second_level_cache", "true")
        .setProperty("hibernate.cache.use_query_cache", "true")
        .setProperty("hibernate.cache.region.factory_class", "jcache")
        .setProperty("hibernate.javax.cache.provider", "io.twat.cache.spi.TwatCachingProvider")
        .setProperty("hibernate.javax.cache.uri", cacheUri.toString())
        .setProperty("hibernate.javax.cache.missing_cache_strategy", "create")
        .setProperty("hibernate.generate_statistics", "true")
        .buildSessionFactory();
  }
}

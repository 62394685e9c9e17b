/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.it.DiskStore;
import io.twat.cache.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Spring's {@code @Cacheable} (with {@code sync = true} and a null result) and the JSR-107
 * annotations through Spring, on each disk store: what the first context cached is served by a
 * second context on the same folder without calling the methods. The caches are untyped and hold
 * Spring's own classes ({@code NullValue}, {@code SimpleKey}) and the application's
 * {@link Book}; nothing is allowed by setting.
 */
class SpringCacheRestartTest {
  private LogCapture log;

  @BeforeEach
  void captureLog() {
    log = LogCapture.of("io.twat.cache");
  }

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  @ParameterizedTest
  @EnumSource(DiskStore.class)
  void cachedValuesNullsAndSimpleKeys_areServedAfterARestart(DiskStore store,
      @TempDir Path dir) {
    Path folder = dir.resolve("cache");
    try (AnnotationConfigApplicationContext context = start(store, folder)) {
      Library library = context.getBean(Library.class);
      assertEquals(new Book(1, "Book 1", 1), library.find(1));
      assertEquals(new Book(1, "Book 1", 1), library.find(1));
      assertNull(library.find(404));
      assertNull(library.find(404));
      assertEquals(new Book(4, "Dune", 2), library.find("Dune", 2));
      assertEquals(new Book(4, "Dune", 2), library.find("Dune", 2));
      assertEquals(new Book(6, "Emma's", 3), library.edition("Emma's", 3));
      assertEquals(new Book(6, "Emma's", 3), library.edition("Emma's", 3));
      assertEquals("Title 7", library.title(7));
      assertEquals("Title 7", library.title(7));
      library.retitle(8, "Put 8");
      assertEquals("Put 8", library.title(8));
      assertEquals("Title 9", library.title(9));
      library.forget(9);
      assertEquals(List.of("find(1)", "find(404)", "find(Dune, 2)", "edition(Emma's, 3)",
          "title(7)", "retitle(8)", "title(9)", "forget(9)"), library.calls());
    }
    assertTrue(Files.isRegularFile(folder.resolve("trust.key")), "the values were signed");

    try (AnnotationConfigApplicationContext context = start(store, folder)) {
      Library library = context.getBean(Library.class);
      assertEquals(new Book(1, "Book 1", 1), library.find(1));
      assertNull(library.find(404));
      assertEquals(new Book(4, "Dune", 2), library.find("Dune", 2));
      assertEquals(new Book(6, "Emma's", 3), library.edition("Emma's", 3));
      assertEquals("Title 7", library.title(7));
      assertEquals("Put 8", library.title(8));
      assertEquals(List.of(), library.calls(), "after the restart every value came from the cache");
      // what was removed before the restart stays removed
      assertEquals("Title 9", library.title(9));
      assertEquals(List.of("title(9)"), library.calls());
    }
    assertEquals(List.of(), log.warnings());
  }

  @ParameterizedTest
  @EnumSource(DiskStore.class)
  void syncCacheable_concurrentFirstCalls_computeOnce(DiskStore store, @TempDir Path dir)
      throws Exception {
    int threads = 8;
    try (AnnotationConfigApplicationContext context = start(store, dir.resolve("cache"))) {
      Library library = context.getBean(Library.class);
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Book>> books = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          books.add(pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return library.find(5);
          }));
        }
        for (Future<Book> book : books) {
          assertEquals(new Book(5, "Book 5", 1), book.get(30, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(List.of("find(5)"), library.calls());
    }
    assertEquals(List.of(), log.warnings());
  }

  private static AnnotationConfigApplicationContext start(DiskStore store, Path folder) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
        Map.of("library.cache-uri", store.uri(folder).toString())));
    context.register(LibraryConfig.class);
    context.refresh();
    return context;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.twat.cache.spring.boot.example.BookApplication;
import io.twat.cache.spring.boot.example.BookService;
import io.twat.cache.testing.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpoint;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

/** A real {@code @SpringBootApplication} with the starter and its properties only. */
class SpringBootApplicationTest {
  @TempDir Path folder;

  private final LogCapture log = LogCapture.of("io.twat.cache");
  private final LogCapture micrometerLog = LogCapture.of("io.micrometer");

  @AfterEach
  void close() {
    log.close();
    micrometerLog.close();
    assertThat(micrometerLog.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "db", "file", "universal"})
  void application_cachesOnEachStore_andShowsCachesAndMetersInTheActuator(String store) {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(BookApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "twat.cache.store=" + store,
                "twat.cache.caches.books.expire-after-write=10m",
                "twat.cache.caches.books.max-entries=1000",
                "management.endpoints.web.exposure.include=caches,metrics,health",
                "spring.main.banner-mode=off")
            // An argument: the build's system property twat.cache.dir would win over a default.
            .run("--twat.cache.dir=" + folder)) {
      assertThat(context.getBean(javax.cache.CacheManager.class).getURI())
          .hasToString(store.equals("memory") ? "twat:memory" : "twat:" + store + "?dir=" + folder);
      BookService books = context.getBean(BookService.class);

      assertThat(books.title("1")).isEqualTo("Title of 1");
      assertThat(books.title("1")).isEqualTo("Title of 1");
      assertThat(books.title("2")).isEqualTo("Title of 2");

      assertThat(books.lookups()).isEqualTo(2);
      assertThat(context.getBean(CachesEndpoint.class).caches().getCacheManagers())
          .containsKey("cacheManager");
      assertThat(
              context.getBean(CachesEndpoint.class).caches().getCacheManagers()
                  .get("cacheManager").getCaches())
          .containsKey("books");
      MetricsEndpoint metrics = context.getBean(MetricsEndpoint.class);
      assertThat(metrics.listNames().getNames()).contains("cache.gets", "cache.size");
      MetricsEndpoint.MetricDescriptor hits =
          metrics.metric("cache.gets", List.of("cache:books", "result:hit"));
      assertThat(hits.getMeasurements().get(0).getValue()).isEqualTo(1.0);
      MetricsEndpoint.MetricDescriptor misses =
          metrics.metric("cache.gets", List.of("cache:books", "result:miss"));
      assertThat(misses.getMeasurements().get(0).getValue()).isEqualTo(2.0);
    }
  }
}

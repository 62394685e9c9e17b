/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import java.util.concurrent.atomic.AtomicInteger;
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
 * Spring Boot's cache auto-configuration on twat-cache: three properties, no cache code at all.
 * Boot finds our provider by class name, makes its default {@code CacheManager} and creates the
 * caches it is told to. This is Boot without {@code twat-cache-spring-boot-starter}; with the
 * starter, the store and each cache's bound and expiry come from properties
 * ({@link StarterExample}).
 */
public final class SpringBootExample {
  private SpringBootExample() {
  }

  /**
   * Runs the example and prints how often the slow method really ran.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("forecasts computed: " + run());
  }

  // snippet:springBootApp
  /** The application: auto-configured, caching on, one service. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching
  @Import(Forecasts.class)
  public static class WeatherApp {
  }

  /** A slow forecast; values must be Serializable, as twat-cache stores by value. */
  public static class Forecasts {
    private final AtomicInteger computations = new AtomicInteger();

    @Cacheable("forecasts")
    public String forecast(String city) {
      computations.incrementAndGet();
      return city + ": sunny";
    }

    public int computations() {
      return computations.get();
    }
  }
  // end:springBootApp

  /**
   * Starts the application, asks for a forecast twice and stops it.
   *
   * @return how often the forecast was computed (1)
   */
  public static int run() {
    // snippet:springBoot
    // The same three lines in application.properties do the same.
    ConfigurableApplicationContext context = new SpringApplicationBuilder(WeatherApp.class)
        .properties(
            "spring.cache.type=jcache",
            "spring.cache.jcache.provider=io.twat.cache.spi.TwatCachingProvider",
            "spring.cache.cache-names=forecasts")
        .web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF)
        .run();
    // end:springBoot
    try (context) {
      Forecasts forecasts = context.getBean(Forecasts.class);
      forecasts.forecast("Oslo");
      forecasts.forecast("Oslo");
      return forecasts.computations();
    }
  }
}

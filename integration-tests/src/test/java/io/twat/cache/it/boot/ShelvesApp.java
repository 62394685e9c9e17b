/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.boot;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.JCachePropertiesCustomizer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application whose caches Boot configures: {@code spring.cache.type=jcache} and
 * {@code spring.cache.jcache.config} name a twat-cache properties file. The cache folder comes
 * from the property {@code shelves.cache-dir} through a {@link JCachePropertiesCustomizer}, the
 * one place Boot lets an application add to the manager's {@code Properties}; a file on the
 * class path cannot know a test's temporary folder.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching
public class ShelvesApp {
  /** Gives the manager its folder ({@code twat.cache.dir}, which the file leaves open). */
  @Bean
  public JCachePropertiesCustomizer cacheFolder(@Value("${shelves.cache-dir}") Path folder) {
    return properties -> properties.setProperty("twat.cache.dir", folder.toString());
  }

  /** The cached service. */
  @Bean
  public Shelves shelves() {
    return new Shelves();
  }
}

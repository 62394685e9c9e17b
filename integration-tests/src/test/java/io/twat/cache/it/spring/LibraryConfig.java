/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.spring;

import java.net.URI;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's Spring configuration, as src-examples' SpringExample writes it: a JCache
 * manager named by the property {@code library.cache-uri}, the caches the methods use created
 * untyped at every start (as a real application does, which cannot know whether the disk kept
 * them), and Spring's {@link JCacheCacheManager} over it.
 */
@Configuration
@EnableCaching
public class LibraryConfig {
  /** The caches {@link Library} uses. */
  static final String[] CACHES = {"books", "editions", "titles"};

  /** The provider's manager, closed with the context. */
  @Bean(destroyMethod = "close")
  public CacheManager jcacheManager(@Value("${library.cache-uri}") URI uri) {
    CacheManager manager = Caching.getCachingProvider().getCacheManager(uri,
        getClass().getClassLoader());
    for (String name : CACHES) {
      manager.createCache(name, new MutableConfiguration<>());
    }
    return manager;
  }

  /** Spring's cache manager over the provider's. */
  @Bean
  public org.springframework.cache.CacheManager cacheManager(CacheManager jcacheManager) {
    return new JCacheCacheManager(jcacheManager);
  }

  /** The cached service. */
  @Bean
  public Library library() {
    return new Library();
  }
}

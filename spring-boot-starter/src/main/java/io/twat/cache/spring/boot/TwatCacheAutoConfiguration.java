/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import io.twat.cache.spi.TwatCachingProvider;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheProperties;
import org.springframework.boot.cache.autoconfigure.JCacheManagerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Makes twat-cache the application's JCache {@link CacheManager} from the {@code twat.cache.*}
 * properties ({@link TwatCacheProperties}), and creates the caches of {@code
 * twat.cache.caches.<name>.*}. Because it replaces the JCache manager Boot would make, it does
 * what Boot does with one: creates the caches of {@code spring.cache.cache-names} not configured
 * under {@code twat.cache.caches} (with the application's {@code
 * javax.cache.configuration.Configuration} bean if it has one) and applies the application's
 * {@code JCacheManagerCustomizer} beans, in order. It runs before Boot's cache
 * auto-configuration, which then puts Spring's {@code JCacheCacheManager} over this manager
 * (with {@code @EnableCaching}), so that {@code @Cacheable} and the actuator's {@code caches}
 * endpoint use these caches.
 *
 * <p>With {@code twat.cache.statistics=true} (the default) every cache of the manager counts its
 * statistics, also those created later through this manager, unless its own {@code
 * twat.cache.caches.<name>.statistics} says otherwise. Backs off when the application defines
 * its own {@code javax.cache.CacheManager} or sets {@code twat.cache.enabled=false}.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class)
@ConditionalOnClass({Caching.class, TwatCachingProvider.class})
@ConditionalOnProperty(
    prefix = "twat.cache",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(TwatCacheProperties.class)
public class TwatCacheAutoConfiguration implements BeanClassLoaderAware {
  private ClassLoader classLoader = TwatCacheAutoConfiguration.class.getClassLoader();

  /** Creates the configuration; Spring calls it. */
  public TwatCacheAutoConfiguration() {}

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /**
   * The manager of {@code twat:<store>?<settings>}, with the configured caches created.
   *
   * @param properties the {@code twat.cache.*} properties
   * @param springCache Boot's {@code spring.cache.*} properties, when its cache support is on
   * @param defaultConfiguration the configuration for the caches of {@code
   *     spring.cache.cache-names}, if the application defines one
   * @param customizers the application's customizers of the JCache manager
   * @return the manager, closed with the application context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(CacheManager.class)
  public CacheManager twatCacheManager(
      TwatCacheProperties properties,
      ObjectProvider<CacheProperties> springCache,
      ObjectProvider<Configuration<?, ?>> defaultConfiguration,
      ObjectProvider<JCacheManagerCustomizer> customizers) {
    ManagerUri manager = ManagerUri.of(properties);
    CacheManager twat =
        Caching.getCachingProvider(TwatCachingProvider.class.getName(), classLoader)
            .getCacheManager(manager.uri(), classLoader, manager.properties());
    ObservedCacheManager observed = new ObservedCacheManager(twat);
    if (properties.isStatistics()) {
      observed.observe(new StatisticsSwitch(twat, properties.getCaches().keySet()));
    }
    for (Map.Entry<String, TwatCacheProperties.CacheProperties> cache :
        properties.getCaches().entrySet()) {
      observed.createCache(
          cache.getKey(),
          CacheConfigurations.of(cache.getKey(), cache.getValue(), properties.isStatistics()));
    }
    // What Boot does for a JCache manager it makes itself, since this one replaces it.
    CacheProperties spring = springCache.getIfAvailable();
    if (spring != null) {
      for (String name : spring.getCacheNames()) {
        if (!properties.getCaches().containsKey(name)) {
          observed.createCache(
              name, defaultConfiguration.getIfAvailable(MutableConfiguration::new));
        }
      }
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(observed));
    return observed;
  }

  /** Turns statistics on for caches handed out that have no statistics setting of their own. */
  private static final class StatisticsSwitch implements ObservedCacheManager.Observer {
    private final CacheManager manager;
    private final Set<String> configured;

    StatisticsSwitch(CacheManager manager, Set<String> configured) {
      this.manager = manager;
      this.configured = Set.copyOf(configured);
    }

    @Override
    public void opened(Cache<?, ?> cache) {
      @SuppressWarnings("unchecked") // only read; every JCache configuration is one
      CompleteConfiguration<?, ?> configuration =
          cache.getConfiguration(CompleteConfiguration.class);
      if (!configured.contains(cache.getName()) && !configuration.isStatisticsEnabled()) {
        manager.enableStatistics(cache.getName(), true);
      }
    }

    @Override
    public void destroyed(String cacheName) {}
  }
}

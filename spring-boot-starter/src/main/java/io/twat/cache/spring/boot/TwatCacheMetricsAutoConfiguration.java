/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.twat.cache.TwatCache;
import io.twat.cache.micrometer.TwatCacheMetrics;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.cache.jcache.JCacheCache;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Micrometer meters ({@link TwatCacheMetrics}) for every cache of the auto-configured manager:
 * those created at startup and those created or reopened later through the manager. Boot's own
 * cache metrics would bind a twat-cache cache through Micrometer's {@code JCacheMetrics}, which
 * reads MXBeans by a name built from the manager URI and fails on a URI with a query; a {@link
 * CacheMeterBinderProvider} that comes first binds them with {@link TwatCacheMetrics} instead (the
 * same meters, so binding twice registers nothing new). A destroyed cache's meters are removed,
 * so a new cache of that name starts from zero. Active when Micrometer and twat-cache-micrometer
 * are on the class path.
 */
@AutoConfiguration(
    after = TwatCacheAutoConfiguration.class,
    before = CacheMetricsAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, TwatCacheMetrics.class})
public class TwatCacheMetricsAutoConfiguration {
  /** Creates the configuration; Spring calls it. */
  public TwatCacheMetricsAutoConfiguration() {}

  /**
   * Binds the meters of every cache the auto-configured manager hands out.
   *
   * @param managers the application's JCache managers; only twat-cache's auto-configured one is
   *     observed
   * @return the binder, which Boot binds to each registry
   */
  @Bean
  public MeterBinder twatCacheMeterBinder(ObjectProvider<CacheManager> managers) {
    return registry ->
        managers.orderedStream()
            .filter(ObservedCacheManager.class::isInstance)
            .map(ObservedCacheManager.class::cast)
            .forEach(
                manager ->
                    manager.observe(new Meters(registry, manager.getURI().toString())));
  }

  /**
   * Binds twat-cache's caches in Spring's cache abstraction when Boot's cache metrics bind them
   * (at startup), before its {@code JCacheMetrics} could: with {@link TwatCacheMetrics}, or with
   * nothing for a cache of the auto-configured manager, whose observer binds it already (binding
   * a function counter twice makes Micrometer log a warning).
   *
   * @param managers the application's JCache managers
   * @return the provider, first of all
   */
  @Bean
  @ConditionalOnClass({CacheMeterBinderProvider.class, JCacheCache.class})
  public CacheMeterBinderProvider<JCacheCache> twatCacheMeterBinderProvider(
      ObjectProvider<CacheManager> managers) {
    return new TwatFirst(managers);
  }

  /** A cache meter binder provider for twat-cache's caches, ordered before Boot's. */
  private static final class TwatFirst implements CacheMeterBinderProvider<JCacheCache>, Ordered {
    private final ObjectProvider<CacheManager> managers;

    TwatFirst(ObjectProvider<CacheManager> managers) {
      this.managers = managers;
    }

    @Override
    public MeterBinder getMeterBinder(JCacheCache cache, Iterable<Tag> tags) {
      Cache<Object, Object> jcache = cache.getNativeCache();
      try {
        jcache.unwrap(TwatCache.class);
      } catch (IllegalArgumentException notOurs) {
        return null;
      }
      URI manager = jcache.getCacheManager().getURI();
      boolean observed =
          managers.orderedStream()
              .anyMatch(m -> m instanceof ObservedCacheManager && m.getURI().equals(manager));
      // Boot's tags (its bean name as cache.manager, name) are left out, so that these are the
      // very meters the manager's observer would bind.
      return observed ? registry -> {} : new TwatCacheMetrics(jcache, Tags.empty());
    }

    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }
  }

  /** Binds the meters of each cache opened, removes those of each cache destroyed. */
  private static final class Meters implements ObservedCacheManager.Observer {
    private final MeterRegistry registry;
    private final String managerUri;

    Meters(MeterRegistry registry, String managerUri) {
      this.registry = registry;
      this.managerUri = managerUri;
    }

    @Override
    public void opened(Cache<?, ?> cache) {
      TwatCacheMetrics.monitor(registry, cache, Tags.empty());
    }

    @Override
    public void destroyed(String cacheName) {
      List<Meter> gone = new ArrayList<>();
      for (Meter meter : registry.getMeters()) {
        if (cacheName.equals(meter.getId().getTag("cache"))
            && meter.getId().getName().startsWith("cache.")
            && managerUri.equals(meter.getId().getTag("cache.manager"))) {
          gone.add(meter);
        }
      }
      gone.forEach(registry::remove);
    }
  }
}

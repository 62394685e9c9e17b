/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.management.MBeans;
import io.twat.cache.testing.ChildJvms;
import io.twat.cache.testing.EmbeddedDatabases;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.management.MBeanServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caches created on twat:file, twat:db and twat:universal with an expiry policy, statistics and
 * management are reopened by {@code getCache(name, String.class, Long.class)} in a new JVM with
 * that configuration, and with their MXBeans registered there.
 */
class ReopenedConfigurationNewJvmTest {
  private static final List<String> KINDS = List.of("twat:file", "twat:db", "twat:universal");
  private static final List<String> CACHES = List.of("fiveMinutes", "custom");

  @TempDir
  Path folder;

  /**
   * Run in a JVM of its own by the test: reopens each cache of each manager URI given and prints
   * one line describing it (see {@link #describe}), then {@code done}.
   */
  public static void main(String[] args) {
    for (String uri : args) {
      TwatCachingProvider provider = new TwatCachingProvider();
      try {
        CacheManager manager = provider.getCacheManager(URI.create(uri), null);
        for (String name : CACHES) {
          System.out.println(describe(manager, manager.getCache(name, String.class, Long.class)));
        }
      } finally {
        provider.close();
      }
    }
    System.out.println("done");
  }

  /** Returns what the reopened cache's configuration says, and which of its MXBeans exist. */
  @SuppressWarnings("unchecked")
  private static String describe(CacheManager manager, Cache<String, Long> cache) {
    CompleteConfiguration<String, Long> configuration =
        cache.getConfiguration(CompleteConfiguration.class);
    ExpiryPolicy policy = configuration.getExpiryPolicyFactory().create();
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    String uri = manager.getURI().toString();
    return cache.getName()
        + " policy=" + policy.getClass().getSimpleName()
        + " creation=" + text(policy.getExpiryForCreation())
        + " update=" + text(policy.getExpiryForUpdate())
        + " statistics=" + configuration.isStatisticsEnabled()
        + " management=" + configuration.isManagementEnabled()
        + " storeByValue=" + configuration.isStoreByValue()
        + " types=" + configuration.getKeyType().getName() + "->"
        + configuration.getValueType().getName()
        + " configurationBean=" + server.isRegistered(
            MBeans.objectName(MBeans.Type.CacheConfiguration, uri, cache.getName()))
        + " statisticsBean=" + server.isRegistered(
            MBeans.objectName(MBeans.Type.CacheStatistics, uri, cache.getName()))
        + " value=" + cache.get("a");
  }

  private static String text(Duration duration) {
    return duration == null ? "null" : duration.getDurationAmount() + " " + duration.getTimeUnit();
  }

  private static TwatConfiguration<String, Long> configuration(
      Factory<? extends ExpiryPolicy> expiry) {
    TwatConfiguration<String, Long> configuration = new TwatConfiguration<>();
    configuration.setTypes(String.class, Long.class);
    configuration.setExpiryPolicyFactory(expiry);
    configuration.setStatisticsEnabled(true).setManagementEnabled(true);
    return configuration;
  }

  @Test
  void cachesCreatedHere_areReopenedInANewJvm_withTheirConfigurationAndMXBeans()
      throws Exception {
    List<String> uris = new ArrayList<>();
    for (String kind : KINDS) {
      URI uri = URI.create(kind + "?dir=" + folder.resolve(kind.substring("twat:".length())));
      uris.add(uri.toString());
      TwatCachingProvider provider = new TwatCachingProvider();
      try {
        CacheManager manager = provider.getCacheManager(uri, null);
        manager.createCache("fiveMinutes", configuration(
            CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 5)))).put("a", 1L);
        manager.createCache("custom", configuration(
            FactoryBuilder.factoryOf(TenMinutesAfterWrite.class))).put("a", 2L);
      } finally {
        provider.close();
      }
      // The database would stay open (and serve other JVMs) for a moment after its last cache
      // closed; this test is about the record, not about that handover (issue "Reliability",
      // item 4), so the child starts on a closed database.
      EmbeddedDatabases.shutDown(folder.resolve(kind.substring("twat:".length())));
    }

    List<String> lines = new ArrayList<>();
    try (ChildJvms jvms = new ChildJvms(ReopenedConfigurationNewJvmTest.class, folder)) {
      Process reader = jvms.start("reader.log", uris.toArray(String[]::new));
      BufferedReader output = ChildJvms.output(reader);
      for (String line = output.readLine(); line != null && !line.equals("done");
          line = output.readLine()) {
        lines.add(line);
      }
      jvms.finish(reader, "reader.log", 2);
    } finally {
      for (String kind : KINDS) {
        EmbeddedDatabases.shutDown(folder.resolve(kind.substring("twat:".length())));
      }
    }

    String same = " statistics=true management=true storeByValue=true "
        + "types=java.lang.String->java.lang.Long configurationBean=true statisticsBean=true";
    String fiveMinutes = "fiveMinutes policy=CreatedExpiryPolicy creation=5 MINUTES update=null"
        + same + " value=1";
    String custom = "custom policy=TenMinutesAfterWrite creation=10 MINUTES update=10 MINUTES"
        + same + " value=2";
    assertEquals(List.of(fiveMinutes, custom, fiveMinutes, custom, fiveMinutes, custom), lines);
  }
}

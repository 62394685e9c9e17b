/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.inject.spi.Extension;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test class once per store URI in the system property {@code twat.cdi.test.uris}
 * (separated by white space, as a URI's query may hold commas; {@code twat:memory} by default; the
 * pom sets it), each test in a fresh Weld SE
 * container holding only the beans the class names, with the URI as the default cache manager's.
 * Afterwards it destroys every cache the test made.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.twat.cache.cdi.ContainerTest#storeUris")
abstract class ContainerTest {
  private static final String DEFAULT_URI = "twat.cache.defaultUri";

  @Parameter
  String storeUri;

  private WeldContainer container;
  private String previousDefaultUri;

  static Stream<String> storeUris() {
    return Arrays.stream(System.getProperty("twat.cdi.test.uris", "twat:memory").split("\\s+"))
        .filter(uri -> !uri.isEmpty());
  }

  /** The bean classes the container holds; the extension comes from the service file. */
  abstract List<Class<?>> beans();

  @BeforeEach
  void startContainer() {
    previousDefaultUri = System.setProperty(DEFAULT_URI, storeUri);
    container = boot(beans());
  }

  /**
   * Boots a container of these beans and of every extension registered as a service: Weld SE
   * loads service extensions only with bean discovery on, so this does what discovery would.
   */
  static WeldContainer boot(List<Class<?>> beans) {
    Weld weld = new Weld();
    for (Extension extension : ServiceLoader.load(Extension.class)) {
      weld.addExtension(extension);
    }
    return weld
        .disableDiscovery()
        .addBeanClasses(beans.toArray(new Class<?>[0]))
        .property("org.jboss.weld.se.shutdownHook", false)
        .initialize();
  }

  @AfterEach
  void stopContainerAndDropCaches() {
    try {
      container.shutdown();
    } finally {
      CacheManager manager = manager();
      for (String name : manager.getCacheNames()) {
        manager.destroyCache(name);
      }
      manager.close();
      if (previousDefaultUri == null) {
        System.clearProperty(DEFAULT_URI);
      } else {
        System.setProperty(DEFAULT_URI, previousDefaultUri);
      }
    }
  }

  <T> T bean(Class<T> type) {
    return container.select(type).get();
  }

  static CacheManager manager() {
    return Caching.getCachingProvider().getCacheManager();
  }

  static Cache<Object, Object> cache(String name) {
    return manager().getCache(name);
  }
}

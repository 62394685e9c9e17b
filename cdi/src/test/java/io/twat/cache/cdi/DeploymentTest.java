/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.inject.spi.Extension;
import java.io.Serializable;
import java.util.List;
import java.util.ServiceLoader;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** How the extension registers itself and what it refuses at deployment. */
class DeploymentTest {

  @Test
  void extension_isRegisteredAsAService() {
    assertTrue(ServiceLoader.load(Extension.class).stream()
        .anyMatch(provider -> provider.type() == CacheAnnotationsExtension.class));
  }

  @Test
  void putWithoutCacheValue_failsTheDeployment_namingMethodAndFix() {
    RuntimeException failure = assertThrows(RuntimeException.class,
        () -> ContainerTest.boot(List.of(PutWithoutValue.class)).shutdown());

    assertTrue(failure.getMessage().contains("save(java.lang.String)"), failure.getMessage());
    assertTrue(
        failure.getMessage().contains("mark the parameter to cache with @CacheValue"),
        failure.getMessage());
  }

  @Test
  void twoCacheAnnotationsOnOneMethod_failTheDeployment() {
    RuntimeException failure = assertThrows(RuntimeException.class,
        () -> ContainerTest.boot(List.of(TwoAnnotations.class)).shutdown());

    assertTrue(
        failure.getMessage().contains("@CacheResult and @CacheRemove"), failure.getMessage());
  }

  @Test
  void beanOfAPassivatingScope_mayUseTheAnnotations() {
    WeldContainer container = ContainerTest.boot(List.of(SessionBean.class));
    try {
      assertEquals(1, container.getBeanManager().getBeans(SessionBean.class).size());
    } finally {
      container.shutdown();
    }
  }

  /** A put with nothing to put. */
  @ApplicationScoped
  public static class PutWithoutValue {
    @CachePut(cacheName = "users")
    public void save(String id) {
    }
  }

  /** A read that also removes. */
  @ApplicationScoped
  public static class TwoAnnotations {
    @CacheResult
    @CacheRemove
    public String both(String id) {
      return id;
    }
  }

  /** A session-scoped bean: its interceptors must be serializable. */
  @SessionScoped
  public static class SessionBean implements Serializable {
    private static final long serialVersionUID = 1L;

    @CacheResult
    public String greet(String name) {
      return "hello " + name;
    }

    @CachePut
    public void remember(String name, @CacheValue String greeting) {
    }
  }
}

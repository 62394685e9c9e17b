/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * Makes {@code @CacheResult}, {@code @CachePut}, {@code @CacheRemove} and {@code @CacheRemoveAll}
 * work in a Jakarta CDI 4 container: it declares them interceptor bindings with every member
 * non-binding (their own javax {@code @Nonbinding} means nothing to Jakarta CDI), adds the four
 * interceptors, enabled for the whole application by their {@link #PRIORITY} (no
 * {@code beans.xml} entry needed), and fails the deployment when a bean declares the annotations
 * wrongly (a {@code @CachePut} without a {@code @CacheValue}, two cache annotations on one method,
 * ...), with one message per mistake.
 *
 * <p>Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}. The container
 * calls the observers; the problem list is thread-safe for containers that process types in
 * parallel.
 */
public final class CacheAnnotationsExtension implements Extension {
  /**
   * The interceptors' priority: early among libraries ({@code LIBRARY_BEFORE + 100}), after
   * platform interceptors such as transactions, and before the application's own interceptors,
   * which a cache hit then skips.
   */
  public static final int PRIORITY = Interceptor.Priority.LIBRARY_BEFORE + 100;

  private static final List<Class<?>> INTERCEPTORS = List.of(CacheResultInterceptor.class,
      CachePutInterceptor.class, CacheRemoveInterceptor.class, CacheRemoveAllInterceptor.class);

  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private final Set<Class<?>> addedInterceptors = ConcurrentHashMap.newKeySet();
  private volatile CacheOperations operations;

  void declareBindings(@Observes BeforeBeanDiscovery discovery) {
    for (var binding : Definitions.BINDINGS) {
      discovery
          .configureInterceptorBinding(binding)
          .methods()
          .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
    }
    for (Class<?> interceptor : INTERCEPTORS) {
      discovery.addAnnotatedType(
          interceptor,
          CacheAnnotationsExtension.class.getName() + "." + interceptor.getSimpleName());
    }
  }

  /**
   * Keeps one annotated type per interceptor: a container that also scans this jar (an implicit
   * bean archive in Jakarta EE) would otherwise run each interceptor twice.
   */
  void keepOneTypePerInterceptor(
      @Observes @WithAnnotations(Interceptor.class) ProcessAnnotatedType<?> type) {
    Class<?> javaClass = type.getAnnotatedType().getJavaClass();
    if (INTERCEPTORS.contains(javaClass) && !addedInterceptors.add(javaClass)) {
      type.veto();
    }
  }

  void checkDeclarations(
      @Observes
          @WithAnnotations({
            CacheResult.class,
            CachePut.class,
            CacheRemove.class,
            CacheRemoveAll.class
          })
          ProcessAnnotatedType<?> type) {
    Class<?> javaClass = type.getAnnotatedType().getJavaClass();
    if (!INTERCEPTORS.contains(javaClass)) {
      problems.addAll(Definitions.problems(javaClass));
    }
  }

  void reportAndStart(@Observes AfterBeanDiscovery discovery, BeanManager beanManager) {
    for (String problem : problems) {
      discovery.addDefinitionError(new IllegalArgumentException(problem));
    }
    operations = new CacheOperations(beanManager);
  }

  CacheOperations operations() {
    CacheOperations started = operations;
    if (started == null) {
      throw new IllegalStateException(
          "the cache annotations extension has not started: a cache interceptor ran "
              + "before the container finished bean discovery");
    }
    return started;
  }
}

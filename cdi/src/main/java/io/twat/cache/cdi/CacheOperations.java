/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;

/**
 * The state one CDI container shares among its cache interceptors: each annotated method worked
 * out once into a {@link CachedMethod}, the resolver factories and key generators the methods
 * name (one instance per class, a CDI bean if the container has one, else made with the public
 * no-argument constructor), and the calls in flight for single-flight {@code @CacheResult}.
 *
 * <p>Thread-safe: concurrent first calls of a method may both work it out; one result is kept.
 */
final class CacheOperations {
  private final BeanManager beanManager;
  private final ConcurrentMap<MethodKey, Optional<CachedMethod<?>>> methods =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<Class<?>, Object> helpers = new ConcurrentHashMap<>();
  private final CacheResolverFactory defaultResolverFactory = new DefaultCacheResolverFactory();
  private final CacheKeyGenerator defaultKeyGenerator = new DefaultCacheKeyGenerator();
  private final Flights flights = new Flights();

  CacheOperations(BeanManager beanManager) {
    this.beanManager = beanManager;
  }

  Flights flights() {
    return flights;
  }

  /**
   * Returns the worked-out method for this cache annotation type, or {@code null} when the
   * annotation does not govern the method (another cache annotation on the method overrides one on
   * its class).
   */
  @SuppressWarnings("unchecked")
  <A extends Annotation> CachedMethod<A> method(Method method, Class<A> type) {
    MethodKey key = new MethodKey(method, type);
    Optional<CachedMethod<?>> known = methods.get(key);
    if (known == null) {
      known = Optional.ofNullable(workOut(method, type));
      methods.putIfAbsent(key, known);
    }
    return (CachedMethod<A>) known.orElse(null);
  }

  private <A extends Annotation> CachedMethod<A> workOut(Method method, Class<A> type) {
    A annotation = Definitions.cacheAnnotation(method, type);
    if (annotation == null) {
      return null;
    }
    List<String> problems = Definitions.problems(method.getDeclaringClass());
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    CacheDefaults defaults = method.getDeclaringClass().getAnnotation(CacheDefaults.class);
    Members members = Members.of(annotation);
    String cacheName = !members.cacheName.isEmpty() ? members.cacheName
        : defaults != null && !defaults.cacheName().isEmpty() ? defaults.cacheName()
        : Definitions.defaultCacheName(method);
    MethodDetails<A> details =
        new MethodDetails<>(
            method,
            Collections.unmodifiableSet(
                new LinkedHashSet<>(Arrays.asList(method.getAnnotations()))),
            annotation,
            cacheName);

    CacheResolverFactory factory =
        helper(
            members.resolverFactory,
            defaults == null ? CacheResolverFactory.class : defaults.cacheResolverFactory(),
            CacheResolverFactory.class,
            defaultResolverFactory);
    CacheResolver exceptionResolver = null;
    if (annotation instanceof CacheResult result && !result.exceptionCacheName().isEmpty()) {
      @SuppressWarnings("unchecked")
      MethodDetails<CacheResult> resultDetails = (MethodDetails<CacheResult>) details;
      exceptionResolver = factory.getExceptionCacheResolver(resultDetails);
    }
    CacheKeyGenerator keyGenerator =
        members.keyGenerator == null
            ? null
            : helper(
                members.keyGenerator,
                defaults == null ? CacheKeyGenerator.class : defaults.cacheKeyGenerator(),
                CacheKeyGenerator.class,
                defaultKeyGenerator);
    List<Set<Annotation>> parameterAnnotations = new ArrayList<>();
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      parameterAnnotations.add(
          Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(annotations))));
    }
    return new CachedMethod<>(
        details,
        List.copyOf(parameterAnnotations),
        factory.getCacheResolver(details),
        exceptionResolver,
        keyGenerator);
  }

  /**
   * Picks the annotation's class, else the {@code @CacheDefaults} one, else the built-in default.
   */
  private <T> T helper(
      Class<? extends T> named, Class<? extends T> defaulted, Class<T> unset, T builtIn) {
    Class<? extends T> chosen = named != unset ? named : defaulted != unset ? defaulted : null;
    return chosen == null
        ? builtIn
        : unset.cast(helpers.computeIfAbsent(chosen, this::instantiate));
  }

  private Object instantiate(Class<?> type) {
    Instance<?> beans = beanManager.createInstance().select(type);
    if (beans.isResolvable()) {
      return beans.get();
    }
    try {
      Constructor<?> constructor = type.getConstructor();
      return constructor.newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException(
          "cannot make a "
              + type.getName()
              + ": it is no CDI bean and has no public "
              + "no-argument constructor; add one, or make it a bean",
          e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "the constructor of " + type.getName() + " failed", e.getCause());
    }
  }

  /** A method as one of the four interceptors sees it. */
  private record MethodKey(Method method, Class<? extends Annotation> type) {
  }

  /** The members the four annotations share, read from whichever one it is. */
  private static final class Members {
    final String cacheName;
    final Class<? extends CacheResolverFactory> resolverFactory;
    final Class<? extends CacheKeyGenerator> keyGenerator;

    private Members(String cacheName, Class<? extends CacheResolverFactory> resolverFactory,
        Class<? extends CacheKeyGenerator> keyGenerator) {
      this.cacheName = cacheName;
      this.resolverFactory = resolverFactory;
      this.keyGenerator = keyGenerator;
    }

    static Members of(Annotation annotation) {
      if (annotation instanceof CacheResult a) {
        return new Members(a.cacheName(), a.cacheResolverFactory(), a.cacheKeyGenerator());
      }
      if (annotation instanceof CachePut a) {
        return new Members(a.cacheName(), a.cacheResolverFactory(), a.cacheKeyGenerator());
      }
      if (annotation instanceof CacheRemove a) {
        return new Members(a.cacheName(), a.cacheResolverFactory(), a.cacheKeyGenerator());
      }
      CacheRemoveAll a = (CacheRemoveAll) annotation;
      return new Members(a.cacheName(), a.cacheResolverFactory(), /* keyGenerator= */ null);
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import javax.cache.annotation.CacheMethodDetails;

/**
 * What a {@code CacheResolverFactory} learns about an annotated method: the method, all its
 * annotations, the cache annotation that applies and the cache name that follows from it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <A> the cache annotation type
 */
final class MethodDetails<A extends Annotation> implements CacheMethodDetails<A> {
  private final Method method;
  private final Set<Annotation> annotations;
  private final A cacheAnnotation;
  private final String cacheName;

  MethodDetails(Method method, Set<Annotation> annotations, A cacheAnnotation, String cacheName) {
    this.method = method;
    this.annotations = annotations;
    this.cacheAnnotation = cacheAnnotation;
    this.cacheName = cacheName;
  }

  @Override
  public Method getMethod() {
    return method;
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return annotations;
  }

  @Override
  public A getCacheAnnotation() {
    return cacheAnnotation;
  }

  @Override
  public String getCacheName() {
    return cacheName;
  }

  @Override
  public String toString() {
    return "@"
        + cacheAnnotation.annotationType().getSimpleName()
        + " "
        + method
        + " -> cache "
        + cacheName;
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.cache.Cache;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * Everything an interceptor needs about one annotated method, worked out once: its details, its
 * resolvers and key generator, which arguments form the key and which is the value, and whether
 * it answers asynchronously.
 *
 * <p>Immutable and thread-safe (the resolvers and generators it holds must be, as the spec asks).
 *
 * @param <A> the cache annotation type
 */
final class CachedMethod<A extends Annotation> {
  private final MethodDetails<A> details;
  private final CacheResolver cacheResolver;
  private final CacheResolver exceptionCacheResolver;
  private final CacheKeyGenerator keyGenerator;
  private final Class<?>[] parameterTypes;
  private final List<Set<Annotation>> parameterAnnotations;
  private final int[] keyPositions;
  private final int valuePosition;
  private final boolean async;

  CachedMethod(
      MethodDetails<A> details,
      List<Set<Annotation>> parameterAnnotations,
      CacheResolver cacheResolver,
      CacheResolver exceptionCacheResolver,
      CacheKeyGenerator keyGenerator) {
    Method method = details.getMethod();
    this.details = details;
    this.cacheResolver = cacheResolver;
    this.exceptionCacheResolver = exceptionCacheResolver;
    this.keyGenerator = keyGenerator;
    this.parameterTypes = method.getParameterTypes();
    this.parameterAnnotations = parameterAnnotations;
    this.keyPositions = Definitions.keyPositions(method);
    this.valuePosition = Definitions.valuePosition(method);
    Class<?> returned = method.getReturnType();
    this.async = returned == CompletionStage.class || returned == CompletableFuture.class;
  }

  MethodDetails<A> details() {
    return details;
  }

  A annotation() {
    return details.getCacheAnnotation();
  }

  Class<?>[] parameterTypes() {
    return parameterTypes;
  }

  List<Set<Annotation>> parameterAnnotations() {
    return parameterAnnotations;
  }

  int[] keyPositions() {
    return keyPositions;
  }

  int valuePosition() {
    return valuePosition;
  }

  /** Whether the method returns a {@code CompletionStage} or {@code CompletableFuture}. */
  boolean isAsync() {
    return async;
  }

  KeyInvocationContext<A> context(Object target, Object[] arguments) {
    return new KeyInvocationContext<>(this, target, arguments);
  }

  Cache<Object, Object> cache(KeyInvocationContext<A> context) {
    Cache<Object, Object> cache = cacheResolver.resolveCache(context);
    if (cache == null) {
      throw new IllegalStateException(
          cacheResolver.getClass().getName()
              + " resolved no cache for "
              + details
              + "; a CacheResolver must return a cache");
    }
    return cache;
  }

  /** Returns the exception cache, or {@code null} when the method names none. */
  Cache<Object, Object> exceptionCache(KeyInvocationContext<A> context) {
    return exceptionCacheResolver == null ? null : exceptionCacheResolver.resolveCache(context);
  }

  GeneratedCacheKey key(KeyInvocationContext<A> context) {
    GeneratedCacheKey key = keyGenerator.generateCacheKey(context);
    if (key == null) {
      throw new IllegalStateException(
          keyGenerator.getClass().getName()
              + " generated a null key for "
              + details
              + "; a CacheKeyGenerator must return a key");
    }
    return key;
  }
}

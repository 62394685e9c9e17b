/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.Cache;
import javax.cache.annotation.CachePut;

/**
 * Runs {@code @CachePut}: puts the {@code @CacheValue} argument under the call's key (a
 * {@code null} value removes the key), after the method returns by default. With
 * {@code afterInvocation = false} it puts before invoking the method. When the method throws
 * after invocation, it puts only if {@code cacheFor}/{@code noCacheFor} select the exception
 * (with both empty, no exception does).
 *
 * <p>Thread-safe.
 */
@CachePut
@Interceptor
@Priority(CacheAnnotationsExtension.PRIORITY)
public final class CachePutInterceptor extends CacheInterceptor {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the interceptor; the container calls this.
   *
   * @param beanManager the container, to find the cache operations in
   */
  @Inject
  public CachePutInterceptor(BeanManager beanManager) {
    super(beanManager);
  }

  /**
   * Puts the value before or after the call.
   *
   * @param invocation the intercepted call
   * @return what the method returned
   * @throws Exception what the method threw
   */
  @AroundInvoke
  public Object cachePut(InvocationContext invocation) throws Exception {
    CachedMethod<CachePut> method = operations().method(invocation.getMethod(), CachePut.class);
    if (method == null) {
      return invocation.proceed();
    }
    KeyInvocationContext<CachePut> context =
        method.context(invocation.getTarget(), invocation.getParameters());
    Cache<Object, Object> cache = method.cache(context);
    Object key = method.key(context);
    Object value = context.argument(method.valuePosition());
    CachePut annotation = method.annotation();
    return proceedWithWrite(
        invocation,
        annotation.afterInvocation(),
        annotation.cacheFor(),
        annotation.noCacheFor(),
        () -> put(cache, key, value));
  }

  private static void put(Cache<Object, Object> cache, Object key, Object value) {
    if (value == null) {
      cache.remove(key);
    } else {
      cache.put(key, value);
    }
  }
}

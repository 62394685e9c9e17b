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
import javax.cache.annotation.CacheRemoveAll;

/**
 * Runs {@code @CacheRemoveAll}: empties the cache (through {@code removeAll}, so listeners and
 * writers see each removal), after the method returns by default, or before invoking it with
 * {@code afterInvocation = false}. When the method throws after invocation, it empties the cache
 * only if {@code evictFor}/{@code noEvictFor} select the exception (with both empty, no exception
 * does).
 *
 * <p>Thread-safe.
 */
@CacheRemoveAll
@Interceptor
@Priority(CacheAnnotationsExtension.PRIORITY)
public final class CacheRemoveAllInterceptor extends CacheInterceptor {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the interceptor; the container calls this.
   *
   * @param beanManager the container, to find the cache operations in
   */
  @Inject
  public CacheRemoveAllInterceptor(BeanManager beanManager) {
    super(beanManager);
  }

  /**
   * Empties the cache before or after the call.
   *
   * @param invocation the intercepted call
   * @return what the method returned
   * @throws Exception what the method threw
   */
  @AroundInvoke
  public Object cacheRemoveAll(InvocationContext invocation) throws Exception {
    CachedMethod<CacheRemoveAll> method =
        operations().method(invocation.getMethod(), CacheRemoveAll.class);
    if (method == null) {
      return invocation.proceed();
    }
    Cache<Object, Object> cache =
        method.cache(method.context(invocation.getTarget(), invocation.getParameters()));
    CacheRemoveAll annotation = method.annotation();
    return proceedWithWrite(
        invocation,
        annotation.afterInvocation(),
        annotation.evictFor(),
        annotation.noEvictFor(),
        cache::removeAll);
  }
}

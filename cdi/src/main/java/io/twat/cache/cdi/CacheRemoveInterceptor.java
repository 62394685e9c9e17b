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
import javax.cache.annotation.CacheRemove;

/**
 * Runs {@code @CacheRemove}: removes the call's key from the cache, after the method returns by
 * default, or before invoking it with {@code afterInvocation = false}. When the method throws
 * after invocation, it removes only if {@code evictFor}/{@code noEvictFor} select the exception
 * (with both empty, no exception does).
 *
 * <p>Thread-safe.
 */
@CacheRemove
@Interceptor
@Priority(CacheAnnotationsExtension.PRIORITY)
public final class CacheRemoveInterceptor extends CacheInterceptor {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the interceptor; the container calls this.
   *
   * @param beanManager the container, to find the cache operations in
   */
  @Inject
  public CacheRemoveInterceptor(BeanManager beanManager) {
    super(beanManager);
  }

  /**
   * Removes the key before or after the call.
   *
   * @param invocation the intercepted call
   * @return what the method returned
   * @throws Exception what the method threw
   */
  @AroundInvoke
  public Object cacheRemove(InvocationContext invocation) throws Exception {
    CachedMethod<CacheRemove> method =
        operations().method(invocation.getMethod(), CacheRemove.class);
    if (method == null) {
      return invocation.proceed();
    }
    KeyInvocationContext<CacheRemove> context =
        method.context(invocation.getTarget(), invocation.getParameters());
    Cache<Object, Object> cache = method.cache(context);
    Object key = method.key(context);
    CacheRemove annotation = method.annotation();
    return proceedWithWrite(
        invocation,
        annotation.afterInvocation(),
        annotation.evictFor(),
        annotation.noEvictFor(),
        () -> cache.remove(key));
  }
}

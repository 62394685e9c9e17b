/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/**
 * What the four interceptors share: the way to their container's {@link CacheOperations}, and
 * (for put, remove and removeAll) when a write happens around the call.
 * Serializable, so that beans of passivating scopes (session, conversation) may use the
 * annotations; the bean manager Weld injects is serializable.
 *
 * <p>Thread-safe: one interceptor instance serves all calls of its bean instance.
 */
abstract class CacheInterceptor implements Serializable {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial")
  private final BeanManager beanManager;
  private transient CacheOperations operations;

  CacheInterceptor(BeanManager beanManager) {
    this.beanManager = beanManager;
  }

  final CacheOperations operations() {
    CacheOperations known = operations;
    if (known == null) {
      // A benign race: every thread finds the same instance, whose fields are final.
      known = beanManager.getExtension(CacheAnnotationsExtension.class).operations();
      operations = known;
    }
    return known;
  }

  /** Rethrows what a computation threw, as the intercepted method's own throw would have been. */
  static Exception rethrowable(Throwable thrown) {
    if (thrown instanceof Error error) {
      throw error;
    }
    if (thrown instanceof Exception exception) {
      return exception;
    }
    return new IllegalStateException("the cached method threw a plain Throwable", thrown);
  }

  /**
   * Runs the intercepted call with a cache write as {@code @CachePut}, {@code @CacheRemove} and
   * {@code @CacheRemoveAll} define it: before the call unless {@code afterInvocation}; else after
   * it returns, or after it throws an exception that {@code forTypes}/{@code notForTypes} select
   * (none when both are empty), a failure of that write then being added to the thrown one.
   *
   * @return what the method returned
   * @throws Exception what the method threw
   */
  static Object proceedWithWrite(
      InvocationContext invocation,
      boolean afterInvocation,
      Class<?>[] forTypes,
      Class<?>[] notForTypes,
      Runnable write)
      throws Exception {
    if (!afterInvocation) {
      write.run();
      return invocation.proceed();
    }
    Object result;
    try {
      result = invocation.proceed();
    } catch (Exception | Error thrown) {
      if (ExceptionFilter.matches(thrown, forTypes, notForTypes, /* whenBothEmpty= */ false)) {
        try {
          write.run();
        } catch (RuntimeException notWritten) {
          thrown.addSuppressed(notWritten);
        }
      }
      throw thrown;
    }
    write.run();
    return result;
  }
}

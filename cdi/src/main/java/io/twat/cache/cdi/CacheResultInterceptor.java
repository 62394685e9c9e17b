/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import io.twat.cache.cdi.Flights.Flight;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.annotation.CacheResult;

/**
 * Runs {@code @CacheResult}: returns the cached value for the call's key, else invokes the method
 * and caches what it returns (a {@code null} is returned but not cached). With an {@code
 * exceptionCacheName}, a thrown exception that {@code cachedExceptions} and {@code
 * nonCachedExceptions} select is cached too, and thrown again by later calls with the key. {@code
 * skipGet} invokes the method every time and caches its result.
 *
 * <p>Beyond the spec:
 *
 * <ul>
 *   <li>Single flight: callers that miss the same key while one of them computes it wait for that
 *       computation and get its value (or its exception) instead of computing again.
 *   <li>A method returning {@code CompletionStage} or {@code CompletableFuture} caches the value
 *       the future completes with, not the future; a failed future is not cached. A hit returns a
 *       completed future.
 * </ul>
 *
 * <p>Thread-safe.
 */
@CacheResult
@Interceptor
@Priority(CacheAnnotationsExtension.PRIORITY)
public final class CacheResultInterceptor extends CacheInterceptor {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = System.getLogger(CacheResultInterceptor.class.getName());

  /**
   * Creates the interceptor; the container calls this.
   *
   * @param beanManager the container, to find the cache operations in
   */
  @Inject
  public CacheResultInterceptor(BeanManager beanManager) {
    super(beanManager);
  }

  /**
   * Answers the call from the cache or computes and caches it.
   *
   * @param invocation the intercepted call
   * @return the cached or computed result
   * @throws Exception what the method threw, or a cached exception
   */
  @AroundInvoke
  public Object cacheResult(InvocationContext invocation) throws Exception {
    CachedMethod<CacheResult> method =
        operations().method(invocation.getMethod(), CacheResult.class);
    if (method == null) {
      return invocation.proceed();
    }
    KeyInvocationContext<CacheResult> context =
        method.context(invocation.getTarget(), invocation.getParameters());
    Call call = new Call(invocation, method, method.cache(context), method.exceptionCache(context),
        method.key(context));
    if (method.annotation().skipGet()) {
      return call.compute(/* flight= */ null);
    }
    Object hit = call.lookUp();
    if (hit != null) {
      return hit;
    }
    Flight flight = operations().flights().join(call.cache, call.key);
    if (flight == null) {
      return call.compute(/* flight= */ null);
    }
    if (!flight.isLedByCurrentThread()) {
      return call.follow(flight);
    }
    try {
      hit = call.lookUp();
    } catch (Exception | Error thrown) {
      call.settle(flight, null, thrown);
      throw thrown;
    }
    if (hit != null) {
      call.settle(flight, method.isAsync() ? ((CompletableFuture<?>) hit).join() : hit, null);
      return hit;
    }
    return call.compute(flight);
  }

  /** One intercepted call with its cache, exception cache and key. */
  private final class Call {
    private final InvocationContext invocation;
    private final CachedMethod<CacheResult> method;
    private final Cache<Object, Object> cache;
    private final Cache<Object, Object> exceptions;
    private final Object key;

    Call(
        InvocationContext invocation,
        CachedMethod<CacheResult> method,
        Cache<Object, Object> cache,
        Cache<Object, Object> exceptions,
        Object key) {
      this.invocation = invocation;
      this.method = method;
      this.cache = cache;
      this.exceptions = exceptions;
      this.key = key;
    }

    /**
     * Returns the cached result (as a completed future for async methods), throws a cached
     * exception, or null.
     */
    Object lookUp() throws Exception {
      Object value = cache.get(key);
      if (value != null) {
        return method.isAsync() ? CompletableFuture.completedFuture(value) : value;
      }
      if (exceptions != null) {
        Object thrown = exceptions.get(key);
        if (thrown instanceof Throwable throwable) {
          throw rethrowable(throwable);
        }
      }
      return null;
    }

    /** Waits for the flight another thread leads (async methods: returns a future of it). */
    @SuppressWarnings("FutureReturnValueIgnored") // the future is the async method's result
    Object follow(Flight flight) throws Exception {
      if (method.isAsync()) {
        return flight.outcome().copy();
      }
      try {
        return flight.outcome().get();
      } catch (ExecutionException failed) {
        throw rethrowable(failed.getCause());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new CacheException(
            "interrupted while waiting for a concurrent call of "
                + method.details().getMethod()
                + " to compute key "
                + key,
            interrupted);
      }
    }

    /** Invokes the method, caches its result (or exception) and settles the flight, if any. */
    Object compute(Flight flight) throws Exception {
      Object result;
      try {
        result = invocation.proceed();
      } catch (Exception | Error thrown) {
        leaderReturned(flight);
        try {
          cacheException(thrown);
        } finally {
          settle(flight, null, thrown);
        }
        throw thrown;
      }
      leaderReturned(flight);
      if (method.isAsync() && result != null) {
        ((CompletionStage<?>) result)
            .whenComplete(
                (value, failure) -> {
                  try {
                    if (failure == null && value != null) {
                      cache.put(key, value);
                    }
                  } catch (RuntimeException notCached) {
                    LOG.log(
                        Level.WARNING,
                        "could not cache the value of "
                            + method.details().getMethod()
                            + " for key "
                            + key,
                        notCached);
                  } finally {
                    settle(flight, value, failure);
                  }
                });
        return result;
      }
      try {
        if (result != null) {
          cache.put(key, result);
        }
      } catch (RuntimeException notCached) {
        settle(flight, null, notCached);
        throw notCached;
      }
      settle(flight, result, null);
      return result;
    }

    private void cacheException(Throwable thrown) {
      CacheResult annotation = method.annotation();
      if (exceptions != null && ExceptionFilter.matches(thrown, annotation.cachedExceptions(),
          annotation.nonCachedExceptions(), /* whenBothEmpty= */ true)) {
        try {
          exceptions.put(key, thrown);
        } catch (RuntimeException notCached) {
          thrown.addSuppressed(notCached);
        }
      }
    }

    private void leaderReturned(Flight flight) {
      if (flight != null) {
        flight.leaderReturned();
      }
    }

    void settle(Flight flight, Object value, Throwable failure) {
      if (flight == null) {
        return;
      }
      operations().flights().land(flight);
      if (failure != null) {
        flight.outcome().completeExceptionally(failure);
      } else {
        flight.outcome().complete(value);
      }
    }
  }
}

/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyInvocationContext;

/**
 * One intercepted call as the spec's resolvers and key generators see it: the method's details, the
 * target bean and the arguments, split into key parameters and the value parameter.
 *
 * <p>Made per call and used by the calling thread only.
 *
 * @param <A> the cache annotation type
 */
final class KeyInvocationContext<A extends Annotation> implements CacheKeyInvocationContext<A> {
  private final CachedMethod<A> method;
  private final Object target;
  private final Object[] arguments;

  KeyInvocationContext(CachedMethod<A> method, Object target, Object[] arguments) {
    this.method = method;
    this.target = target;
    this.arguments = arguments;
  }

  @Override
  public Method getMethod() {
    return method.details().getMethod();
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return method.details().getAnnotations();
  }

  @Override
  public A getCacheAnnotation() {
    return method.details().getCacheAnnotation();
  }

  @Override
  public String getCacheName() {
    return method.details().getCacheName();
  }

  @Override
  public Object getTarget() {
    return target;
  }

  @Override
  public CacheInvocationParameter[] getAllParameters() {
    CacheInvocationParameter[] all = new CacheInvocationParameter[arguments.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = parameter(i);
    }
    return all;
  }

  @Override
  public CacheInvocationParameter[] getKeyParameters() {
    int[] positions = method.keyPositions();
    CacheInvocationParameter[] keys = new CacheInvocationParameter[positions.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = parameter(positions[i]);
    }
    return keys;
  }

  @Override
  public CacheInvocationParameter getValueParameter() {
    int position = method.valuePosition();
    return position < 0 ? null : parameter(position);
  }

  /** Returns the argument at this position; cheaper than building a parameter for it. */
  Object argument(int position) {
    return arguments[position];
  }

  private CacheInvocationParameter parameter(int position) {
    return new InvocationParameter(method.parameterTypes()[position], arguments[position],
        method.parameterAnnotations().get(position), position);
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException(
        "a cache invocation context cannot be unwrapped to "
            + type.getName()
            + "; only to the javax.cache.annotation context interfaces it implements");
  }
}

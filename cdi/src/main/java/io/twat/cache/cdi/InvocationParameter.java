/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import java.lang.annotation.Annotation;
import java.util.Set;
import javax.cache.annotation.CacheInvocationParameter;

/**
 * One argument of one intercepted call, with its declared type and annotations.
 *
 * <p>Immutable; thread-safe as far as the argument itself is.
 */
final class InvocationParameter implements CacheInvocationParameter {
  private final Class<?> rawType;
  private final Object value;
  private final Set<Annotation> annotations;
  private final int position;

  InvocationParameter(Class<?> rawType, Object value, Set<Annotation> annotations, int position) {
    this.rawType = rawType;
    this.value = value;
    this.annotations = annotations;
    this.position = position;
  }

  @Override
  public Class<?> getRawType() {
    return rawType;
  }

  @Override
  public Object getValue() {
    return value;
  }

  @Override
  public Set<Annotation> getAnnotations() {
    return annotations;
  }

  @Override
  public int getParameterPosition() {
    return position;
  }
}

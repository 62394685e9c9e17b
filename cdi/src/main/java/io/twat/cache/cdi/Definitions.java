/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * The spec's rules read from the annotations alone: which cache annotation applies to a method,
 * its default cache name, its key and value parameters, and what makes a declaration wrong.
 *
 * <p>Stateless and thread-safe.
 */
final class Definitions {
  /** The four annotations that each bind an interceptor. */
  static final List<Class<? extends Annotation>> BINDINGS =
      List.of(CacheResult.class, CachePut.class, CacheRemove.class, CacheRemoveAll.class);

  private Definitions() {
  }

  /**
   * Returns the annotation of this type that governs the method: its own, else its class's if the
   * method carries none of the four cache annotations itself; {@code null} when none applies.
   */
  static <A extends Annotation> A cacheAnnotation(Method method, Class<A> type) {
    A own = method.getAnnotation(type);
    if (own != null) {
      return own;
    }
    for (Class<? extends Annotation> binding : BINDINGS) {
      if (method.isAnnotationPresent(binding)) {
        return null;
      }
    }
    return method.getDeclaringClass().getAnnotation(type);
  }

  /** The spec's default name: {@code package.Class.method(package.ParamType,...)}. */
  static String defaultCacheName(Method method) {
    StringJoiner types =
        new StringJoiner(
            ",", method.getDeclaringClass().getName() + "." + method.getName() + "(", ")");
    for (Class<?> type : method.getParameterTypes()) {
      types.add(type.getName());
    }
    return types.toString();
  }

  /**
   * Positions of the {@code @CacheKey} parameters, or else of all but the {@code @CacheValue} one.
   */
  static int[] keyPositions(Method method) {
    Annotation[][] annotations = method.getParameterAnnotations();
    int[] marked = positionsOf(annotations, CacheKey.class, /* present= */ true);
    return marked.length > 0
        ? marked
        : positionsOf(annotations, CacheValue.class, /* present= */ false);
  }

  /** Position of the {@code @CacheValue} parameter, or -1. */
  static int valuePosition(Method method) {
    int[] values =
        positionsOf(method.getParameterAnnotations(), CacheValue.class, /* present= */ true);
    return values.length == 0 ? -1 : values[0];
  }

  /**
   * Lists what is wrong with the cache annotations of this class's methods, each problem a
   * sentence naming the method and the fix; empty when all is well.
   */
  static List<String> problems(Class<?> type) {
    List<String> problems = new ArrayList<>();
    for (Method method : type.getDeclaredMethods()) {
      List<String> found = new ArrayList<>();
      for (Class<? extends Annotation> binding : BINDINGS) {
        if (method.isAnnotationPresent(binding)) {
          found.add("@" + binding.getSimpleName());
        }
      }
      if (found.isEmpty()) {
        continue;
      }
      if (found.size() > 1) {
        problems.add(
            method
                + " carries "
                + String.join(" and ", found)
                + "; a method may carry only one cache "
                + "annotation: split it into two methods");
      }
      if (Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
        problems.add(
            method
                + " is static or private, so CDI cannot intercept it and "
                + found.get(0)
                + " would do nothing: make it a non-private instance method");
      }
      int values =
          positionsOf(method.getParameterAnnotations(), CacheValue.class, /* present= */ true)
              .length;
      if (values > 1) {
        problems.add(method + " has " + values + " @CacheValue parameters; mark exactly one");
      }
      if (method.isAnnotationPresent(CachePut.class) && values == 0) {
        problems.add(
            method
                + " is a @CachePut without a @CacheValue parameter; mark the parameter to cache "
                + "with @CacheValue");
      }
    }
    return problems;
  }

  private static int[] positionsOf(
      Annotation[][] annotations, Class<? extends Annotation> type, boolean present) {
    int[] positions = new int[annotations.length];
    int count = 0;
    for (int i = 0; i < annotations.length; i++) {
      boolean has = false;
      for (Annotation annotation : annotations[i]) {
        has |= annotation.annotationType() == type;
      }
      if (has == present) {
        positions[count++] = i;
      }
    }
    return Arrays.copyOf(positions, count);
  }
}

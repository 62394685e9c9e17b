/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.copy;

import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * Knows which classes have instances that nobody can change, so store-by-value need not copy
 * them: the JDK's immutable value types, enums, and {@code Serializable} records whose components
 * are all immutable. Each of them serializes, so a store-by-value cache on the heap takes exactly
 * the values a disk store can write: a record that is not {@code Serializable} is refused on
 * every store.
 *
 * <p>Thread-safe; the answer per class is computed once.
 */
final class ImmutableTypes {
  private static final Set<Class<?>> KNOWN = Set.of(
      String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class,
      Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class, UUID.class,
      URI.class, Instant.class, Duration.class, LocalDate.class, LocalTime.class,
      LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class, Class.class);

  private static final ClassValue<Boolean> IMMUTABLE = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return isImmutable(type);
    }
  };

  private ImmutableTypes() {
  }

  /** Returns whether instances of exactly this class are immutable. */
  static boolean isImmutable(Object value) {
    return IMMUTABLE.get(value.getClass());
  }

  private static boolean isImmutable(Class<?> type) {
    if (KNOWN.contains(type) || type.isEnum() || type.isPrimitive()) {
      return true;
    }
    if (type.getSuperclass() != null && type.getSuperclass().isEnum()) {
      return true; // an enum constant with a body
    }
    if (type.isRecord() && Serializable.class.isAssignableFrom(type)) {
      for (RecordComponent component : type.getRecordComponents()) {
        Class<?> componentType = component.getType();
        boolean finalType =
            componentType.isPrimitive() || Modifier.isFinal(componentType.getModifiers());
        if (!finalType || (componentType != type && !IMMUTABLE.get(componentType))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}

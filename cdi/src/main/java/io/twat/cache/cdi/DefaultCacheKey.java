/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import java.io.Serializable;
import java.util.Arrays;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * The key the default {@link DefaultCacheKeyGenerator} makes: the values of a method's key
 * parameters, in order. Two keys are equal when their values are deeply equal (arrays compare by
 * content). Serializable, as store-by-value and disk stores need, when every value is.
 *
 * <p>Immutable and thread-safe as long as nobody mutates the parameter values after the call.
 */
public final class DefaultCacheKey implements GeneratedCacheKey {
  private static final long serialVersionUID = 1L;

  /** The parameter values; each is expected to be {@link Serializable} for stores that copy. */
  @SuppressWarnings("serial")
  private final Object[] values;
  private final int hash;

  /**
   * Creates the key of these parameter values.
   *
   * @param values the key parameter values, in declaration order; copied
   */
  public DefaultCacheKey(Object... values) {
    this.values = values.clone();
    this.hash = Arrays.deepHashCode(this.values);
  }

  @Override
  public boolean equals(Object other) {
    return other == this
        || (other instanceof DefaultCacheKey that && hash == that.hash
            && Arrays.deepEquals(values, that.values));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "DefaultCacheKey" + Arrays.deepToString(values);
  }
}

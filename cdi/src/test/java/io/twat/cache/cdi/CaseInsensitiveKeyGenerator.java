/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import java.lang.annotation.Annotation;
import java.util.Locale;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

/** A key generator that is no CDI bean: the extension makes it with its no-argument constructor. */
public final class CaseInsensitiveKeyGenerator implements CacheKeyGenerator {
  @Override
  public GeneratedCacheKey generateCacheKey(
      CacheKeyInvocationContext<? extends Annotation> context) {
    return new DefaultCacheKey(
        String.valueOf(context.getKeyParameters()[0].getValue()).toLowerCase(Locale.ROOT));
  }
}

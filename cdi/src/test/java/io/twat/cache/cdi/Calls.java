/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts calls for beans whose own methods are all intercepted. */
@ApplicationScoped
public class Calls {
  private final AtomicInteger count = new AtomicInteger();

  public int count() {
    return count.get();
  }

  public int increment() {
    return count.incrementAndGet();
  }
}

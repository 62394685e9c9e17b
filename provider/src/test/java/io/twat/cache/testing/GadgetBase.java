/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The non-serializable superclass of {@link Gadget}: deserializing a Gadget would run this
 * constructor, so its count shows whether a refused stream got that far.
 */
public class GadgetBase {
  /** Calls of the constructor; tests reset it. */
  public static final AtomicInteger constructorCalls = new AtomicInteger();

  /** Counts the call. */
  public GadgetBase() {
    constructorCalls.incrementAndGet();
  }
}

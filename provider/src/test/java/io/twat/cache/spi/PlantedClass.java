/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

/**
 * A class that a planted cache record names as its expiry policy, though it is none: reading the
 * record must not initialize it, which {@link #gadgetInitialized} would show. Tests only.
 */
public final class PlantedClass {
  /** Set by the static initializer of {@link Gadget}. */
  static volatile boolean gadgetInitialized;

  private PlantedClass() {
  }

  /** The class the record names: public, with a public constructor, but no ExpiryPolicy. */
  public static final class Gadget {
    static {
      gadgetInitialized = true;
    }

    /** Public, so that only the type check can refuse it. */
    public Gadget() {
    }
  }
}

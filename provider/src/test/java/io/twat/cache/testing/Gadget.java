/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class whose {@code readObject} has a side effect, as a deserialization gadget's would: tests
 * plant its bytes and check, by {@link #readObjectCalls} and {@link GadgetBase#constructorCalls},
 * that a refused read never instantiated it.
 */
public final class Gadget extends GadgetBase implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Calls of {@code readObject}; tests reset it. */
  public static final AtomicInteger readObjectCalls = new AtomicInteger();

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    readObjectCalls.incrementAndGet();
  }
}

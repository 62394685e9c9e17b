/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Holds computations back until a test opens it, and counts them. */
@ApplicationScoped
public class Gate {
  private final CountDownLatch open = new CountDownLatch(1);
  private final AtomicInteger computations = new AtomicInteger();
  private final CompletableFuture<String> pending = new CompletableFuture<>();

  /** Counts a computation and blocks until the gate opens. */
  public void pass() {
    computations.incrementAndGet();
    try {
      open.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Counts a computation and returns the future the test completes. */
  public CompletableFuture<String> pending() {
    computations.incrementAndGet();
    return pending;
  }

  public CompletableFuture<String> pendingFuture() {
    return pending;
  }

  public void open() {
    open.countDown();
  }

  public int computations() {
    return computations.get();
  }
}
